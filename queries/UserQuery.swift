import Foundation

/// A query anyone can run with `routelens query run NAME`: a commented `.sql` file that declares its parameters.
///
/// The file's first comment lines describe it; each parameter is declared on a line of its own, with a type and a
/// default (`null` for none), then what it means:
///
/// ```sql
/// -- Paths with the most 5xx responses.
/// -- param from: time = null -- only requests that started at or after this time
/// -- param limit: integer = 20 -- how many paths
/// SELECT … WHERE (:from IS NULL OR start_time >= :from) … LIMIT :limit;
/// ```
///
/// RouteLens ships some in `queries/named/`; `--queries DIR` adds a directory of one's own (a file there with a
/// shipped query's name takes its place).
package struct UserQuery: Sendable, Equatable {
    /// A declared parameter.
    package struct Parameter: Sendable, Equatable {
        /// How a value is written on the command line and bound.
        package enum Kind: String, Sendable, CaseIterable {
            /// RFC 3339 or milliseconds since the epoch; bound as milliseconds since the epoch.
            case time
            /// `90s`, `15m`, `1h`, `7d`, `2w`; bound as milliseconds.
            case duration
            case integer
            case number
            case text
        }

        package var name: String
        package var kind: Kind
        /// The value's text when none is given; `nil` binds NULL.
        package var defaultValue: String?
        package var help: String
    }

    package var name: String
    /// The file's leading comment.
    package var summary: String
    package var parameters: [Parameter]
    package var sql: String
    /// The file it was read from.
    package var source: String

    private static let parameterMarker = "-- param "

    /// Reads a query from its file's text; `name` is the file name without `.sql`.
    package init(name: String, text: String, source: String) throws(UserQueryError) {
        self.name = name
        self.source = source
        sql = text
        var summaryLines: [String] = []
        var parameters: [Parameter] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.hasPrefix("--") else { break }
            if line.hasPrefix(Self.parameterMarker) {
                parameters.append(try Self.parameter(String(line.dropFirst(Self.parameterMarker.count)), line: index + 1, source: source))
            } else if parameters.isEmpty {
                summaryLines.append(line.dropFirst(2).trimmingCharacters(in: .whitespaces))
            }
        }
        summary = summaryLines.joined(separator: " ")
        self.parameters = parameters
    }

    /// `from: time = null -- only requests …`
    private static func parameter(_ declaration: String, line: Int, source: String) throws(UserQueryError) -> Parameter {
        let (head, help) = split(declaration, at: " -- ")
        let (nameAndKind, defaultText) = split(head, at: "=")
        let (name, kindText) = split(nameAndKind, at: ":")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw .badDeclaration(source: source, line: line, problem: "a parameter needs a name of letters, digits and _, then : and a type")
        }
        guard let kind = Parameter.Kind(rawValue: kindText) else {
            throw .badDeclaration(
                source: source, line: line,
                problem: "parameter \(name) has type \"\(kindText)\"; use one of \(Parameter.Kind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        return Parameter(name: name, kind: kind, defaultValue: defaultText.isEmpty || defaultText == "null" ? nil : defaultText, help: help)
    }

    private static func split(_ text: String, at separator: String) -> (String, String) {
        guard let range = text.range(of: separator) else { return (text.trimmingCharacters(in: .whitespaces), "") }
        return (
            text[..<range.lowerBound].trimmingCharacters(in: .whitespaces), text[range.upperBound...].trimmingCharacters(in: .whitespaces)
        )
    }
}

/// Why a user query cannot be read or run as asked.
package enum UserQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    case badDeclaration(source: String, line: Int, problem: String)
    case unknownQuery(String, available: [String])
    case unreadableDirectory(String, reason: String)
    case unknownParameter(query: String, name: String, declared: [String])
    case badValue(query: String, parameter: String, value: String, expected: String)
    case malformedArgument(String)

    package var description: String {
        switch self {
        case .badDeclaration(let source, let line, let problem):
            "\(source):\(line): \(problem)"
        case .unknownQuery(let name, let available):
            "no query named \(name); available: \(available.joined(separator: ", ")) (routelens query list)"
        case .unreadableDirectory(let path, let reason):
            "--queries \(path): \(reason)"
        case .unknownParameter(let query, let name, let declared):
            "\(query) declares no parameter \(name); its parameters: \(declared.isEmpty ? "none" : declared.joined(separator: ", "))"
        case .badValue(let query, let parameter, let value, let expected):
            "\(query): --param \(parameter)=\(value) is not \(expected)"
        case .malformedArgument(let argument):
            "--param \(argument) is not NAME=VALUE"
        }
    }
}

extension UserQuery {
    /// Every query: the shipped ones of `queries/named/`, then those of `directories`, by name.
    package static func all(addingFrom directories: [String] = []) throws(UserQueryError) -> [UserQuery] {
        var byName: [String: UserQuery] = [:]
        let shipped = (Bundle.module.resourceURL ?? Bundle.module.bundleURL).appendingPathComponent("named").path
        for directory in [shipped] + directories {
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: directory)
            } catch {
                if directory == shipped { continue }
                throw .unreadableDirectory(directory, reason: error.localizedDescription)
            }
            for file in names.sorted() where file.hasSuffix(".sql") {
                let path = (directory as NSString).appendingPathComponent(file)
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw .unreadableDirectory(directory, reason: "cannot read \(file)")
                }
                let name = String(file.dropLast(4))
                byName[name] = try UserQuery(name: name, text: text, source: path)
            }
        }
        return byName.values.sorted { $0.name < $1.name }
    }

    /// The query named `name`.
    package static func named(_ name: String, addingFrom directories: [String] = []) throws(UserQueryError) -> UserQuery {
        let queries = try all(addingFrom: directories)
        guard let query = queries.first(where: { $0.name == name }) else { throw .unknownQuery(name, available: queries.map(\.name)) }
        return query
    }
}
