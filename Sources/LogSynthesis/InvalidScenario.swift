/// A ``TrafficScenario`` the generator cannot turn into a log, naming the offending field.
///
/// ```
/// invalid traffic scenario: routes[1].targets: actual weights sum to 0; give at least one target a positive actualWeight
/// ```
package struct InvalidScenario: Error, CustomStringConvertible, Equatable {
    /// Path of the offending field, e.g. `routes[1].targets[0].actualWeight`.
    package var field: String
    /// What is wrong and what to do about it.
    package var problem: String

    package var description: String { "invalid traffic scenario: \(field): \(problem)" }
}
