/// The rows a named query returned, its columns in the query's order: what `routelens query run` prints.
///
/// JSON: `{"query": "slowest-requests", "columns": ["start_time", …], "rows": [{"start_time": …, …}]}`.
package struct QueryResult: Sendable, Equatable, Encodable {
    /// One value as SQLite returned it.
    package enum Value: Sendable, Equatable, Encodable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        /// A blob, as lower-case hex.
        case blob(String)

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .integer(let value): try container.encode(value)
            case .real(let value): if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
            case .text(let value), .blob(let value): try container.encode(value)
            }
        }
    }

    package var query: String
    package var columns: [String]
    /// Each row's values, in column order.
    package var rows: [[Value]]

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        try container.encode(query, forKey: DynamicKey("query"))
        try container.encode(columns, forKey: DynamicKey("columns"))
        var rowsContainer = container.nestedUnkeyedContainer(forKey: DynamicKey("rows"))
        for row in rows {
            var object = rowsContainer.nestedContainer(keyedBy: DynamicKey.self)
            for (column, value) in zip(columns, row) { try object.encode(value, forKey: DynamicKey(column)) }
        }
    }

    private struct DynamicKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
