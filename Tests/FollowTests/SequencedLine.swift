import Foundation

/// Envoy default-format lines numbered 0, 1, 2…: line `n` has path `/seq/n` and `x-request-id` `seq-n`,
/// so the database shows which lines it holds and how often.
enum SequencedLine {
    /// Line `number`, newline-terminated, about 190 bytes; its time is `number` milliseconds after the
    /// start of the hour the tests began in, recent enough that the daemon's raw-row retention keeps it.
    static func text(_ number: Int) -> String {
        let time = Date(timeIntervalSince1970: Double(startMilliseconds + number) / 1000)
        return #"[\#(time.formatted(timestampStyle))] "GET /seq/\#(number) HTTP/1.1" 200 - 0 1532 23 21 "10.1.4.12" "curl/8.5.0" "seq-\#(number)" "shop.example.com" "10.1.2.7:8080""# + "\n"
    }

    /// Lines `numbers`, concatenated.
    static func text(_ numbers: Range<Int>) -> String {
        numbers.map { text($0) }.joined()
    }

    /// The sequence number of a request id written by ``text(_:)``.
    static func number(ofRequestID requestID: String?) -> Int? {
        guard let requestID, requestID.hasPrefix("seq-") else { return nil }
        return Int(requestID.dropFirst(4))
    }

    private static let startMilliseconds = Int(Date().timeIntervalSince1970 / 3600) * 3_600_000

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
