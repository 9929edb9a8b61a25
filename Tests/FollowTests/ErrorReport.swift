/// `routelens query errors --output json`.
struct ErrorReport: Decodable {
    struct Route: Decodable {
        var route: String
        var requests: Int
        var errors5xx: Int
        var errors4xx: Int
    }

    var routes: [Route]
}
