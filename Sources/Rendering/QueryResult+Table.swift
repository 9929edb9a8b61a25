package import Reports

extension QueryResult: TabularReport {
    package var table: ReportTable {
        let numeric = columns.indices.map { column in
            rows.allSatisfy { row in
                switch row[column] {
                case .integer, .real, .null: true
                case .text, .blob: false
                }
            }
        }
        var table = ReportTable(columns: zip(columns, numeric).map { ReportTable.Column($0, numeric: $1) })
        for row in rows {
            table.rows.append(
                ReportTable.Row(
                    row.map { value in
                        switch value {
                        case .null: .missing
                        case .integer(let integer): .integer(integer)
                        case .real(let real): .number(real)
                        case .text(let text), .blob(let text): .text(text)
                        }
                    }
                )
            )
        }
        if rows.isEmpty { table.caption = "\(query): no rows" }
        return table
    }
}
