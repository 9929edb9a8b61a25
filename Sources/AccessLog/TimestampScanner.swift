/// Reads the parts of a timestamp out of bytes and turns them into milliseconds since the epoch.
struct TimestampScanner {
    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var year: Int64 = 1970
    private var month: Int64 = 1
    private var day: Int64 = 1
    private var hour: Int64 = 0
    private var minute: Int64 = 0
    private var second: Int64 = 0
    private var millisecond: Int64 = 0
    private var zoneOffsetSeconds: Int64 = 0
    private var epochSeconds: Int64?

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)`; a space is accepted for `T`.
    mutating func scanRFC3339() -> Int64? {
        guard let y = digits(4), literal("-"), let mo = digits(2), literal("-"), let d = digits(2) else { return nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else { return nil }
        index += 1
        guard let h = digits(2), literal(":"), let mi = digits(2), literal(":"), let s = digits(2) else { return nil }
        (year, month, day, hour, minute, second) = (y, mo, d, h, mi, s)
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard fraction(exactly: nil) else { return nil }
        }
        guard zone(), index == bytes.count else { return nil }
        return total()
    }

    mutating func scan(_ tokens: [TimestampPattern.Token]) -> Int64? {
        for token in tokens {
            switch token {
            case .literal(let byte):
                guard index < bytes.count, bytes[index] == byte else { return nil }
                index += 1
            case .year: guard let v = digits(4) else { return nil }; year = v
            case .shortYear: guard let v = digits(2) else { return nil }; year = 2000 + v
            case .month: guard let v = digits(2) else { return nil }; month = v
            case .day:
                if index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1; guard let v = digits(1) else { return nil }; day = v }
                else { guard let v = digits(2) else { return nil }; day = v }
            case .hour: guard let v = digits(2) else { return nil }; hour = v
            case .minute: guard let v = digits(2) else { return nil }; minute = v
            case .second: guard let v = digits(2) else { return nil }; second = v
            case .fraction(let count): guard fraction(exactly: count) else { return nil }
            case .epochSeconds:
                let start = index
                var value: Int64 = 0
                while index < bytes.count, let digit = Self.digit(bytes[index]), index - start < 12 {
                    value = value * 10 + digit
                    index += 1
                }
                guard index > start else { return nil }
                epochSeconds = value
            case .zone: guard zone() else { return nil }
            case .monthName: guard let v = monthName() else { return nil }; month = v
            case .letters:
                let start = index
                while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
                guard index > start else { return nil }
            }
        }
        guard index == bytes.count else { return nil }
        return total()
    }

    private func total() -> Int64? {
        if let epochSeconds {
            return epochSeconds * 1000 + millisecond
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60 else { return nil }
        let days = Self.daysSinceEpoch(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - zoneOffsetSeconds
        return seconds * 1000 + millisecond
    }

    /// Howard Hinnant's `days_from_civil`: <https://howardhinnant.github.io/date_algorithms.html#days_from_civil>.
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private mutating func digits(_ count: Int) -> Int64? {
        guard index + count <= bytes.count else { return nil }
        var value: Int64 = 0
        for offset in 0..<count {
            guard let digit = Self.digit(bytes[index + offset]) else { return nil }
            value = value * 10 + digit
        }
        index += count
        return value
    }

    /// Reads fraction digits, keeping milliseconds (truncated, as Envoy's `%3f` writes them).
    private mutating func fraction(exactly count: Int?) -> Bool {
        let start = index
        var value: Int64 = 0
        while index < bytes.count, let digit = Self.digit(bytes[index]) {
            if index - start < 3 { value = value * 10 + digit }
            index += 1
            if let count, index - start == count { break }
        }
        let read = index - start
        guard read > 0, count == nil || read == count else { return false }
        for _ in read..<max(read, 3) { value *= 10 }
        millisecond = value
        return true
    }

    private mutating func zone() -> Bool {
        guard index < bytes.count else { return false }
        let sign = bytes[index]
        if sign == UInt8(ascii: "Z") {
            index += 1
            return true
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return false }
        index += 1
        guard let hours = digits(2) else { return false }
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") { index += 1 }
        guard let minutes = digits(2) else { return false }
        let offset = hours * 3600 + minutes * 60
        zoneOffsetSeconds = sign == UInt8(ascii: "+") ? offset : -offset
        return true
    }

    private mutating func monthName() -> Int64? {
        guard index + 3 <= bytes.count else { return nil }
        let name = (UInt32(bytes[index] | 0x20) << 16) | (UInt32(bytes[index + 1] | 0x20) << 8) | UInt32(bytes[index + 2] | 0x20)
        let names: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map { text in
            let utf8 = Array(text.utf8)
            return (UInt32(utf8[0]) << 16) | (UInt32(utf8[1]) << 8) | UInt32(utf8[2])
        }
        guard let month = names.firstIndex(of: name) else { return nil }
        index += 3
        while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
        return Int64(month + 1)
    }

    private static func digit(_ byte: UInt8) -> Int64? {
        let value = Int64(byte) - 48
        return (0...9).contains(value) ? value : nil
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private mutating func literal(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }
}
