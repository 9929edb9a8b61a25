package import Hummingbird
package import HTTPTypes
import Foundation

/// An answer that is not the report asked for: 400 for what the caller can fix, 401 without the token,
/// 404/405 for what does not exist, 413 for a body too large, 503 for what waiting may fix. Rendered as
/// `{"error": "...", "hint": "..."}`; the endpoint never answers 500 for anything a caller sent.
package struct EndpointError: HTTPResponseError, Sendable, Equatable {
    package var status: HTTPResponse.Status
    /// What is wrong, naming the parameter and the value.
    package var error: String
    /// What to do instead.
    package var hint: String

    package init(_ status: HTTPResponse.Status, _ error: String, hint: String) {
        self.status = status
        self.error = error
        self.hint = hint
    }

    package static func badRequest(_ error: String, hint: String) -> EndpointError {
        EndpointError(.badRequest, error, hint: hint)
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.response(Body(error: error, hint: hint))
        response.status = status
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"routelens\"" }
        return response
    }

    private struct Body: Encodable {
        var error: String
        var hint: String
    }
}
