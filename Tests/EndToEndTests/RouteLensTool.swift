import Foundation
import TestSupport

/// The built `routelens` executable, run as a user would.
struct RouteLensTool {
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = Repository.routelens
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self)
        )
    }
}

/// Whether two JSON documents are equal, numbers within 1e-9 relative (1e-300 absolute).
func jsonEqual(_ left: Any, _ right: Any, path: String = "$") -> String? {
    switch (left, right) {
    case (let left as [String: Any], let right as [String: Any]):
        guard Set(left.keys) == Set(right.keys) else { return "\(path): keys \(left.keys.sorted()) ≠ \(right.keys.sorted())" }
        for key in left.keys.sorted() {
            if let difference = jsonEqual(left[key]!, right[key]!, path: "\(path).\(key)") { return difference }
        }
        return nil
    case (let left as [Any], let right as [Any]):
        guard left.count == right.count else { return "\(path): \(left.count) elements ≠ \(right.count)" }
        for (index, (l, r)) in zip(left, right).enumerated() {
            if let difference = jsonEqual(l, r, path: "\(path)[\(index)]") { return difference }
        }
        return nil
    case (let left as NSNumber, let right as NSNumber):
        let (a, b) = (left.doubleValue, right.doubleValue)
        return abs(a - b) <= max(1e-300, 1e-9 * max(abs(a), abs(b))) ? nil : "\(path): \(a) ≠ \(b)"
    case (is NSNull, is NSNull):
        return nil
    case (let left as String, let right as String):
        return left == right ? nil : "\(path): \(left.debugDescription) ≠ \(right.debugDescription)"
    default:
        return "\(path): \(left) ≠ \(right)"
    }
}

func json(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}
