import HTTPTypes
import Storage
import Synchronization

/// The database the endpoint reads, opened read-only on first use and kept: in the one-process deployment the
/// follow service may create the file a moment after the server starts, so a missing file is "not ready yet"
/// (503), not a reason to exit.
final class EndpointDatabase: Sendable {
    let path: String
    private let opened = Mutex<RequestDatabase?>(nil)

    init(path: String) {
        self.path = path
    }

    /// The open database, opening it now if needed. Blocking: call from ``BlockingReads``.
    func open() throws(EndpointError) -> RequestDatabase {
        if let database = opened.withLock({ $0 }) { return database }
        do {
            let database = try RequestDatabase(readingAt: path)
            opened.withLock { $0 = database }
            return database
        } catch {
            throw EndpointError(
                .serviceUnavailable, "the database \(path) cannot be opened: \(error)",
                hint: "start routelens ingest (or serve --follow) on it first, or pass --db with the right path"
            )
        }
    }
}

extension StorageError {
    /// A failed read as the caller sees it: 503, since a busy or locked database may answer on the next try.
    var endpointError: EndpointError {
        EndpointError(.serviceUnavailable, description, hint: "try again; if it persists, check the database with routelens status")
    }
}
