/// Something that carries an access-log line inside another line: a container runtime's record or a
/// tool's prefix. RouteLens unwraps them into the inner line, which is then parsed as usual.
///
/// The wrappers a file uses are detected once from its sample (``FormatDetector``) and kept in the
/// ``LogFormat``, so each line is unwrapped directly; a line the detected chain does not fit is still
/// unwrapped by trying each wrapper, but only after it failed to parse as it is.
package enum LineWrapper: String, CaseIterable, Sendable, Equatable {
    /// A JSON record with the line as a string under `log` (Docker's json-file driver, Fluent Bit) or
    /// `message` (Vector, Fluent Bit's `log_key`, Elastic's shippers).
    case jsonRecord = "json-record"
    /// The CRI log format containerd and CRI-O write: `2026-11-20T10:00:00.000000001Z stdout F <line>`.
    case cri
    /// `kubectl logs --timestamps`: `2020-11-22T20:04:54.223002528Z <line>`.
    case kubectlTimestamp = "kubectl-timestamp"
    /// Emissary-ingress (Ambassador) writes `ACCESS ` before each access-log line.
    case accessPrefix = "access-prefix"
    /// stern prints `POD CONTAINER ` before each line.
    case podContainerPrefix = "pod-container-prefix"

    /// How a rejection names the wrapper.
    var label: String {
        switch self {
        case .jsonRecord: "in the JSON record's log/message"
        case .cri: "in the CRI record"
        case .kubectlTimestamp: "after the kubectl timestamp"
        case .accessPrefix: "after 'ACCESS '"
        case .podContainerPrefix: "after the pod and container names"
        }
    }
}
