/// `routelens query errors --output json`.
struct ErrorReport: Decodable {
    struct Route: Decodable {
        var route: String
        var requests: Int
        var errors5xx: Int
        var errors4xx: Int

        enum CodingKeys: String, CodingKey {
            case route, requests
            case errors5xx = "errors_5xx"
            case errors4xx = "errors_4xx"
        }
    }

    var routes: [Route]
}
