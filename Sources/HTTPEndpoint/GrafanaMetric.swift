/// The metrics the Grafana data source offers (`POST /grafana/metrics`), each a time series per route (and
/// target) at the panel's interval, or a table.
enum GrafanaMetric: String, CaseIterable, Sendable {
    case requests
    /// Requests per second over each interval.
    case rps
    case errors5xx = "errors_5xx"
    /// 5xx / requests in each interval; no point where an interval has no request.
    case errorRate = "error_rate"
    case latencyP50 = "latency_p50"
    case latencyP90 = "latency_p90"
    case latencyP95 = "latency_p95"
    case latencyP99 = "latency_p99"
    /// Each weighted target's share of its route's requests to a target, per interval.
    case splitShare = "split_share"
    /// Each weighted target's configured share (weight / sum of weights) in force.
    case splitExpectedShare = "split_expected_share"
    /// The sample-ratio-mismatch test's p-value per interval, for routes with two or more weighted targets.
    case srmPValue = "srm_p_value"
    /// `routelens query split` as a table: one row per segment and target.
    case splitTable = "split_table"
    /// `routelens query errors --by-target` as a table.
    case errorsTable = "errors_table"

    var label: String {
        switch self {
        case .requests: "Requests per interval"
        case .rps: "Requests per second"
        case .errors5xx: "5xx responses per interval"
        case .errorRate: "5xx rate"
        case .latencyP50: "Latency p50 (ms)"
        case .latencyP90: "Latency p90 (ms)"
        case .latencyP95: "Latency p95 (ms)"
        case .latencyP99: "Latency p99 (ms)"
        case .splitShare: "Observed split share"
        case .splitExpectedShare: "Configured split share"
        case .srmPValue: "Split test p-value (SRM)"
        case .splitTable: "Split test (table)"
        case .errorsTable: "Errors by route and target (table)"
        }
    }

    /// The percentile of a latency metric.
    var percentile: Int? {
        switch self {
        case .latencyP50: 50
        case .latencyP90: 90
        case .latencyP95: 95
        case .latencyP99: 99
        default: nil
        }
    }

    /// Whether the metric is about weighted targets, so always split by target.
    var isSplit: Bool { self == .splitShare || self == .splitExpectedShare || self == .srmPValue }
}
