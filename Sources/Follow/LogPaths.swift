#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The log files named on the command line: files (with their rotated siblings), directories and
/// globs, listed afresh at each poll so new and rotated files are found.
///
/// A file `access.log` also brings in its siblings `access.log.1`, `access.log.2.gz`,
/// `access.log-20261126.gz`: when logrotate renames the file, the lines not yet read are read from the
/// sibling, which is recognised by its content as the same file.
package struct LogPaths: Sendable {
    package var arguments: [String]
    /// Files never to read, such as RouteLens's own database and its `-wal` and `-shm` files; compared
    /// by device and inode, so another spelling of the same path (`./db`, a symlink) is excluded too.
    package var excluded: Set<String>

    package init(_ arguments: [String], excluding excluded: Set<String> = []) {
        self.arguments = arguments
        self.excluded = excluded
    }

    /// The regular files the arguments name now, oldest first (modification time, then the higher
    /// rotation number first), each once.
    package func listing() -> [FileSnapshot] {
        var paths: [String] = []
        for argument in arguments {
            if Self.isDirectory(argument) {
                paths += Self.entries(of: argument).filter { !$0.hasPrefix(".") }.map { Self.join(argument, $0) }
            } else if argument.contains(where: { "*?[".contains($0) }) {
                paths += Self.glob(argument)
            } else {
                paths.append(argument)
                paths += Self.rotatedSiblings(of: argument)
            }
        }
        var seen = Set<String>()
        let excludedFiles = Set(excluded.compactMap(FileSnapshot.init(path:)).map { FileIdentity(device: $0.device, inode: $0.inode) })
        let snapshots = paths.filter { !excluded.contains($0) && seen.insert($0).inserted }
            .compactMap(FileSnapshot.init(path:))
            .filter { !excludedFiles.contains(FileIdentity(device: $0.device, inode: $0.inode)) }
        return snapshots.sorted { left, right in
            left.modified != right.modified ? left.modified < right.modified : left.path > right.path
        }
    }

    private struct FileIdentity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    private static func rotatedSiblings(of path: String) -> [String] {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return entries(of: directory)
            .filter { $0.count > name.count && $0.hasPrefix(name) && [".", "-"].contains($0.dropFirst(name.count).first) }
            .map { slash == nil ? $0 : join(directory, $0) }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    private static func entries(of directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in result.gl_pathv[index].map { String(cString: $0) } }
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
