import AccessLog
import ArgumentParser
import Foundation
import Ingest

/// How log lines are read: `--format`, `--format-string`, `--json-format`.
struct FormatOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The log format: auto, \(FormatPreset.allCases.map(\.rawValue).joined(separator: ", ")).",
            discussion: "auto (the default) picks, per file, the preset that parses most of its first 50 lines, and says which.",
            valueName: "name"
        )
    )
    var format = "auto"

    @Option(
        name: .customLong("format-string"),
        help: ArgumentHelp(
            "An Envoy access-log format string, as in your Envoy, Istio or App Mesh config.",
            discussion: #"Example: --format-string '[%START_TIME%] "%REQ(:METHOD)% %REQ(:PATH)%" %RESPONSE_CODE% %DURATION%'"#,
            valueName: "format"
        )
    )
    var formatString: String?

    @Option(
        name: .customLong("json-format"),
        help: ArgumentHelp(
            "A JSON file mapping your JSON log's keys to Envoy operators, like Envoy's json_format.",
            discussion: #"Example file: {"code": "%RESPONSE_CODE%", "took": "%DURATION%", "path": "%REQ(:PATH)%"}"#,
            valueName: "file"
        )
    )
    var jsonFormat: String?

    func validate() throws {
        let given = [format != "auto", formatString != nil, jsonFormat != nil].filter { $0 }.count
        guard given <= 1 else {
            throw ValidationError("give only one of --format, --format-string and --json-format")
        }
        guard format == "auto" || FormatPreset(rawValue: format) != nil else {
            throw ValidationError("unknown format '\(format)'; choose auto, \(FormatPreset.allCases.map(\.rawValue).joined(separator: ", ")), or pass --format-string")
        }
    }

    /// The compiled choice; a bad format string or json_format file is refused here, before any ingest.
    func choice() throws -> IngestOptions.FormatChoice {
        if let formatString {
            do {
                return .fixed(try LogFormat(formatString: formatString))
            } catch {
                throw ValidationError("--format-string: \(error)")
            }
        }
        if let jsonFormat {
            return .fixed(try Self.loadJSONFormat(jsonFormat))
        }
        if let preset = FormatPreset(rawValue: format) {
            return .fixed(LogFormat(preset: preset))
        }
        return .auto
    }

    private static func loadJSONFormat(_ path: String) throws -> LogFormat {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("--json-format: cannot read \(path): \(error.localizedDescription)")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ValidationError("--json-format: \(path) is not a JSON object of key to operator, like {\"code\": \"%RESPONSE_CODE%\"}")
        }
        var keys: [(key: String, format: String)] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            guard let format = value as? String else {
                throw ValidationError("--json-format: \(path): $.\(key) must be a string such as \"%RESPONSE_CODE%\"")
            }
            keys.append((key, format))
        }
        do {
            return try LogFormat(jsonKeys: keys)
        } catch {
            throw ValidationError("--json-format: \(path): \(error)")
        }
    }
}
