import AccessLog
import Testing

@testable import RequestBatches

@Suite("Request batch (the row arena)")
struct RequestBatchTests {
    let parser = LineParser(format: LogFormat(preset: .envoy))
    let line = #"[2026-11-26T10:00:00.000Z] "GET /orders/7 HTTP/1.1" 503 UF 0 10 7 - "-" "curl/8" "r2" "shop" "10.0.0.2:80""#

    @Test("The modelled fields are split between integer, label and text columns, each exactly once")
    func everyFieldHasOneColumn() {
        let fields = RequestEncoder.integerFields + RequestEncoder.shapeLabelFields + RequestEncoder.rowLabelFields + RequestEncoder.textFields
        #expect(Set(fields) == Set(AccessLogField.allCases))
        #expect(fields.count == AccessLogField.allCases.count)
    }

    @Test("A row is its line and integer fields, a shape id, label ids, and text ranges into the arena")
    func rowLayout() throws {
        var encoder = RequestEncoder()
        var batch = RequestBatch()
        encoder.begin(&batch)
        try append(line, number: 42, encoder: &encoder, batch: &batch)

        #expect(batch.count == 1)
        #expect(batch.integers == [42, 1_795_687_200_000, 503, 0, 10, 7, RequestBatch.nullInteger])
        #expect(batch.shapes == [0])
        // route, target, operation, method, protocol, flags, details, authority, cluster, route name; tcp, health check, inbound
        #expect(Array(batch.newShape(0)) == [0, -1, -1, 1, 2, 3, -1, 4, -1, -1, 0, 0, 0])
        // user agent, upstream host
        #expect(batch.labels == [5, 6])
        #expect(batch.newLabelCount == 7)
        #expect((0..<7).map { String(decoding: batch.newLabel($0), as: UTF8.self) } == ["orders", "GET", "HTTP/1.1", "UF", "shop", "curl/8", "10.0.0.2:80"])
        let (start, count) = (Int(batch.texts[0]), Int(batch.texts[1]))
        #expect(String(decoding: batch.bytes[start..<(start + count)], as: UTF8.self) == "/orders/7")
        #expect(Array(batch.texts[2...3]) == [-1, -1])  // x-forwarded-for is "-"
        let (idStart, idCount) = (Int(batch.texts[4]), Int(batch.texts[5]))
        #expect(String(decoding: batch.bytes[idStart..<(idStart + idCount)], as: UTF8.self) == "r2")
    }

    @Test("A label or shape travels with the first batch that uses it; later batches refer to it by id")
    func labelsTravelOnce() throws {
        var encoder = RequestEncoder()
        var batch = RequestBatch()
        encoder.begin(&batch)
        try append(line, number: 1, encoder: &encoder, batch: &batch)
        encoder.begin(&batch)
        try append(line, number: 2, encoder: &encoder, batch: &batch)

        #expect(batch.firstNewLabel == 7)
        #expect(batch.newLabelCount == 0)
        #expect(batch.firstNewShape == 1)
        #expect(batch.newShapeCount == 0)
        #expect(batch.shapes == [0])
        #expect(batch.labels == [5, 6])
        #expect(!batch.restartsLocalIDs)
    }

    @Test("Requests differing in attribution or class get shapes of their own")
    func shapesByAttributionAndClass() throws {
        var encoder = RequestEncoder()
        var batch = RequestBatch()
        encoder.begin(&batch)
        let attributions = [
            RequestAttribution(route: "orders"), RequestAttribution(route: "orders", target: "orders-v2"),
            RequestAttribution(route: "orders", operation: "GET /orders/{id}"), RequestAttribution(route: "orders", isHealthCheck: true),
            RequestAttribution(route: "orders", isInbound: true), RequestAttribution(route: "orders"),
        ]
        for (number, attribution) in attributions.enumerated() {
            try Array(line.utf8).withUnsafeBytes { bytes in
                try parser.parse(bytes)
                encoder.append(parser, line: Int64(number), attribution: attribution, to: &batch)
            }
        }

        #expect(batch.shapes == [0, 1, 2, 3, 4, 0])
        #expect(batch.newShapeCount == 5)
    }

    @Test("A lower-case UUID request id becomes its 16 bytes; any other id stays text")
    func uuidRequestIDs() {
        func bytes(_ text: String) -> [UInt8]? {
            Array(text.utf8).withUnsafeBytes { RequestEncoder.uuidBytes($0) }.map { uuid in withUnsafeBytes(of: uuid) { Array($0) } }
        }
        #expect(bytes("598a4ace-20e1-4342-a789-7060e036774a") == [
            0x59, 0x8a, 0x4a, 0xce, 0x20, 0xe1, 0x43, 0x42, 0xa7, 0x89, 0x70, 0x60, 0xe0, 0x36, 0x77, 0x4a,
        ])
        #expect(bytes("598A4ACE-20E1-4342-A789-7060E036774A") == nil)
        #expect(bytes("598a4ace-20e1-4342-a789-7060e036774g") == nil)
        #expect(bytes("598a4ace20e1-4342-a789-7060e036774a0") == nil)
        #expect(bytes("r2") == nil)
    }

    @Test("Emptying a batch for reuse keeps its buffers' capacity")
    func reuseKeepsCapacity() throws {
        var encoder = RequestEncoder()
        var batch = RequestBatch()
        encoder.begin(&batch)
        for number in 1...1000 { try append(line, number: Int64(number), encoder: &encoder, batch: &batch) }
        let capacities = [batch.integers.capacity, batch.shapes.capacity, batch.labels.capacity, batch.texts.capacity, batch.bytes.capacity]

        encoder.begin(&batch)
        #expect(batch.count == 0 && batch.byteCount == 0)
        #expect([batch.integers.capacity, batch.shapes.capacity, batch.labels.capacity, batch.texts.capacity, batch.bytes.capacity] == capacities)
    }

    /// Parses `text` and appends it while its bytes, which the parser's values point into, are alive.
    private func append(_ text: String, number: Int64, encoder: inout RequestEncoder, batch: inout RequestBatch) throws {
        try Array(text.utf8).withUnsafeBytes { bytes in
            try parser.parse(bytes)
            encoder.append(parser, line: number, attribution: RequestAttribution(route: "orders"), to: &batch)
        }
    }
}
