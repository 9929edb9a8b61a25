package import Hummingbird
package import Foundation
import Rendering

/// Answers as JSON, in ``ReportJSON``'s one encoding: the same bytes as `routelens query … --output json` (keys
/// sorted, slashes unescaped, no trailing newline), so a script can switch between the CLI and the endpoint.
package enum JSONResponse {
    /// The encoded bytes of `value`. Encoding report structs (strings, integers, finite doubles) cannot fail;
    /// if it ever did, the caller gets `{}` rather than a crash.
    package static func encode(_ value: some Encodable) -> Data {
        (try? ReportJSON.data(value)) ?? Data("{}".utf8)
    }

    /// A 200 response carrying `value` as JSON.
    package static func response(_ value: some Encodable) -> Response {
        let data = encode(value)
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
