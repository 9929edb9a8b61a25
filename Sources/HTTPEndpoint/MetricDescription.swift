/// An entry of `POST /grafana/metrics`: a metric and the payload options the query editor shows for it.
struct MetricDescription: Encodable, Sendable {
    var label: String
    var value: String
    var payloads: [Payload]

    struct Payload: Encodable, Sendable {
        var label: String
        var name: String
        var type: String
        var placeholder: String
        var reloadMetric: Bool
        var options: [Option]?
    }

    struct Option: Encodable, Sendable {
        var label: String
        var value: String
    }
}
