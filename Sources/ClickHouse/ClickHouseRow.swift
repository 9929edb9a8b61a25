/// One row of a `FORMAT JSONEachRow` answer, with typed access to its columns.
///
/// `@unchecked Sendable`: it holds the Foundation objects `JSONSerialization` made (strings, numbers, null), which
/// are immutable and never shared mutably.
package struct ClickHouseRow: @unchecked Sendable {
    private let values: [String: Any]

    init(_ values: [String: Any]) {
        self.values = values
    }

    /// An integer column; 64-bit integers may come quoted.
    package func int(_ column: String) -> Int64? {
        Self.int(values[column] as Any)
    }

    private static func int(_ value: Any) -> Int64? {
        switch value {
        case let number as Int: Int64(number)
        case let number as Int64: number
        case let number as Double: Int64(exactly: number)
        case let text as String: Int64(text)
        default: nil
        }
    }

    /// An array of integers (ClickHouse's `Array(Int…)`, a tuple's element); `nil` when the column is not one.
    package func ints(_ column: String) -> [Int64]? {
        guard let array = values[column] as? [Any] else { return nil }
        var result: [Int64] = []
        result.reserveCapacity(array.count)
        for element in array {
            guard let number = Self.int(element) else { return nil }
            result.append(number)
        }
        return result
    }

    package func string(_ column: String) -> String? {
        values[column] as? String
    }
}
