import Testing

@testable import RequestBatches

@Suite("Label dictionary")
struct LabelDictionaryTests {
    @Test("The same bytes get the same id; new text gets the next id")
    func sameBytesSameID() {
        var labels = LabelDictionary()
        #expect(id(of: "GET", in: &labels) == (0, true))
        #expect(id(of: "POST", in: &labels) == (1, true))
        #expect(id(of: "GET", in: &labels) == (0, false))
        #expect(labels.count == 2)
    }

    @Test("Texts that share a prefix or differ only in length are different labels")
    func prefixesAreDistinct() {
        var labels = LabelDictionary()
        let texts = ["", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgi", "Go-http-client/2.0", "Go-http-client/1.1"]
        let ids = texts.map { id(of: $0, in: &labels).id }
        #expect(ids == Array(0..<Int32(texts.count)))
        #expect(texts.map { id(of: $0, in: &labels).id } == ids)
    }

    @Test("Ids stay stable while the table grows past its first capacity")
    func growthKeepsIDs() {
        var labels = LabelDictionary()
        for number in 0..<5000 { _ = id(of: "10.1.\(number / 256).\(number % 256):8080", in: &labels) }
        #expect(labels.count == 5000)
        #expect(id(of: "10.1.0.7:8080", in: &labels) == (7, false))
        #expect(id(of: "10.1.19.135:8080", in: &labels) == (4999, false))
    }

    @Test("removeAll forgets every label and starts ids at 0 again")
    func removeAllRestarts() {
        var labels = LabelDictionary()
        _ = id(of: "GET", in: &labels)
        _ = id(of: "PUT", in: &labels)
        labels.removeAll()
        #expect(labels.count == 0 && labels.byteCount == 0)
        #expect(id(of: "PUT", in: &labels) == (0, true))
    }

    private func id(of text: String, in labels: inout LabelDictionary) -> (id: Int32, isNew: Bool) {
        Array(text.utf8).withUnsafeBytes { labels.id(of: $0) }
    }
}
