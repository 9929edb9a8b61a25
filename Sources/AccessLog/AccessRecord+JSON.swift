extension AccessRecord {
    /// The record as one line of JSON, keys in a fixed order, absent values as `null`; what
    /// `routelens parse` prints. Unmodelled fields are under `extra`.
    ///
    /// ```json
    /// {"start_time":"2016-04-15T20:17:00.310Z","method":"POST","path":"/api/v1/locations",…,"tcp":false,"extra":{}}
    /// ```
    package var jsonLine: String {
        var json = JSONLineWriter()
        json.field("start_time", startTime.map(TimestampFormatter.rfc3339(millisecondsSinceEpoch:)))
        json.field("method", method)
        json.field("path", path)
        json.field("protocol", `protocol`)
        json.field("status", status)
        json.key("flags")
        json.array(flags)
        json.field("details", details)
        json.field("bytes_received", bytesReceived)
        json.field("bytes_sent", bytesSent)
        json.field("duration_ms", durationMilliseconds)
        json.field("upstream_service_time_ms", upstreamServiceTimeMilliseconds)
        json.field("x_forwarded_for", forwardedFor)
        json.field("user_agent", userAgent)
        json.field("request_id", requestID)
        json.field("authority", authority)
        json.field("upstream_host", upstreamHost)
        json.field("upstream_cluster", upstreamCluster)
        json.field("route_name", routeName)
        json.key("tcp")
        json.raw(isTCP ? "true" : "false")
        json.key("extra")
        json.raw("{")
        for (index, extra) in extras.enumerated() {
            if index > 0 { json.raw(",") }
            json.string(extra.name)
            json.raw(":")
            if let value = extra.value { json.string(value) } else { json.raw("null") }
        }
        json.raw("}")
        return json.finish()
    }
}

/// Writes one flat JSON object; hand-written because `JSONEncoder` does not keep key order on every
/// platform and `routelens parse` prints one object per log line.
struct JSONLineWriter {
    private var text = "{"
    private var isFirst = true

    mutating func key(_ name: String) {
        if !isFirst { text += "," }
        isFirst = false
        string(name)
        text += ":"
    }

    mutating func field(_ name: String, _ value: String?) {
        key(name)
        if let value { string(value) } else { text += "null" }
    }

    mutating func field(_ name: String, _ value: Int64?) {
        key(name)
        text += value.map(String.init) ?? "null"
    }

    mutating func array(_ values: [String]) {
        text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            string(value)
        }
        text += "]"
    }

    mutating func raw(_ fragment: String) {
        text += fragment
    }

    mutating func string(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    consuming func finish() -> String {
        text + "}"
    }
}
