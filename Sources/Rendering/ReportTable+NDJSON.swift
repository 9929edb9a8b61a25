import Foundation

extension ReportTable {
    /// One JSON object per row, keyed by column name, values typed (numbers as numbers, missing as `null`).
    package var ndjson: String {
        rows.map { row in
            var object: [String: JSONCell] = [:]
            for (index, column) in columns.enumerated() where index < row.cells.count {
                object[column.name] = JSONCell(row.cells[index])
            }
            return (try? ReportJSON.string(object)) ?? "{}"
        }
        .joined(separator: "\n")
    }
}

/// A cell as a JSON value.
private struct JSONCell: Encodable {
    let cell: ReportTable.Cell

    init(_ cell: ReportTable.Cell) {
        self.cell = cell
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch cell {
        case .text(let text): try container.encode(text)
        case .integer(let value): try container.encode(value)
        case .fraction(let value), .probability(let value), .decimal(let value), .number(let value):
            // JSON has no NaN or infinity: a value that is not a number is absent.
            if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        case .missing: try container.encodeNil()
        }
    }
}
