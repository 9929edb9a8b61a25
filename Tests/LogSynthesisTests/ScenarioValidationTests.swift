import Testing

@testable import LogSynthesis

@Suite("Scenario validation")
struct ScenarioValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let breakScenario: @Sendable (inout TrafficScenario) -> Void
        let field: String
    }

    static let cases: [Case] = [
        Case(testDescription: "negative line count", breakScenario: { $0.lineCount = -1 }, field: "lineCount"),
        Case(
            testDescription: "TCP and malformed shares above 1",
            breakScenario: {
                $0.tcpShare = 0.6
                $0.malformedShare = 0.6
            }, field: "tcpShare"),
        Case(testDescription: "mesh with a space", breakScenario: { $0.mesh = "my shop" }, field: "mesh"),
        Case(
            testDescription: "route without targets", breakScenario: { $0.routes[0].targets = [] },
            field: "routes[0].targets"),
        Case(
            testDescription: "all actual weights 0",
            breakScenario: {
                $0.routes[1].targets[0].actualWeight = 0
                $0.routes[1].targets[1].actualWeight = 0
            }, field: "routes[1].targets"),
        Case(
            testDescription: "path outside the route prefix", breakScenario: { $0.routes[1].paths = ["/refunds"] },
            field: "routes[1].paths[0]"),
        Case(
            testDescription: "catalog path another route would match",
            breakScenario: { $0.routes[2].paths.append("/orders-archive") }, field: "routes[2].paths[4]"),
        Case(
            testDescription: "duplicate route name", breakScenario: { $0.routes[2].name = "payments" },
            field: "routes[2].name"),
        Case(
            testDescription: "error rates above 1",
            breakScenario: {
                $0.routes[0].clientErrorRate = 0.5
                $0.routes[0].targets[1].serverErrorRate = 0.6
            }, field: "routes[0].targets[1].serverErrorRate"),
        Case(
            testDescription: "p99 below the median",
            breakScenario: { $0.routes[2].targets[0].latency.p99Milliseconds = 5 },
            field: "routes[2].targets[0].latency.p99Milliseconds"),
    ]

    @Test("an impossible scenario is rejected, naming the field", arguments: cases)
    func rejectsImpossibleScenario(_ testCase: Case) {
        var scenario = TrafficScenario.shop
        testCase.breakScenario(&scenario)
        #expect {
            try LogGenerator(scenario: scenario)
        } throws: { error in
            (error as? InvalidScenario)?.field == testCase.field
        }
    }

    @Test("the error message names the field, the problem and the fix")
    func errorDescription() {
        let error = InvalidScenario(field: "routes[1].targets", problem: "actual weights sum to 0; raise one")
        #expect(error.description == "invalid traffic scenario: routes[1].targets: actual weights sum to 0; raise one")
    }

    @Test("the shop scenario is valid")
    func shopIsValid() throws {
        _ = try LogGenerator(scenario: .shop)
    }
}
