import Foundation
import GRDB
import Storage
import TestSupport

/// A database file in a directory of its own, removed when the test ends.
final class TemporaryDatabase: Sendable {
    let directory: TemporaryDirectory
    var path: String { directory.path("routelens.sqlite") }

    init() throws {
        directory = try TemporaryDirectory()
    }
}

/// A request database in a directory of its own, with one source file recorded for rows to belong to.
struct DatabaseWithOneFile {
    let temporary: TemporaryDatabase
    let database: RequestDatabase
    let fileID: Int64

    init() throws {
        temporary = try TemporaryDatabase()
        database = try RequestDatabase(path: temporary.path)
        var file = SourceFile(head: Data("x".utf8), path: "a.log", format: "envoy")
        try database.write { db in try file.insert(db) }
        fileID = file.id!
    }
}
