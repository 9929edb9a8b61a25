extension DailyReport {
    /// A failure class and how many requests ended in it.
    package struct FailureClass: Sendable, Equatable, Codable {
        /// An Envoy response flag (`UF`, `UH`, `URX`…) or a status class (`5xx`).
        package var failureClass: String
        package var requests: Int

        package init(failureClass: String, requests: Int) {
            self.failureClass = failureClass
            self.requests = requests
        }

        enum CodingKeys: String, CodingKey {
            case failureClass = "class"
            case requests
        }
    }
}
