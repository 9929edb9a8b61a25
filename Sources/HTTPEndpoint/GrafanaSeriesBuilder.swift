import Statistics
import Storage

/// Turns the rows of `queries/series*.sql` into the series of one metric: pure, so tests can give it rows.
struct GrafanaSeriesBuilder: Sendable {
    let window: SeriesWindow
    let metric: GrafanaMetric

    /// Series name: the metric, its route and target, as Grafana's legend shows it.
    func name(_ key: SeriesRows.Key) -> String {
        "\(metric.rawValue) \(key.route)" + (key.target.map { " \($0)" } ?? "")
    }

    /// requests, rps, errors_5xx (zero where an interval has none) and error_rate (no point without requests).
    func counts(_ rows: [SeriesRows.Count]) -> [GrafanaAnswer] {
        let byKey = Dictionary(grouping: rows) { SeriesRows.Key(route: $0.route, target: $0.target) }
        let buckets = window.buckets
        return byKey.keys.sorted().map { key in
            let byBucket = Dictionary((byKey[key] ?? []).map { ($0.bucket, $0) }, uniquingKeysWith: { first, _ in first })
            let points: [GrafanaAnswer.Point] = buckets.compactMap { bucket in
                let row = byBucket[bucket]
                let requests = Double(row?.requests ?? 0)
                switch metric {
                case .requests: return .init(value: requests, time: bucket)
                case .rps: return .init(value: requests / (Double(window.step) / 1000), time: bucket)
                case .errors5xx: return .init(value: Double(row?.errors5xx ?? 0), time: bucket)
                case .errorRate:
                    guard let row, row.requests > 0 else { return nil }
                    return .init(value: Double(row.errors5xx) / Double(row.requests), time: bucket)
                default: return nil
                }
            }
            return .series(target: name(key), datapoints: points)
        }
    }

    /// latency_pNN: the exact nearest-rank percentile of each interval's durations.
    func latency(_ durations: [SeriesRows.Key: [Int64: [Int64]]]) -> [GrafanaAnswer] {
        guard let percent = metric.percentile else { return [] }
        return durations.keys.sorted().map { key in
            let byBucket = durations[key] ?? [:]
            let points = window.buckets.compactMap { bucket -> GrafanaAnswer.Point? in
                guard let sorted = byBucket[bucket], let value = NearestRankPercentile.percentile(percent, ofSorted: sorted) else { return nil }
                return .init(value: Double(value), time: bucket)
            }
            return .series(target: name(key), datapoints: points)
        }
    }

    /// split_share, split_expected_share, srm_p_value for routes with two or more weighted targets, each interval
    /// against the weights in force at its start. `rows` are grouped by target.
    func split(_ rows: [SeriesRows.Count], history: [RouteWeightVersion]) -> [GrafanaAnswer] {
        let observed = Dictionary(grouping: rows) { $0.route }.mapValues { routeRows in
            Dictionary(grouping: routeRows) { $0.bucket }.mapValues { bucketRows in
                Dictionary(bucketRows.map { ($0.target ?? noTarget, $0.requests) }, uniquingKeysWith: +)
            }
        }
        let routes = Set(history.flatMap { $0.weights.map(\.route) }).sorted()
        var answers: [GrafanaAnswer] = []
        for route in routes {
            var series: [String: [GrafanaAnswer.Point]] = [:]
            for bucket in window.buckets {
                guard let weights = Self.weights(of: route, at: bucket, in: history), weights.count >= 2 else { continue }
                let counts = observed[route]?[bucket] ?? [:]
                let test = SplitTest(targets: weights.map { SplitTest.Target(name: $0.target, weight: $0.weight, requests: counts[$0.target] ?? 0) })
                switch metric {
                case .srmPValue:
                    if test.requests > 0, test.pValue.isFinite { series["", default: []].append(.init(value: test.pValue, time: bucket)) }
                case .splitShare:
                    guard test.requests > 0 else { continue }
                    for target in test.targets { series[target.name, default: []].append(.init(value: target.observedShare, time: bucket)) }
                default:
                    for target in test.targets { series[target.name, default: []].append(.init(value: target.expectedShare, time: bucket)) }
                }
            }
            for target in series.keys.sorted() {
                let key = SeriesRows.Key(route: route, target: target.isEmpty ? nil : target)
                answers.append(.series(target: name(key), datapoints: series[target] ?? []))
            }
        }
        return answers
    }

    /// The route's weights in force at `time`: those of the last version that took effect at or before it.
    static func weights(of route: String, at time: Int64, in history: [RouteWeightVersion]) -> [RouteWeight]? {
        history.last { $0.effectiveAt <= time }.map { version in version.weights.filter { $0.route == route } }
    }
}
