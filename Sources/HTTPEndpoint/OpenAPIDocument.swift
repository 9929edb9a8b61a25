import Foundation
import Hummingbird

/// `openapi.yaml`, the description of every endpoint, shipped as a resource of this module and served as is.
enum OpenAPIDocument {
    static let text: String? = Bundle.module.url(forResource: "openapi", withExtension: "yaml").flatMap { try? String(contentsOf: $0, encoding: .utf8) }

    static func response() throws -> Response {
        guard let text else {
            throw EndpointError(.notFound, "openapi.yaml is missing from this build", hint: "rebuild routelens with its resources")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/yaml"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
