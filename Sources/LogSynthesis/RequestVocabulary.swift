/// Header values and path pieces the generator draws from.
enum RequestVocabulary {
    /// Quotes are part of the value, as Envoy writes header values unescaped
    /// (https://github.com/envoyproxy/envoy/issues/4191); `-` is what Envoy writes for a missing header.
    static let userAgents: [StaticString] = [
        "Mozilla/5.0 (X11; Linux x86_64)",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "okhttp/4.12.0",
        "Go-http-client/2.0",
        "python-requests/2.32.3",
        #"curl/8.1 "quoted""#,
        "-",
    ]

    static let itemQueries: [StaticString] = [
        "?expand=items",
        "?fields=id,status,total",
        "?include=history",
        "?currency=EUR",
    ]

    static let clientErrorStatuses = [400, 401, 403, 404, 404, 409, 422, 429]
}
