#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LineParser {
    /// Matches `prefix OP sep … OP suffix`, reading fields left of the absorber left to right and those
    /// right of it right to left; see ``TextLayout``.
    func parseText(_ line: UnsafeRawBufferPointer, _ plan: TextPlan) throws(LineRejection) {
        let base = line.baseAddress!
        let literals = plan.literals.baseAddress!
        var count = line.count
        while count > 0 {
            let last = base.load(fromByteOffset: count - 1, as: UInt8.self)
            guard last == UInt8(ascii: "\r") || (!plan.keepsTrailingSpace && last == UInt8(ascii: " ")) else { break }
            count -= 1
        }
        let steps = plan.steps
        let suffixCount = plan.suffixCount
        guard count >= plan.prefixCount, memcmp(base, literals, plan.prefixCount) == 0 else {
            throw LineRejection("line does not start with \(Self.describe(literals, plan.prefixCount)) as the format requires")
        }
        let suffix = literals + steps[steps.count - 1].literalStart
        guard count >= plan.prefixCount + suffixCount, memcmp(base + count - suffixCount, suffix, suffixCount) == 0 else {
            throw LineRejection("line does not end with \(Self.describe(suffix, suffixCount)) as the format requires")
        }
        var left = plan.prefixCount
        var right = count - suffixCount
        for index in 0..<plan.absorber {
            let step = steps[index]
            let separator = literals + step.literalStart
            guard let hit = Self.firstIndex(of: separator, step.literalCount, in: base, from: left, to: right) else {
                throw LineRejection(
                    "expected \(Self.describe(separator, step.literalCount)) after \(plan.fields[index].label) (from column \(left + 1))"
                )
            }
            try store(step, index: index, plan: plan, start: left, end: hit)
            left = hit + step.literalCount
        }
        var index = steps.count - 1
        while index > plan.absorber {
            let previous = steps[index - 1]
            let separator = literals + previous.literalStart
            let step = steps[index]
            if step.rejectsSpace {
                // The value cannot hold a space and its separator ends with one, so the value starts
                // after the last space: one backward scan finds it and checks for glue at once.
                if let space = Self.lastIndex(of: UInt8(ascii: " "), in: base, from: left, to: right) {
                    let hit = space + 1 - previous.literalCount
                    guard hit >= left, memcmp(base + hit, separator, previous.literalCount) == 0 else {
                        throw gluedFields(index: index, plan: plan, base: base, separator: separator, previous: previous, left: left, right: right)
                    }
                    try store(step, index: index, plan: plan, start: space + 1, end: right)
                    right = hit
                    index -= 1
                    continue
                }
            }
            guard let hit = Self.lastIndex(of: separator, previous.literalCount, in: base, from: left, to: right) else {
                throw LineRejection(
                    "expected \(Self.describe(separator, previous.literalCount)) before \(plan.fields[index].label) (ending at column \(right))"
                )
            }
            try store(step, index: index, plan: plan, start: hit + previous.literalCount, end: right)
            right = hit
            index -= 1
        }
        try store(steps[plan.absorber], index: plan.absorber, plan: plan, start: left, end: right)
    }

    /// Why a field that cannot hold a space would: the line has more fields than the format, or lacks
    /// the separator before the field.
    private func gluedFields(
        index: Int, plan: TextPlan, base: UnsafeRawPointer, separator: UnsafeRawPointer, previous: TextPlan.Step, left: Int, right: Int
    ) -> LineRejection {
        guard let hit = Self.lastIndex(of: separator, previous.literalCount, in: base, from: left, to: right) else {
            return LineRejection(
                "expected \(Self.describe(separator, previous.literalCount)) before \(plan.fields[index].label) (ending at column \(right))"
            )
        }
        let start = hit + previous.literalCount
        return LineRejection(
            "\(plan.fields[index].label) would be \(Self.quote(UnsafeRawBufferPointer(start: base + start, count: right - start))): the line has more space-separated fields than the format"
        )
    }

    /// Stores one field, taking the slow path through `plan.fields` only for custom time patterns
    /// and rejections.
    @inline(__always)
    private func store(_ step: TextPlan.Step, index: Int, plan: TextPlan, start: Int, end: Int) throws(LineRejection) {
        if step.kind == .timestamp, !step.isRFC3339 {
            try store(plan.fields[index], start: start, end: end)
            return
        }
        try store(slot: step.slot, kind: step.kind, start: start, end: end) { plan.fields[index] }
    }

    /// The first occurrence of the `count` bytes at `needle` lying wholly within `from..<to`.
    private static func firstIndex(of needle: UnsafeRawPointer, _ count: Int, in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        let first = Int32(needle.load(as: UInt8.self))
        var position = from
        while to - position >= count {
            guard let found = memchr(base + position, first, to - position - count + 1) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(found))
            if count == 1 || memcmp(base + offset + 1, needle + 1, count - 1) == 0 {
                return offset
            }
            position = offset + 1
        }
        return nil
    }

    /// The last occurrence of the `count` bytes at `needle` lying wholly within `from..<to`.
    private static func lastIndex(of needle: UnsafeRawPointer, _ count: Int, in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        let first = needle.load(as: UInt8.self)
        var end = to - count + 1
        while end > from {
            guard let position = lastIndex(of: first, in: base, from: from, to: end) else { return nil }
            if count == 1 || memcmp(base + position + 1, needle + 1, count - 1) == 0 {
                return position
            }
            end = position
        }
        return nil
    }

    /// The last `byte` in `from..<to`, eight bytes at a time: glibc's `memrchr` is not visible to
    /// Swift, and a byte-by-byte loop was a third of the parse time (perf annotate).
    private static func lastIndex(of byte: UInt8, in base: UnsafeRawPointer, from: Int, to: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let pattern = UInt64(byte) &* ones
        var end = to
        while end - from >= 8 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self)) ^ pattern
            // 0x80 in exactly the bytes of `word` that are zero, with no borrow between bytes.
            let zeros = ~(((word & low7) &+ low7) | word | low7)
            if zeros != 0 {
                return end - 1 - zeros.leadingZeroBitCount / 8
            }
            end -= 8
        }
        while end > from {
            end -= 1
            if base.load(fromByteOffset: end, as: UInt8.self) == byte { return end }
        }
        return nil
    }

    private static func describe(_ literal: UnsafeRawPointer, _ count: Int) -> String {
        "'" + String(decoding: UnsafeRawBufferPointer(start: literal, count: count), as: UTF8.self) + "'"
    }
}
