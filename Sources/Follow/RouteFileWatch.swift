package import Ingest
package import Routing

/// The route files of `ingest --follow --routes`, looked at on every poll: when one is edited, replaced, added to
/// or removed from a route directory, they are read again, so the daemon attributes requests with, and records the
/// weights of, the table the files now describe.
///
/// A change shows in `stat(2)` of the files the paths name (size, modification time, inode; see ``LogPaths``);
/// only then are the files read, and a table equal to the one in use is no change.
package struct RouteFileWatch: Sendable {
    /// What one look at the route files found.
    package enum Change: Sendable {
        case unchanged
        /// The files describe another table: attribute with it and record its weights from now on.
        case changed(RouteTable)
        /// The files changed but do not make a table (the error names the file and the path of the problem); the
        /// previous table stays in use until they change again.
        case unusable(ConfigurationError)
        /// The files were unusable and make a table again: the one in use.
        case usableAgain
    }

    private let files: LogPaths
    private let load: @Sendable () throws(ConfigurationError) -> RouteTable
    private var seen: [FileSnapshot]
    private var isUsable = true
    /// The table in use: the last one the files made.
    package private(set) var table: RouteTable

    /// Reads the route files once; `load` reads them again at each change.
    ///
    /// - Throws: what `load` throws: the daemon does not start on route files it cannot use.
    package init(paths: [String], load: @escaping @Sendable () throws(ConfigurationError) -> RouteTable) throws(ConfigurationError) {
        files = LogPaths(paths)
        // Looked at before reading, so an edit made while they are read shows at the next poll.
        seen = files.listing()
        table = try load()
        self.load = load
    }

    /// Looks at the route files and reads them again if they changed since the last look.
    package mutating func poll() -> Change {
        let listing = files.listing()
        guard listing != seen else { return .unchanged }
        seen = listing
        do {
            let loaded = try load()
            let wasUsable = isUsable
            isUsable = true
            guard loaded != table else { return wasUsable ? .unchanged : .usableAgain }
            table = loaded
            return .changed(loaded)
        } catch {
            isUsable = false
            return .unusable(error)
        }
    }
}
