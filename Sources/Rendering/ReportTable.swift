/// A report laid out as rows under named columns: what the table, CSV and NDJSON forms print.
///
/// Column names are the report's JSON keys (`errors_5xx`, `max_deviation_pp`, `ci95_low`), so a column means the
/// same in every form. Cells keep their values typed: a table shows a share as `12.34%`, CSV and NDJSON the
/// fraction `0.1234`.
package struct ReportTable: Sendable, Equatable {
    package struct Column: Sendable, Equatable {
        package var name: String
        /// Right-aligned in a table.
        package var isNumeric: Bool
        /// A value of the row's group (a split segment's route, p-value, verdict), shown in a table on the group's
        /// first row only; CSV and NDJSON repeat it on every row so each row stands alone.
        package var isPerGroup: Bool

        package init(_ name: String, numeric: Bool = false, perGroup: Bool = false) {
            self.name = name
            isNumeric = numeric
            isPerGroup = perGroup
        }
    }

    /// One value.
    package enum Cell: Sendable, Equatable {
        case text(String)
        case integer(Int64)
        /// A share or a rate: `12.34%` in a table.
        case fraction(Double)
        /// A p-value: three significant digits in a table.
        case probability(Double)
        /// A number shown with two decimals in a table.
        case decimal(Double)
        /// A number shown as it is, in every form.
        case number(Double)
        case missing
    }

    package struct Row: Sendable, Equatable {
        package var cells: [Cell]
        /// Whether the row begins a group; see ``Column/isPerGroup``.
        package var startsGroup: Bool

        package init(_ cells: [Cell], startsGroup: Bool = true) {
            self.cells = cells
            self.startsGroup = startsGroup
        }
    }

    package var columns: [Column]
    package var rows: [Row] = []
    /// What the answer covers or left out, printed above a table; `nil` for none.
    package var caption: String?

    package init(columns: [Column], rows: [Row] = [], caption: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }
}
