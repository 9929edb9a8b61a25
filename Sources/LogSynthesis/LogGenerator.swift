/// Writes the Envoy access log of a ``TrafficScenario`` line by line, counting its ``GroundTruth``.
///
/// The module does no file I/O; callers write the bytes where they like:
///
/// ```swift
/// var generator = try LogGenerator(scenario: .shop)
/// var buffer: [UInt8] = []
/// while generator.appendNextLine(to: &buffer) {
///     if buffer.count >= 1 << 20 {
///         try file.write(contentsOf: buffer)
///         buffer.removeAll(keepingCapacity: true)
///     }
/// }
/// try file.write(contentsOf: buffer)
/// let truth = generator.truth
/// ```
package struct LogGenerator: Sendable {
    /// Counts for one route, indexed like its targets.
    private struct RouteTally: Sendable {
        var requests = 0
        var errors5xx = 0
        var errors4xx = 0
        var requestsWithoutUpstream = 0
        var durationsMilliseconds: [Int] = []
        var targetRequests: [Int]
    }

    let plan: GenerationPlan
    var random: Xoshiro256StarStar
    var clockMicroseconds: Int
    var timestamp = UTCTimestampWriter()
    private var linesWritten = 0
    private var httpRequests = 0
    private var tcpRecords = 0
    private var malformedLines = 0
    private var routeTallies: [RouteTally]

    /// Prepares to write `scenario.lineCount` lines, or throws the scenario's first problem.
    package init(scenario: TrafficScenario) throws(InvalidScenario) {
        plan = try GenerationPlan(scenario)
        random = Xoshiro256StarStar(seed: scenario.seed)
        clockMicroseconds = plan.startMicroseconds
        routeTallies = plan.routes.map { RouteTally(targetRequests: Array(repeating: 0, count: $0.targets.count)) }
    }

    /// Appends the next newline-terminated line to `buffer`, or returns `false` once all lines are written.
    package mutating func appendNextLine(to buffer: inout [UInt8]) -> Bool {
        guard linesWritten < plan.lineCount else { return false }
        let kind = random.below(1_000_000)
        if kind < plan.malformedPerMillion {
            appendMalformedLine(to: &buffer)
            malformedLines += 1
        } else if kind < plan.nonHTTPPerMillion {
            appendTCPRecord(to: &buffer)
            tcpRecords += 1
        } else {
            record(appendHTTPRequest(to: &buffer))
        }
        buffer.append(UInt8(ascii: "\n"))
        linesWritten += 1
        clockMicroseconds += random.below(2 * plan.meanGapMicroseconds + 1)
        return true
    }

    /// Everything written so far. Cheap: durations are shared with the generator until it writes again.
    package var truth: GroundTruth {
        var routes: [String: RouteTruth] = [:]
        for (route, tally) in zip(plan.routes, routeTallies) {
            routes[route.name] = RouteTruth(
                requests: tally.requests,
                errors5xx: tally.errors5xx,
                errors4xx: tally.errors4xx,
                requestsWithoutUpstream: tally.requestsWithoutUpstream,
                durationsMilliseconds: tally.durationsMilliseconds,
                targetRequests: Dictionary(
                    uniqueKeysWithValues: zip(route.targets.map(\.virtualNode), tally.targetRequests))
            )
        }
        return GroundTruth(
            lines: linesWritten,
            httpRequests: httpRequests,
            tcpRecords: tcpRecords,
            malformedLines: malformedLines,
            routes: routes
        )
    }

    /// The whole log of `scenario` in memory, with its truth; for tests and anything that fits in RAM
    /// (about 250 bytes per line).
    package static func generate(
        _ scenario: TrafficScenario
    ) throws(InvalidScenario) -> (text: [UInt8], truth: GroundTruth) {
        var generator = try LogGenerator(scenario: scenario)
        var text: [UInt8] = []
        text.reserveCapacity(scenario.lineCount * 264)
        while generator.appendNextLine(to: &text) {}
        return (text, generator.truth)
    }

    private mutating func record(_ request: GeneratedRequest) {
        httpRequests += 1
        routeTallies[request.route].requests += 1
        routeTallies[request.route].durationsMilliseconds.append(request.durationMilliseconds)
        switch request.status {
        case 500...599: routeTallies[request.route].errors5xx += 1
        case 400...499: routeTallies[request.route].errors4xx += 1
        default: break
        }
        if let target = request.target {
            routeTallies[request.route].targetRequests[target] += 1
        } else {
            routeTallies[request.route].requestsWithoutUpstream += 1
        }
    }
}
