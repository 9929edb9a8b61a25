/// Envoy default-format lines numbered 0, 1, 2…: line `n` has path `/seq/n` and `x-request-id` `seq-n`,
/// so the database shows which lines it holds and how often.
enum SequencedLine {
    /// Line `number`, newline-terminated, about 190 bytes.
    static func text(_ number: Int, status: Int = 200) -> String {
        let millisecond = number % 1000
        let second = number / 1000 % 60
        let minute = number / 60_000 % 60
        let time = "2026-11-26T10:\(twoDigits(minute)):\(twoDigits(second)).\(String(millisecond + 1000).dropFirst())Z"
        return #"[\#(time)] "GET /seq/\#(number) HTTP/1.1" \#(status) - 0 1532 23 21 "10.1.4.12" "curl/8.5.0" "seq-\#(number)" "shop.example.com" "10.1.2.7:8080""# + "\n"
    }

    /// Lines `numbers`, concatenated.
    static func text(_ numbers: Range<Int>) -> String {
        numbers.map { text($0) }.joined()
    }

    /// The sequence number of a request id written by ``text(_:status:)``.
    static func number(ofRequestID requestID: String?) -> Int? {
        guard let requestID, requestID.hasPrefix("seq-") else { return nil }
        return Int(requestID.dropFirst(4))
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
