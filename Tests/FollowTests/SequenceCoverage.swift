/// Which of the numbered lines `expected` the database holds, and how often.
struct SequenceCoverage {
    /// Numbers in `expected` with no row.
    var missing: [Int] = []
    /// Numbers with more than one row.
    var duplicated: [Int] = []
    /// Rows whose request id is not a number in `expected`.
    var unexpected = 0

    init(requestIDs: [String?], expected: Range<Int>) {
        var copies = [Int](repeating: 0, count: expected.count)
        for requestID in requestIDs {
            guard let number = SequencedLine.number(ofRequestID: requestID), expected.contains(number) else {
                unexpected += 1
                continue
            }
            copies[number - expected.lowerBound] += 1
        }
        for (offset, count) in copies.enumerated() {
            if count == 0 { missing.append(expected.lowerBound + offset) }
            if count > 1 { duplicated.append(expected.lowerBound + offset) }
        }
    }

    /// Every expected line stored exactly once, and nothing else.
    var isExact: Bool { missing.isEmpty && duplicated.isEmpty && unexpected == 0 }
}

extension SequenceCoverage: CustomStringConvertible {
    var description: String {
        "\(missing.count) missing (first \(missing.prefix(10))), \(duplicated.count) duplicated (first \(duplicated.prefix(10))), \(unexpected) unexpected"
    }
}
