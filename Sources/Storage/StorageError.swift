package import GRDB

/// A database problem a caller can act on: what kind it is, which database, what RouteLens was doing, and SQLite's
/// own words.
///
/// Callers switch on ``kind`` — a daemon retries a busy or full database and gives up on a corrupt one — the way
/// GRDB's `DatabaseError.resultCode` is meant to be read; ``description`` is the message users see.
///
/// ```swift
/// do { try database.write { … } } catch let error where error.kind == .full { … }
/// ```
package struct StorageError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as far as it changes what to do about it.
    package enum Kind: Sendable, Equatable {
        /// Another connection holds a lock for longer than RouteLens waits (`SQLITE_BUSY`, `SQLITE_LOCKED`).
        case busy
        /// The disk or the database's size limit is full (`SQLITE_FULL`).
        case full
        /// The file is damaged or not an SQLite database (`SQLITE_CORRUPT`, `SQLITE_NOTADB`).
        case corrupt
        /// The file or its directory cannot be written (`SQLITE_READONLY`, or a read-only open asked to write).
        case readOnly
        /// There is no database at the path (a read command never creates one).
        case missing
        /// The file cannot be opened: a bad path or permissions (`SQLITE_CANTOPEN`, `SQLITE_PERM`).
        case cannotOpen
        /// Anything else SQLite reported.
        case other
    }

    /// What RouteLens was doing when it failed.
    package enum Operation: Sendable, Equatable {
        case open
        case write
        /// Reading, for the named report or lookup.
        case read(String)
    }

    package var kind: Kind
    package var operation: Operation
    /// The database file.
    package var path: String
    /// SQLite's message, or RouteLens's where SQLite said nothing.
    package var detail: String

    package init(_ kind: Kind, operation: Operation, path: String, detail: String) {
        self.kind = kind
        self.operation = operation
        self.path = path
        self.detail = detail
    }

    /// Classifies an error thrown by GRDB or SQLite while doing `operation` on the database at `path`.
    package init(_ error: any Error, operation: Operation, path: String) {
        if let error = error as? StorageError {
            self = error
            return
        }
        guard let error = error as? DatabaseError else {
            self.init(.other, operation: operation, path: path, detail: String(describing: error))
            return
        }
        let kind: Kind =
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: .busy
            case .SQLITE_FULL: .full
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: .corrupt
            case .SQLITE_READONLY: .readOnly
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: .cannotOpen
            default: .other
            }
        self.init(kind, operation: operation, path: path, detail: error.message ?? "SQLite error \(error.resultCode.rawValue)")
    }

    package var description: String {
        if kind == .missing { return "no database at \(path) (\(advice ?? ""))" }
        return switch operation {
        case .open:
            "cannot open database \(path): \(detail) (\(advice ?? "check the path and permissions, or pass --db"))"
        case .write:
            "cannot write to database \(path): \(detail) (\(advice ?? "check free disk space and that no other process holds a write lock"))"
        case .read(let what):
            "\(what) failed on database \(path): \(detail)\(advice.map { " (\($0))" } ?? "")"
        }
    }

    /// What to do about this kind of problem, where the kind says.
    private var advice: String? {
        switch kind {
        case .busy: "another process holds the database's lock; RouteLens waited a minute for it"
        case .full: "free disk space; everything up to the last commit is stored"
        case .corrupt: "the file is damaged or not a RouteLens database; point --db at another file"
        case .readOnly: "the file or its directory is read-only; give RouteLens a writable --db"
        case .missing: "ingest first, or set --db / ROUTELENS_DB"
        case .cannotOpen, .other: nil
        }
    }
}
