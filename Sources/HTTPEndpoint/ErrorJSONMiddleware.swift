import Hummingbird
import Logging

/// Makes every error answer `{"error", "hint"}`: the router's own 404/405, a body past the size limit (413),
/// and anything unforeseen (500, logged; nothing a caller sends is meant to reach it).
struct ErrorJSONMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as EndpointError {
            throw error
        } catch let error as HTTPError {
            switch error.status {
            case .notFound:
                throw EndpointError(.notFound, "no endpoint \(request.method) \(request.uri.path)", hint: "GET /openapi.yaml lists every endpoint")
            case .methodNotAllowed:
                throw EndpointError(.methodNotAllowed, "\(request.uri.path) does not take \(request.method)", hint: "GET /openapi.yaml lists every endpoint and its methods")
            case .contentTooLarge:
                throw EndpointError(.contentTooLarge, "the request body is too large", hint: "send a smaller JSON body")
            default:
                throw EndpointError(error.status, error.body ?? error.status.reasonPhrase, hint: "see GET /openapi.yaml")
            }
        } catch {
            context.logger.error("unexpected error answering \(request.method) \(request.uri.path): \(String(describing: error))")
            throw EndpointError(.internalServerError, "the server failed to answer", hint: "this is a RouteLens bug; the server log has the details")
        }
    }
}
