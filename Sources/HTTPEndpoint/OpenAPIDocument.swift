import Foundation
import Hummingbird

/// `openapi.yaml`, the description of every endpoint, shipped as a resource of this module and served as is.
///
/// Hand-written routes with a contract test, not contract-first with swift-openapi-generator:
/// - `/api/v1/*` must be the CLI's `--output json` byte for byte. The report structs already encode that JSON;
///   generated `Components.Schemas` types would be a second model of the same answers, mapped field by field
///   and encoded by another encoder (key order, number formatting), which is where drift would come back.
/// - `/grafana/*` follows someone else's contract (simPod's), which is loose (`payload: object`, rows of
///   `anyOf`) and which the generator would turn into unwieldy enums, for little checking.
/// - Build time: the generator is a build plugin over OpenAPIKit, Yams and swift-algorithms, built in every
///   clean CI run (CI clones afresh) on 2 cores, minutes on top of Hummingbird's own.
/// What keeps the document honest instead: a Swift test requests every path it lists (none may be unknown
/// to the router), and `Tests/HTTPEndpointTests/contract/check_contracts.py` validates a real server's
/// responses against it and against the simPod contract with openapi-core.
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
