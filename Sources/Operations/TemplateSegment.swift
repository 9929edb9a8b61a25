/// One `/`-separated segment of an OpenAPI path template.
///
/// Variable names are dropped: `/orders/{id}` and `/orders/{orderId}` match the same requests, which
/// the [Paths Object](https://spec.openapis.org/oas/v3.1.0#paths-object) calls identical.
enum TemplateSegment: Sendable {
    /// Text that must equal the request's segment once its escapes are decoded.
    case literal([UInt8])
    /// `{id}`: any one non-empty segment.
    case variable
    /// Literal text and variables within one segment: `{name}.json`, `{year}-{month}`.
    case pattern(SegmentPattern)
}
