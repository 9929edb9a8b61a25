@testable import AccessLog

/// Parses `line` with `format` and returns the record, or throws the rejection.
func parse(_ line: String, _ format: LogFormat) throws -> AccessRecord {
    let parser = LineParser(format: format)
    return try Array(line.utf8).withUnsafeBytes { bytes in
        try parser.parse(bytes)
        return parser.record()
    }
}

func parse(_ line: String, preset: FormatPreset) throws -> AccessRecord {
    try parse(line, LogFormat(preset: preset))
}

/// The rejection reason for `line`, or `nil` when it parses.
func rejection(_ line: String, _ format: LogFormat) -> String? {
    do {
        _ = try parse(line, format)
        return nil
    } catch {
        return "\(error)"
    }
}

extension AccessRecord {
    func extra(_ name: String) -> String?? {
        extras.first { $0.name == name }.map(\.value)
    }
}
