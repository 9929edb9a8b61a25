import TestSupport

/// A database file in a directory of its own, removed when the test ends.
final class TemporaryDatabase: Sendable {
    let directory: TemporaryDirectory
    var path: String { directory.path("routelens.sqlite") }

    init() throws {
        directory = try TemporaryDirectory()
    }
}
