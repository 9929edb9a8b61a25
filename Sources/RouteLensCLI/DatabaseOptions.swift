import ArgumentParser
import Storage

struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The SQLite database. Default: $ROUTELENS_DB, else routelens.sqlite in the working directory.",
            valueName: "path"
        )
    )
    var db: String?

    /// The database path the options name.
    var path: String { db ?? RequestDatabase.defaultPath }

    /// The database to write to, created if missing.
    func open() throws -> RequestDatabase {
        try RequestDatabase(path: path)
    }

    /// The database to answer from: it must exist, and is opened read-only.
    func openForReading() throws -> RequestDatabase {
        try RequestDatabase(readingAt: path)
    }
}
