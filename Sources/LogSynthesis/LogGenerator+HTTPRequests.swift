extension LogGenerator {
    /// What the truth needs from one written HTTP line.
    struct GeneratedRequest {
        let route: Int
        /// `nil` when Envoy answered without reaching an upstream.
        let target: Int?
        let status: Int
        let durationMilliseconds: Int
        /// Offset in the buffer of the space before `"%REQ(X-FORWARDED-FOR)%"`.
        let forwardedForOffset: Int
    }

    /// Appends one HTTP request in ``TrafficScenario/formatString``, without the newline.
    mutating func appendHTTPRequest(to buffer: inout [UInt8]) -> GeneratedRequest {
        let routeIndex = random.pick(cumulativeBounds: plan.routeBounds)
        let route = plan.routes[routeIndex]
        let method = HTTPMethod.draw(using: &random)
        let targetIndex =
            random.chance(perMillion: route.noUpstreamPerMillion)
            ? nil : random.pick(cumulativeBounds: route.targetBounds)
        let response =
            if let targetIndex {
                drawUpstreamResponse(
                    from: route.targets[targetIndex], clientErrorsPerMillion: route.clientErrorsPerMillion,
                    method: method)
            } else {
                drawLocalReply()
            }

        buffer.append(UInt8(ascii: "["))
        timestamp.append(millisecondsSince1970: clockMicroseconds / 1_000, to: &buffer)
        buffer.append("] \"")
        buffer.append(method.name)
        buffer.append(UInt8(ascii: " "))
        appendPath(under: route, for: method, to: &buffer)
        buffer.append(random.below(10) < 3 ? " HTTP/2\" " : " HTTP/1.1\" ")
        buffer.appendDecimal(response.status)
        buffer.append(UInt8(ascii: " "))
        buffer.append(response.flags)
        buffer.append(UInt8(ascii: " "))
        buffer.appendDecimal(method.hasBody ? 64 + random.below(4_000) : 0)
        buffer.append(UInt8(ascii: " "))
        buffer.appendDecimal(response.bytesSent)
        buffer.append(UInt8(ascii: " "))
        buffer.appendDecimal(response.durationMilliseconds)
        buffer.append(UInt8(ascii: " "))
        if targetIndex == nil {
            buffer.append(UInt8(ascii: "-"))
        } else {
            let gatewayOverhead = random.below(min(response.durationMilliseconds, 2) + 1)
            buffer.appendDecimal(response.durationMilliseconds - gatewayOverhead)
        }
        let forwardedForOffset = buffer.count
        buffer.append(" \"")
        appendForwardedFor(to: &buffer)
        buffer.append("\" \"")
        buffer.append(RequestVocabulary.userAgents[random.below(RequestVocabulary.userAgents.count)])
        buffer.append("\" \"")
        appendRequestID(to: &buffer)
        buffer.append("\" \"")
        buffer.append(contentsOf: plan.authority)
        buffer.append("\" \"")
        if let targetIndex {
            let target = route.targets[targetIndex]
            buffer.append("10.1.")
            buffer.appendDecimal(target.subnet)
            buffer.append(UInt8(ascii: "."))
            buffer.appendDecimal(10 + random.below(4))
            buffer.append(":8080\" ")
            buffer.append(contentsOf: target.cluster)
        } else {
            buffer.append("-\" -")
        }
        return GeneratedRequest(
            route: routeIndex,
            target: targetIndex,
            status: response.status,
            durationMilliseconds: response.durationMilliseconds,
            forwardedForOffset: forwardedForOffset
        )
    }

    /// A stem of the route, then for GET mostly `/<id>` with an occasional query, for PUT and DELETE
    /// `/<id>`, for POST the bare collection.
    mutating func appendPath(under route: GenerationPlan.Route, for method: HTTPMethod, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: route.pathStems[random.below(route.pathStems.count)])
        switch method {
        case .post:
            return
        case .put, .delete:
            appendResourceID(to: &buffer)
        case .get where random.below(5) == 0:
            switch random.below(4) {
            case 0:
                buffer.append("?page=")
                buffer.appendDecimal(1 + random.below(50))
            case 1:
                buffer.append("?limit=50&offset=")
                buffer.appendDecimal(50 * random.below(40))
            default:
                return
            }
        case .get:
            appendResourceID(to: &buffer)
            if random.below(100) < 15 {
                buffer.append(RequestVocabulary.itemQueries[random.below(RequestVocabulary.itemQueries.count)])
            }
        }
    }

    private mutating func appendResourceID(to buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "/"))
        buffer.appendDecimal(1_000 + random.below(99_000))
    }

    /// A client address from the documentation ranges or the mesh, now and then followed by a proxy's.
    private mutating func appendForwardedFor(to buffer: inout [UInt8]) {
        switch random.below(3) {
        case 0:
            buffer.append("203.0.113.")
        case 1:
            buffer.append("198.51.100.")
        default:
            buffer.append("10.1.")
            buffer.appendDecimal(4 + random.below(4))
            buffer.append(UInt8(ascii: "."))
        }
        buffer.appendDecimal(1 + random.below(254))
        if random.below(10) == 0 {
            buffer.append(", 10.0.")
            buffer.appendDecimal(random.below(256))
            buffer.append(UInt8(ascii: "."))
            buffer.appendDecimal(1 + random.below(254))
        }
    }

    /// A random (version 4) UUID, as Envoy generates for `x-request-id`.
    private mutating func appendRequestID(to buffer: inout [UInt8]) {
        let high = random.next() & ~0xF000 | 0x4000
        let low = random.next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        buffer.appendHexadecimal(high >> 32, digitCount: 8)
        buffer.append(UInt8(ascii: "-"))
        buffer.appendHexadecimal(high >> 16, digitCount: 4)
        buffer.append(UInt8(ascii: "-"))
        buffer.appendHexadecimal(high, digitCount: 4)
        buffer.append(UInt8(ascii: "-"))
        buffer.appendHexadecimal(low >> 48, digitCount: 4)
        buffer.append(UInt8(ascii: "-"))
        buffer.appendHexadecimal(low, digitCount: 12)
    }
}
