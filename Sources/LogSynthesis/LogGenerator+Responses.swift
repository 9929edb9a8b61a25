extension LogGenerator {
    /// Status, `%RESPONSE_FLAGS%`, body size and duration of one response. Flags are Envoy's
    /// (https://www.envoyproxy.io/docs/envoy/latest/configuration/observability/access_log/usage#config-access-log-format-response-flags);
    /// sizes of Envoy's own replies are the lengths of its local reply bodies.
    struct Response {
        let status: Int
        let flags: StaticString
        let bytesSent: Int
        let durationMilliseconds: Int
    }

    /// Envoy's own reply when it reaches no upstream: `404 NR` or `503 UH` ("no healthy upstream").
    mutating func drawLocalReply() -> Response {
        random.below(2) == 0
            ? Response(status: 404, flags: "NR", bytesSent: 0, durationMilliseconds: random.below(2))
            : Response(status: 503, flags: "UH", bytesSent: 19, durationMilliseconds: random.below(2))
    }

    mutating func drawUpstreamResponse(
        from target: GenerationPlan.Target, clientErrorsPerMillion: Int, method: HTTPMethod
    ) -> Response {
        let draw = random.below(1_000_000)
        if draw < target.serverErrorsPerMillion {
            return drawServerError(from: target)
        }
        let latency = target.latency.sample(using: &random)
        if draw < target.serverErrorsPerMillion + clientErrorsPerMillion {
            let statuses = RequestVocabulary.clientErrorStatuses
            return Response(
                status: statuses[random.below(statuses.count)], flags: "-", bytesSent: 20 + random.below(200),
                durationMilliseconds: latency)
        }
        switch method {
        case .get where random.below(25) == 0:
            return Response(status: 304, flags: "-", bytesSent: 0, durationMilliseconds: latency)
        case .get:
            return Response(status: 200, flags: "-", bytesSent: 200 + random.below(20_000), durationMilliseconds: latency)
        case .post:
            return Response(status: 201, flags: "-", bytesSent: 100 + random.below(600), durationMilliseconds: latency)
        case .put:
            return Response(status: 200, flags: "-", bytesSent: 100 + random.below(2_000), durationMilliseconds: latency)
        case .delete:
            return Response(status: 204, flags: "-", bytesSent: 0, durationMilliseconds: latency)
        }
    }

    /// Mostly the application's own 500s; some 503s from failed (`UF,URX`) or reset (`UC`) upstream
    /// connections, and 504s when the 15 s route timeout fires (`UT`).
    private mutating func drawServerError(from target: GenerationPlan.Target) -> Response {
        switch random.below(10) {
        case 0...3:
            Response(
                status: 500, flags: "-", bytesSent: 20 + random.below(300),
                durationMilliseconds: target.latency.sample(using: &random))
        case 4:
            Response(
                status: 502, flags: "-", bytesSent: 20 + random.below(300),
                durationMilliseconds: target.latency.sample(using: &random))
        case 5, 6:
            Response(status: 503, flags: "UF,URX", bytesSent: 91, durationMilliseconds: 1 + random.below(60))
        case 7:
            Response(
                status: 503, flags: "UC", bytesSent: 95, durationMilliseconds: target.latency.sample(using: &random))
        case 8:
            Response(
                status: 503, flags: "-", bytesSent: 20 + random.below(300),
                durationMilliseconds: target.latency.sample(using: &random))
        default:
            Response(
                status: 504, flags: "UT", bytesSent: 24,
                durationMilliseconds: LatencySampler.routeTimeoutMilliseconds)
        }
    }
}
