package import Foundation

/// Traffic through an App Mesh virtual gateway, described well enough to write its Envoy access log
/// and to know in advance every number RouteLens must report about it.
///
/// ```swift
/// var scenario = TrafficScenario.shop
/// scenario.lineCount = 1_000_000
/// let (text, truth) = try LogGenerator.generate(scenario)
/// ```
///
/// Lines follow ``formatString``. See Envoy's access log format
/// (https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage) and
/// App Mesh gateway routes (https://docs.aws.amazon.com/app-mesh/latest/userguide/gateway-routes.html).
package struct TrafficScenario: Sendable, Equatable {
    /// The Envoy access log format of every generated HTTP and TCP line: Envoy's default format
    /// plus ` %UPSTREAM_CLUSTER%`. RouteLens users pass it with `--format-string`.
    ///
    /// Envoy writes header values verbatim, so a `User-Agent` containing `"` is not escaped
    /// (https://github.com/envoyproxy/envoy/issues/4191); the generator produces such lines.
    package static let formatString =
        #"[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" "#
        + #"%RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% "#
        + #"%RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)% "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "#
        + #""%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER%"#

    /// App Mesh mesh name; part of every cluster name, as in `cds_egress_<mesh>_<virtual node>_http_8080`.
    package var mesh: String
    /// `:authority` of every HTTP request, e.g. `shop.example.com`.
    package var authority: String
    /// Gateway routes; every HTTP request takes exactly one of them.
    package var routes: [Route]
    /// Fraction of lines, in 0...1, that are TCP proxy records to `postgres` on port 5432.
    package var tcpShare: Double
    /// Fraction of lines, in 0...1, that a parser must reject: truncated lines, garbage,
    /// and lines in Envoy's JSON format instead of ``formatString``.
    package var malformedShare: Double
    /// Mean arrival rate; the gap between consecutive lines is uniform in 0...2/rate seconds.
    package var requestsPerSecond: Int
    /// `START_TIME` of the first line, in 1970...9998.
    package var startTime: Date
    /// The same scenario and seed give byte-identical output. Generation uses no platform math library,
    /// so macOS and Linux agree too.
    package var seed: UInt64
    /// Exact number of newline-terminated lines to generate.
    package var lineCount: Int

    package init(
        mesh: String,
        authority: String,
        routes: [Route],
        tcpShare: Double,
        malformedShare: Double,
        requestsPerSecond: Int,
        startTime: Date,
        seed: UInt64,
        lineCount: Int
    ) {
        self.mesh = mesh
        self.authority = authority
        self.routes = routes
        self.tcpShare = tcpShare
        self.malformedShare = malformedShare
        self.requestsPerSecond = requestsPerSecond
        self.startTime = startTime
        self.seed = seed
        self.lineCount = lineCount
    }
}
