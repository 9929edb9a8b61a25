import Foundation

extension ReportTable {
    /// The caption, then columns aligned for a terminal: numbers right-aligned, shares as percentages.
    package var aligned: String {
        let header = columns.map(\.name)
        let body = rows.map { row in
            row.cells.enumerated().map { index, cell in
                index < columns.count && columns[index].isPerGroup && !row.startsGroup ? "" : Self.display(cell)
            }
        }
        let widths = header.indices.map { column in
            ([header] + body).map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        func render(_ cells: [String]) -> String {
            var line = ""
            for (index, cell) in cells.enumerated() where index < widths.count {
                if index > 0 { line += "  " }
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                line += columns[index].isNumeric ? padding + cell : cell + padding
            }
            while line.last == " " { line.removeLast() }
            return line
        }
        let table = ([render(header)] + body.map(render)).joined(separator: "\n")
        return caption.map { $0 + "\n" + table } ?? table
    }

    /// RFC 4180 CSV: a header row of column names, then every row with every cell, numbers unformatted.
    package var csv: String {
        ([columns.map(\.name)] + rows.map { $0.cells.map(Self.raw) }).map { cells in
            cells.map { cell in
                cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                    : cell
            }
            .joined(separator: ",")
        }
        .joined(separator: "\n")
    }

    /// How a cell reads in a table.
    static func display(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): text
        case .integer(let value): String(value)
        case .fraction(let value): String(format: "%.2f%%", value * 100)
        case .probability(let value): String(format: "%.3g", value)
        case .decimal(let value): String(format: "%.2f", value)
        case .number(let value): "\(value)"
        case .missing: "-"
        }
    }

    /// How a cell reads in CSV: the value as Swift prints it, shortest round-trip for doubles; empty when missing.
    static func raw(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): text
        case .integer(let value): String(value)
        case .fraction(let value), .probability(let value), .decimal(let value), .number(let value): "\(value)"
        case .missing: ""
        }
    }
}
