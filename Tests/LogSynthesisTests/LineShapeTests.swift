import Testing

@testable import LogSynthesis

@Suite("Generated lines")
struct LineShapeTests {
    @Test("every line is an HTTP request or TCP record of the documented shape, or malformed, as the truth counts")
    func linesMatchDocumentedShape() throws {
        let truth = try ShopLog.generated().truth
        var httpRequests = 0
        var tcpRecords = 0
        var malformedLines = 0
        for line in try ShopLog.lines() {
            switch line {
            case .http: httpRequests += 1
            case .tcp: tcpRecords += 1
            case .malformed: malformedLines += 1
            }
        }
        #expect(httpRequests == truth.httpRequests)
        #expect(tcpRecords == truth.tcpRecords)
        #expect(malformedLines == truth.malformedLines)
    }

    @Test("malformed lines include truncated HTTP lines, garbage and JSON-format lines")
    func malformedLinesComeInEveryKind() throws {
        let malformed = try ShopLog.lines().compactMap { line in
            if case .malformed(let text) = line { text } else { nil }
        }
        #expect(malformed.contains { $0.hasPrefix("[2026-") })
        #expect(malformed.contains { $0.hasPrefix(#"{"start_time":"#) })
        #expect(malformed.contains { !$0.hasPrefix("[") && !$0.hasPrefix("{") })
    }

    @Test("a recount of the written lines gives exactly the truth")
    func recountMatchesTruth() throws {
        let scenario = ShopLog.scenario
        var recount = GroundTruth(lines: 0, httpRequests: 0, tcpRecords: 0, malformedLines: 0, routes: [:])
        for route in scenario.routes {
            recount.routes[route.name] = RouteTruth(
                requests: 0, errors5xx: 0, errors4xx: 0, requestsWithoutUpstream: 0, durationsMilliseconds: [],
                targetRequests: Dictionary(uniqueKeysWithValues: route.targets.map { ($0.virtualNode, 0) }))
        }
        for line in try ShopLog.lines() {
            recount.lines += 1
            switch line {
            case .tcp: recount.tcpRecords += 1
            case .malformed: recount.malformedLines += 1
            case .http(let fields):
                recount.httpRequests += 1
                let route = try #require(
                    scenario.routes.filter { fields.path.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count })
                let status = try #require(Int(fields.status))
                let duration = try #require(Int(fields.duration))
                recount.routes[route.name]?.requests += 1
                recount.routes[route.name]?.durationsMilliseconds.append(duration)
                if (500...599).contains(status) { recount.routes[route.name]?.errors5xx += 1 }
                if (400...499).contains(status) { recount.routes[route.name]?.errors4xx += 1 }
                if let node = fields.virtualNode {
                    recount.routes[route.name]?.targetRequests[String(node), default: 0] += 1
                } else {
                    recount.routes[route.name]?.requestsWithoutUpstream += 1
                }
            }
        }
        // Durations are compared apart so that a failure does not print 100 000 numbers.
        var truth = try ShopLog.generated().truth
        for name in truth.routes.keys {
            let sameDurations = recount.routes[name]?.durationsMilliseconds == truth.routes[name]?.durationsMilliseconds
            #expect(sameDurations, "durations of \(name)")
            recount.routes[name]?.durationsMilliseconds = []
            truth.routes[name]?.durationsMilliseconds = []
        }
        #expect(recount == truth)
    }

    @Test("requests that reach no upstream are 404 NR or 503 UH with - for service time, host and cluster")
    func noUpstreamLines() throws {
        let requests = try ShopLog.httpRequests()
        let withoutUpstream = requests.filter { $0.cluster == "-" }
        #expect(!withoutUpstream.isEmpty)
        for line in withoutUpstream {
            #expect([line.status, line.flags] == ["404", "NR"] || [line.status, line.flags] == ["503", "UH"])
            #expect([line.upstreamServiceTime, line.upstreamHost] == ["-", "-"])
        }
        #expect(requests.filter { $0.upstreamHost == "-" }.count == withoutUpstream.count)
    }

    @Test("upstream service time is a number no larger than the duration whenever an upstream was reached")
    func serviceTimeWithinDuration() throws {
        let reached = try ShopLog.httpRequests().filter { $0.cluster != "-" }
        #expect(!reached.isEmpty)
        #expect(
            reached.allSatisfy { line in
                guard let serviceTime = Int(line.upstreamServiceTime), let duration = Int(line.duration) else {
                    return false
                }
                return serviceTime <= duration
            })
    }

    @Test("the user agent containing quotes is written unescaped, as Envoy does (envoy#4191)")
    func quotedUserAgentIsVerbatim() throws {
        #expect(try ShopLog.httpRequests().contains { $0.userAgent == #"curl/8.1 "quoted""# })
    }

    @Test("timestamps begin at the start time, never decrease and advance about 1 ms per line")
    func timestampsAdvanceRealistically() throws {
        let times = try ShopLog.lines().compactMap { line in
            switch line {
            case .http(let fields), .tcp(let fields): fields.startTime
            case .malformed: nil
            }
        }
        #expect(times.first == "2026-11-26T10:00:00.000Z")
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        // 100 000 lines at 1 000 per second span about 100 s: from 10:00:00 to about 10:01:40.
        let last = try #require(times.last)
        #expect(("2026-11-26T10:01:35.000Z"..."2026-11-26T10:01:45.000Z").contains(last))
    }
}
