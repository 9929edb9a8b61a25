import Foundation

extension TrafficScenario {
    /// Start times must leave room for four-digit years: 9999-01-01T00:00:00Z.
    static let latestStartTime = Date(timeIntervalSince1970: 253_370_764_800)

    /// Throws the first problem that would make the log or its ground truth wrong.
    func validate() throws(InvalidScenario) {
        guard lineCount >= 0 else {
            throw InvalidScenario(field: "lineCount", problem: "is \(lineCount); give 0 or more lines")
        }
        guard (1...1_000_000).contains(requestsPerSecond) else {
            throw InvalidScenario(
                field: "requestsPerSecond", problem: "is \(requestsPerSecond); give a rate in 1...1000000")
        }
        guard startTime.timeIntervalSince1970 >= 0, startTime < Self.latestStartTime else {
            throw InvalidScenario(
                field: "startTime", problem: "is \(startTime); give a time from 1970 up to the start of 9999")
        }
        try Self.checkFraction(tcpShare, field: "tcpShare")
        try Self.checkFraction(malformedShare, field: "malformedShare")
        guard tcpShare + malformedShare <= 1 else {
            throw InvalidScenario(
                field: "tcpShare", problem: "plus malformedShare exceeds 1; lower one of them")
        }
        try Self.checkToken(mesh, field: "mesh")
        try Self.checkToken(authority, field: "authority")
        guard !routes.isEmpty else {
            throw InvalidScenario(field: "routes", problem: "is empty; add at least one route")
        }
        guard routes.contains(where: { $0.trafficWeight > 0 }) else {
            throw InvalidScenario(
                field: "routes", problem: "traffic weights sum to 0; give at least one route a positive trafficWeight")
        }
        for (index, route) in routes.enumerated() {
            try validate(route, at: index)
        }
    }

    private func validate(_ route: Route, at index: Int) throws(InvalidScenario) {
        let field = "routes[\(index)]"
        try Self.checkToken(route.name, field: "\(field).name")
        if let earlier = routes[..<index].firstIndex(where: { $0.name == route.name }) {
            throw InvalidScenario(
                field: "\(field).name", problem: "\(route.name) is also the name of routes[\(earlier)]; rename one")
        }
        try Self.checkPath(route.prefix, field: "\(field).prefix")
        if let earlier = routes[..<index].firstIndex(where: { $0.prefix == route.prefix }) {
            throw InvalidScenario(
                field: "\(field).prefix",
                problem: "\(route.prefix) is also the prefix of routes[\(earlier)]; give each route its own prefix")
        }
        guard !route.paths.isEmpty else {
            throw InvalidScenario(field: "\(field).paths", problem: "is empty; add a path starting with \(route.prefix)")
        }
        for (pathIndex, path) in route.paths.enumerated() {
            try validate(path, of: route, field: "\(field).paths[\(pathIndex)]")
        }
        guard route.trafficWeight >= 0 else {
            throw InvalidScenario(
                field: "\(field).trafficWeight", problem: "is \(route.trafficWeight); give 0 or more")
        }
        try Self.checkFraction(route.clientErrorRate, field: "\(field).clientErrorRate")
        try Self.checkFraction(route.noUpstreamRate, field: "\(field).noUpstreamRate")
        guard !route.targets.isEmpty else {
            throw InvalidScenario(field: "\(field).targets", problem: "is empty; add at least one target")
        }
        for (targetIndex, target) in route.targets.enumerated() {
            try validate(target, at: targetIndex, of: route, field: "\(field).targets[\(targetIndex)]")
        }
        guard route.targets.contains(where: { $0.actualWeight > 0 }) else {
            throw InvalidScenario(
                field: "\(field).targets",
                problem: "actual weights sum to 0; give at least one target a positive actualWeight")
        }
    }

    /// Generated paths are the stem plus `/<id>`, `?<query>` or both, so a longer prefix of another route
    /// must neither start the stem nor extend it.
    private func validate(_ path: String, of route: Route, field: String) throws(InvalidScenario) {
        try Self.checkPath(path, field: field)
        guard path.hasPrefix(route.prefix) else {
            throw InvalidScenario(field: field, problem: "\(path) does not start with the route prefix \(route.prefix)")
        }
        let rival = routes.first {
            $0.prefix.count > route.prefix.count && (path.hasPrefix($0.prefix) || $0.prefix.hasPrefix(path))
        }
        if let rival {
            throw InvalidScenario(
                field: field,
                problem: "requests under \(path) could match route \(rival.name) (prefix \(rival.prefix)); "
                    + "choose a path only this route matches")
        }
    }

    private func validate(
        _ target: Target, at index: Int, of route: Route, field: String
    ) throws(InvalidScenario) {
        try Self.checkToken(target.virtualNode, field: "\(field).virtualNode")
        if route.targets[..<index].contains(where: { $0.virtualNode == target.virtualNode }) {
            throw InvalidScenario(
                field: "\(field).virtualNode",
                problem: "\(target.virtualNode) appears twice in this route; list each virtual node once")
        }
        guard target.configuredWeight >= 0 else {
            throw InvalidScenario(
                field: "\(field).configuredWeight", problem: "is \(target.configuredWeight); give 0 or more")
        }
        guard target.actualWeight >= 0 else {
            throw InvalidScenario(field: "\(field).actualWeight", problem: "is \(target.actualWeight); give 0 or more")
        }
        try Self.checkFraction(target.serverErrorRate, field: "\(field).serverErrorRate")
        guard target.serverErrorRate + route.clientErrorRate <= 1 else {
            throw InvalidScenario(
                field: "\(field).serverErrorRate",
                problem: "plus the route's clientErrorRate exceeds 1; lower one of them")
        }
        let latency = target.latency
        guard latency.medianMilliseconds >= 1 else {
            throw InvalidScenario(
                field: "\(field).latency.medianMilliseconds", problem: "is \(latency.medianMilliseconds); give 1 or more")
        }
        guard latency.p99Milliseconds >= latency.medianMilliseconds else {
            throw InvalidScenario(
                field: "\(field).latency.p99Milliseconds",
                problem: "is \(latency.p99Milliseconds), below the median \(latency.medianMilliseconds); raise it")
        }
    }

    private static func checkFraction(_ value: Double, field: String) throws(InvalidScenario) {
        guard value.isFinite, (0...1).contains(value) else {
            throw InvalidScenario(field: field, problem: "is \(value); give a fraction in 0...1")
        }
    }

    /// Values are written into the line unescaped, so spaces and quotes would shift the fields.
    private static func checkToken(_ value: String, field: String) throws(InvalidScenario) {
        guard !value.isEmpty, value.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\"") }) else {
            throw InvalidScenario(
                field: field, problem: "\"\(value)\" must be non-empty printable ASCII without spaces or quotes")
        }
    }

    private static func checkPath(_ value: String, field: String) throws(InvalidScenario) {
        try checkToken(value, field: field)
        guard value.hasPrefix("/"), !value.contains("?") else {
            throw InvalidScenario(field: field, problem: "\(value) must start with / and have no query string")
        }
    }
}
