/// Something a route source holds that RouteLens reads only in part, or not at all, without refusing the source:
/// TCP and TLS routes, a target guessed because the resource it refers to was not read, a split that cannot be
/// tested or attributed. `routes check` prints these; ingest goes on.
package struct RouteConfigWarning: Sendable, Equatable, CustomStringConvertible {
    /// The name the caller gave the data, usually its file name.
    package let source: String
    /// Where in the source, as ``RouteConfigError/Location`` describes it; `nil` for the source as a whole.
    package let location: String?
    /// What was left out or guessed, and what to do about it.
    package let message: String

    package init(source: String, location: String?, message: String) {
        self.source = source
        self.location = location
        self.message = message
    }

    package var description: String {
        if let location { "\(source): \(location): \(message)" } else { "\(source): \(message)" }
    }
}
