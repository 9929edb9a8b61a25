import Hummingbird

/// Requires `Authorization: Bearer TOKEN` on every path but `/healthz` (which a load balancer probes without
/// credentials and which reveals nothing). Parsed here rather than with hummingbird-auth: the header is one
/// prefix, and that package would bring swift-crypto into a 2-core CI build for nothing else used.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: [UInt8]

    init(token: String) {
        self.token = Array(token.utf8)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/healthz" { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.count > 7, header.prefix(7).lowercased() == "bearer " else {
            throw EndpointError(.unauthorized, "this endpoint needs a bearer token", hint: "send Authorization: Bearer TOKEN with the token of --token-file")
        }
        guard BearerTokenCheck.equal(Array(header.utf8.dropFirst(7)), token) else {
            throw EndpointError(.unauthorized, "the bearer token is not the one this server was given", hint: "send the token of the server's --token-file")
        }
        return try await next(request, context)
    }
}
