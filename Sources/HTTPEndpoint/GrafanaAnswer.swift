/// One element of a `/grafana/query` answer: a time series `{"target", "datapoints": [[value, unix_ms]]}` or a
/// table `{"type": "table", "columns": [{"text", "type"}], "rows": [[cell]]}`, as the simPod contract has them.
enum GrafanaAnswer: Encodable, Sendable, Equatable {
    case series(target: String, datapoints: [Point])
    case table(columns: [Column], rows: [[Cell]])

    struct Point: Encodable, Sendable, Equatable {
        var value: Double
        var time: Int64

        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(value)
            try container.encode(time)
        }
    }

    struct Column: Encodable, Sendable, Equatable {
        var text: String
        var type: String
    }

    enum Cell: Encodable, Sendable, Equatable {
        case text(String)
        case number(Double)
        case null

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .number(let number): try number.isFinite ? container.encode(number) : container.encodeNil()
            case .null: try container.encodeNil()
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case target, datapoints, type, columns, rows
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .series(let target, let datapoints):
            try container.encode(target, forKey: .target)
            try container.encode(datapoints, forKey: .datapoints)
        case .table(let columns, let rows):
            try container.encode("table", forKey: .type)
            try container.encode(columns, forKey: .columns)
            try container.encode(rows, forKey: .rows)
        }
    }

    /// Points in the answer, for the server's limit.
    var size: Int {
        switch self {
        case .series(_, let datapoints): datapoints.count
        case .table(_, let rows): rows.count
        }
    }
}
