import HTTPEndpoint
import Hummingbird
import HummingbirdTesting
import Testing

/// Anything a caller can get wrong answers 400 with `{"error", "hint"}` naming it, never 500.
@Suite("Bad input")
struct BadInputTests {
    @Test(
        "Bad requests answer 400 naming the problem",
        arguments: [
            ("/api/v1/errors?from=yesterday", "from=yesterday is not a time"),
            ("/api/v1/errors?from=2026-11-26T10:05:00Z&to=2026-11-26T10:00:00Z", "the window is empty or reversed: from is not before to"),
            ("/api/v1/errors?from=0&to=1795687200000", "the window from/to is longer than the longest window served"),
            ("/api/v1/latency?since=forever", "since=forever is not a duration"),
            ("/api/v1/latency?since=10m&from=1795687200000", "since and from given together"),
            ("/api/v1/errors?by=host", "by=host is not a grouping"),
            ("/api/v1/errors?side=left", "side=left is not a side"),
            ("/api/v1/errors?rout=orders", "unknown parameter rout"),
            ("/api/v1/split?by=target", "split does not take by"),
            ("/api/v1/split?side=both", "split does not take side=both"),
            ("/api/v1/split?alpha=2", "alpha=2 is out of range"),
        ]
    )
    func badRequest(_ uri: String, _ error: String) async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.object["error"] as? String == error)
                #expect((response.object["hint"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test("An unknown route is refused with the routes the database has")
    func unknownRoute() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/api/v1/latency?route=ordres", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.object["error"] as? String == "unknown route ordres")
                let hint = response.object["hint"] as? String ?? ""
                #expect(hint.contains("catalog, orders-canary, payments"))
            }
        }
    }

    @Test("An unknown path is a JSON 404 pointing at /openapi.yaml")
    func unknownPath() async throws {
        try await FixtureDatabase.endpoint().application.test(.router) { client in
            try await client.execute(uri: "/api/v1/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect((response.object["hint"] as? String)?.contains("/openapi.yaml") == true)
            }
        }
    }

    @Test("An answer with more rows than the limit is refused, with what to narrow")
    func rowLimit() async throws {
        var limits = EndpointConfiguration.Limits()
        limits.rows = 2
        try await FixtureDatabase.endpoint(limits: limits).application.test(.router) { client in
            try await client.execute(uri: "/api/v1/errors", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.object["error"] as? String == "the answer has 3 rows, more than the 2 served")
            }
        }
    }
}

@Suite("Bearer token")
struct AuthTests {
    @Test("Without the token every endpoint but /healthz answers 401")
    func withoutToken() async throws {
        try await FixtureDatabase.endpoint(token: "s3cret-token").application.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
            for uri in ["/readyz", "/api/v1/errors", "/openapi.yaml"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="routelens""#)
                }
            }
            try await client.execute(uri: "/api/v1/errors", method: .get, headers: [.authorization: "Bearer s3cret-tokeN"]) { response in
                #expect(response.status == .unauthorized)
                #expect(response.object["error"] as? String == "the bearer token is not the one this server was given")
            }
        }
    }

    @Test("With the token the answer is the report")
    func withToken() async throws {
        try await FixtureDatabase.endpoint(token: "s3cret-token").application.test(.router) { client in
            try await client.execute(uri: "/api/v1/errors", method: .get, headers: [.authorization: "Bearer s3cret-token"]) { response in
                #expect(response.status == .ok)
                #expect((response.object["routes"] as? [Any])?.count == 3)
            }
        }
    }

    @Test("Comparing tokens looks at every byte, and an empty expected token matches nothing")
    func constantTimeCompare() {
        #expect(BearerTokenCheck.equal(Array("abc".utf8), Array("abc".utf8)))
        #expect(!BearerTokenCheck.equal(Array("abd".utf8), Array("abc".utf8)))
        #expect(!BearerTokenCheck.equal(Array("abcabc".utf8), Array("abc".utf8)))
        #expect(!BearerTokenCheck.equal(Array("ab".utf8), Array("abc".utf8)))
        #expect(!BearerTokenCheck.equal([], []))
    }

    @Test("A non-loopback address without a token or --insecure-no-auth is refused")
    func nonLoopbackNeedsAuth() throws {
        let open = EndpointConfiguration(databasePath: "x", host: "0.0.0.0")
        #expect(throws: EndpointConfigurationError.unauthenticatedNonLoopback(host: "0.0.0.0")) { try open.validated() }
        #expect(try EndpointConfiguration(databasePath: "x", host: "0.0.0.0", token: "t").validated().token == "t")
        #expect(try EndpointConfiguration(databasePath: "x", host: "0.0.0.0", insecureNoAuth: true).validated().insecureNoAuth)
        #expect(try EndpointConfiguration(databasePath: "x", host: "127.0.0.1").validated().isLoopback)
    }

    @Test("--listen takes HOST:PORT, [IPv6]:PORT and :PORT")
    func listenAddress() throws {
        #expect(try EndpointConfiguration.listenAddress("127.0.0.1:9480") == ("127.0.0.1", 9480))
        #expect(try EndpointConfiguration.listenAddress("[::1]:80") == ("::1", 80))
        #expect(try EndpointConfiguration.listenAddress(":9480") == ("0.0.0.0", 9480))
        #expect(throws: EndpointConfigurationError.invalidListenAddress("localhost")) { try EndpointConfiguration.listenAddress("localhost") }
    }
}
