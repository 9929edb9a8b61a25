import Foundation

/// The JSON bodies the simPod Grafana data source posts (see `../shared/contracts/simpod-json-datasource.openapi.yaml`),
/// decoded leniently where Grafana sends more than RouteLens reads.
enum GrafanaRequest {
    /// `POST /grafana/query`.
    struct Query: Decodable, Sendable {
        var range: Range?
        var intervalMs: Double?
        var maxDataPoints: Double?
        var targets: [Target]
        var filters: [Filter]?
    }

    struct Range: Decodable, Sendable {
        var from: String
        var to: String
    }

    struct Target: Decodable, Sendable {
        var target: String?
        var refId: String?
        var payload: [String: PayloadValue]?
        var hide: Bool?
    }

    /// An ad-hoc filter: `route = orders`, `target = orders-v2`.
    struct Filter: Decodable, Sendable {
        var key: String
        var `operator`: String
        var value: String
    }

    /// `POST /grafana/metrics`, `/metric-payload-options`: the metric chosen so far and its payload.
    struct Metric: Decodable, Sendable {
        var metric: String?
        var payload: [String: PayloadValue]?
        var name: String?
    }

    /// `POST /grafana/variable`.
    struct Variable: Decodable, Sendable {
        var payload: VariablePayload?
        var target: String?
    }

    struct VariablePayload: Decodable, Sendable {
        var target: String?
    }

    /// `POST /grafana/tag-values`.
    struct TagValues: Decodable, Sendable {
        var key: String
    }

    /// A payload value: Grafana sends a string for `select` and `input`, an array for `multi-select`.
    enum PayloadValue: Decodable, Sendable, Equatable {
        case one(String)
        case many([String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .one(text)
            } else if let texts = try? container.decode([String].self) {
                self = .many(texts)
            } else if let number = try? container.decode(Double.self) {
                self = .one(String(number))
            } else {
                self = .many([])
            }
        }

        /// The values chosen; an empty string or `All` is no choice; `{a,b}` (how Grafana interpolates a
        /// multi-value variable into a string) is two.
        var values: [String] {
            switch self {
            case .one(let text) where text.hasPrefix("{") && text.hasSuffix("}"):
                return text.dropFirst().dropLast().split(separator: ",").map(String.init).filter { $0 != "$__all" }
            case .one(let text): return text.isEmpty || text == "All" || text == "$__all" ? [] : [text]
            case .many(let texts): return texts.filter { !$0.isEmpty && $0 != "$__all" }
            }
        }
    }
}
