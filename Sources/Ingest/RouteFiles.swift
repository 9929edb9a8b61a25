import Foundation
package import Routing

/// Loads `--routes FILE|DIR` arguments: every `.json`, `.yaml` and `.yml` file of a directory, read as one set of
/// documents so that resources refer to each other across files.
package enum RouteFiles {
    private static let extensions = ["json", "yaml", "yml"]

    /// The table `paths` make together, or `nil` when no route files are given.
    package static func load(_ paths: [String]) throws(ConfigurationError) -> RouteTable? {
        paths.isEmpty ? nil : try table(paths)
    }

    /// The table the route files `paths` name make together; no paths make a table without routes.
    package static func table(_ paths: [String]) throws(ConfigurationError) -> RouteTable {
        var sources: [(data: Data, source: String)] = []
        for path in paths {
            for file in try files(at: path) {
                sources.append((try ConfigurationFile.read(file, option: "--routes"), file))
            }
        }
        let table: RouteTable
        do {
            table = try RouteTable(documents: sources)
        } catch {
            throw .invalidRoutes(error)
        }
        guard !table.routes.isEmpty || paths.isEmpty else { throw .noRoutes(paths: paths) }
        return table
    }

    private static func files(at path: String) throws(ConfigurationError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missingFile(option: "--routes", path: path)
        }
        guard isDirectory.boolValue else { return [path] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
                .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted()
        } catch {
            throw .unreadableFile(option: "--routes", path: path, reason: error.localizedDescription)
        }
        guard !names.isEmpty else { throw .noFilesInDirectory(option: "--routes", path: path, expected: ".json, .yaml or .yml route") }
        return names.map { (path as NSString).appendingPathComponent($0) }
    }
}

/// Reading one configuration file whole, with an error that names the option it was given to.
enum ConfigurationFile {
    static func read(_ path: String, option: String) throws(ConfigurationError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            guard FileManager.default.fileExists(atPath: path) else { throw .missingFile(option: option, path: path) }
            throw .unreadableFile(option: option, path: path, reason: error.localizedDescription)
        }
    }
}
