/// Request methods in the proportions of a read-heavy shop API.
enum HTTPMethod: Sendable {
    case get, post, put, delete

    var name: StaticString {
        switch self {
        case .get: "GET"
        case .post: "POST"
        case .put: "PUT"
        case .delete: "DELETE"
        }
    }

    var hasBody: Bool {
        self == .post || self == .put
    }

    /// 80 % GET, 10 % POST, 6 % PUT, 4 % DELETE.
    static func draw(using random: inout Xoshiro256StarStar) -> HTTPMethod {
        switch random.below(100) {
        case ..<80: .get
        case ..<90: .post
        case ..<96: .put
        default: .delete
        }
    }
}
