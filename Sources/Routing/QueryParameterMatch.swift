/// A condition on one query parameter of a route match.
///
/// Mirrors App Mesh [`HttpQueryParameter`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_HttpQueryParameter.html):
/// with a [`QueryParameterMatch`](https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_QueryParameterMatch.html)
/// `exact` value the first occurrence must equal it; without one the parameter only has to be present.
/// Names and values are compared as logged, without percent-decoding.
package struct QueryParameterMatch: Sendable, Equatable {
    package enum Condition: Sendable, Equatable {
        case present
        case exact(String)
        /// The whole value must match (Gateway API `RegularExpression`, Istio `regex`).
        case regex(RegexPattern)
    }

    package let name: String
    package let condition: Condition

    func matches(_ value: Substring?) -> Bool {
        guard let value else { return false }
        switch condition {
        case .present: return true
        case .exact(let expected): return value == expected
        case .regex(let regex): return regex.wholeMatches(value)
        }
    }
}
