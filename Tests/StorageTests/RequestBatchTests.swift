import AccessLog
import Testing

@testable import Storage

@Suite("Request batch (the row arena)")
struct RequestBatchTests {
    let parser = LineParser(format: LogFormat(preset: .envoy))
    let line = #"[2026-11-26T10:00:00.000Z] "GET /orders/7 HTTP/1.1" 503 UF 0 10 7 - "-" "curl/8" "r2" "shop" "10.0.0.2:80""#

    @Test("The modelled fields are split between integer, label and text columns, each exactly once")
    func everyFieldHasOneColumn() {
        let fields = RequestEncoder.integerFields + RequestEncoder.labelFields + RequestEncoder.textFields
        #expect(Set(fields) == Set(AccessLogField.allCases))
        #expect(fields.count == AccessLogField.allCases.count)
    }

    @Test("A row is its line, integer fields and tcp, label ids, and text ranges into the arena")
    func rowLayout() throws {
        var encoder = RequestEncoder()
        var batch = RequestBatch()
        encoder.begin(&batch)
        try append(line, number: 42, encoder: &encoder, batch: &batch)

        #expect(batch.count == 1)
        #expect(batch.integers == [42, 1_795_687_200_000, 503, 0, 10, 7, RequestBatch.nullInteger, 0])
        // method, protocol, flags, details, user agent, authority, upstream host, cluster, route name, route, target
        #expect(batch.labels == [0, 1, 2, -1, 3, 4, 5, -1, -1, 6, -1])
        #expect(batch.newLabelCount == 7)
        #expect((0..<7).map { String(decoding: batch.newLabel($0), as: UTF8.self) } == ["GET", "HTTP/1.1", "UF", "curl/8", "shop", "10.0.0.2:80", "orders"])
        let (start, count) = (Int(batch.texts[0]), Int(batch.texts[1]))
        #expect(String(decoding: batch.bytes[start..<(start + count)], as: UTF8.self) == "/orders/7")
        #expect(Array(batch.texts[2...3]) == [-1, -1])  // x-forwarded-for is "-"
        let (idStart, idCount) = (Int(batch.texts[4]), Int(batch.texts[5]))
        #expect(String(decoding: batch.bytes[idStart..<(idStart + idCount)], as: UTF8.self) == "r2")
    }

    @Test("A label travels with the first batch that uses it; later batches refer to it by id")
    func labelsTravelOnce() throws {
        var encoder = RequestEncoder()
        var batch = RequestBatch()
        encoder.begin(&batch)
        try append(line, number: 1, encoder: &encoder, batch: &batch)
        encoder.begin(&batch)
        try append(line, number: 2, encoder: &encoder, batch: &batch)

        #expect(batch.firstNewLabel == 7)
        #expect(batch.newLabelCount == 0)
        #expect(batch.labels == [0, 1, 2, -1, 3, 4, 5, -1, -1, 6, -1])
        #expect(!batch.restartsLabels)
    }

    @Test("Emptying a batch for reuse keeps its buffers' capacity")
    func reuseKeepsCapacity() throws {
        var encoder = RequestEncoder()
        var batch = RequestBatch()
        encoder.begin(&batch)
        for number in 1...1000 { try append(line, number: Int64(number), encoder: &encoder, batch: &batch) }
        let capacities = [batch.integers.capacity, batch.labels.capacity, batch.texts.capacity, batch.bytes.capacity]

        encoder.begin(&batch)
        #expect(batch.count == 0 && batch.byteCount == 0)
        #expect([batch.integers.capacity, batch.labels.capacity, batch.texts.capacity, batch.bytes.capacity] == capacities)
    }

    /// Parses `text` and appends it while its bytes, which the parser's values point into, are alive.
    private func append(_ text: String, number: Int64, encoder: inout RequestEncoder, batch: inout RequestBatch) throws {
        try Array(text.utf8).withUnsafeBytes { bytes in
            try parser.parse(bytes)
            encoder.append(parser, line: number, route: "orders", target: nil, to: &batch)
        }
    }
}
