import ArgumentParser
import Foundation
import Routing

/// Loads `--routes FILE|DIR` arguments: every `.json`, `.yaml` and `.yml` file of a directory, read as one set of
/// documents so that resources refer to each other across files.
enum RouteFiles {
    private static let extensions = ["json", "yaml", "yml"]

    static func load(_ paths: [String]) throws -> RouteTable? {
        paths.isEmpty ? nil : try table(paths)
    }

    /// The table the route files `paths` name make together; no paths make a table without routes.
    static func table(_ paths: [String]) throws -> RouteTable {
        var sources: [(data: Data, source: String)] = []
        for path in paths {
            for file in try files(at: path) {
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    throw ValidationError("--routes: cannot read \(file): \(error.localizedDescription)")
                }
                sources.append((data, file))
            }
        }
        return try RouteTable(documents: sources)
    }

    private static func files(at path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ValidationError("--routes: \(path) does not exist")
        }
        guard isDirectory.boolValue else { return [path] }
        let names = try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted()
        guard !names.isEmpty else { throw ValidationError("--routes: \(path) has no .json, .yaml or .yml route files") }
        return names.map { (path as NSString).appendingPathComponent($0) }
    }
}
