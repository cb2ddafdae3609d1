import LabelCore
import LabelQuality
import TestSupport
import Testing

/// A file's summary holds what the figures need and reads back from its bytes exactly (the
/// summary cache of `stats` and `agree` depends on it).
@Suite struct FileSummaryTests {
    static func roundTrip(_ summary: FileSummary) throws -> FileSummary {
        var writer = SummaryWriter()
        summary.write(to: &writer)
        var reader = SummaryReader(writer.bytes)
        reader.strings = writer.strings
        let read = try FileSummary(from: &reader)
        #expect(reader.isAtEnd)
        return read
    }

    @Test func everyKindOfAnnotationAndMarkReadsBackEqual() throws {
        var suggestion = Make.box("s", "dog", 1, 1, 3, 3, author: "model")
        suggestion.status = Annotation.suggestedStatus
        let picture = Document(sidecar: Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 40, height: 30), annotations: [
            Make.box("b", "cat", 2, 3, 10, 12), Make.box("b2", "cat", 2, 3, 11, 12, author: "bo"), suggestion,
            Make.classification("c", "indoor"),
            Annotation(id: "p", shape: .polygon(PolygonGeometry(points: [ShapePoint(x: 5, y: 5), ShapePoint(x: 25.5, y: 5), ShapePoint(x: 25, y: 25)])), label: "cup", author: "ana"),
            Annotation(id: "m", shape: .mask(MaskRLE(height: 30, width: 40, counts: "0j1")), label: "sky", author: "bo"),
            Annotation(id: "k", shape: .keypoints(KeypointSet(skeleton: "face", points: [Keypoint(x: 3.25, y: 4, visibility: .visible), Keypoint(x: 0, y: 0, visibility: .unlabeled)])),
                       label: "face", author: "ana"),
            Annotation(id: "n", shape: .box(BoxGeometry(x: 1, y: 1, width: 2, height: 2)), label: "cat"),
        ], marks: [Mark(state: .done, author: "ana", time: "t"), Mark(state: .flagged, author: "bo", time: "t", note: "blurry")]))
        let summary = FileSummary(picture, kind: .image)
        let item = try #require(summary.items[nil])
        #expect(item.accepted.count == 7 && item.suggestions == 1)
        #expect(item.raters == ["ana", "bo"])
        #expect(item.ratings["ana"]?.boxes.count == 1 && item.ratings["ana"]?.shapes.count == 2 && item.ratings["ana"]?.done == true)
        #expect(item.ratings["bo"]?.shapes.count == 1 && item.ratings["bo"]?.done == false)
        #expect(try Self.roundTrip(summary) == summary)

        let text = Document(sidecar: Sidecar(file: "r.jsonl", kind: .text, annotations: [
            Make.span("s1", "PER", 0, 4, "Zoë ", record: 3), Make.classification("c1", "pos", record: 3, author: "bo"),
            Make.classification("c2", "neg", record: 0),
        ], marks: [Mark(state: .done, record: 7, author: "cy", time: "t")]))
        let texts = FileSummary(text, kind: .text)
        #expect(Set(texts.items.keys) == [0, 3, 7])
        #expect(texts.items[3]?.ratings["ana"]?.spans == [SpanRange(start: 0, end: 4, text: "Zoë ")])
        #expect(try Self.roundTrip(texts) == texts)
    }

    @Test func damagedBytesAreAnErrorNeverACrash() {
        let document = Document(sidecar: Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 9, height: 9), annotations: [Make.box("b", "cat", 1, 1, 3, 3)]))
        var writer = SummaryWriter()
        FileSummary(document, kind: .image).write(to: &writer)
        // Every cut short of the end runs out of bytes somewhere: an error, not a smaller summary.
        for cut in 0..<writer.bytes.count {
            var reader = SummaryReader(Array(writer.bytes[0..<cut]))
            reader.strings = writer.strings
            #expect(throws: SummaryReader.Damaged.self) { try FileSummary(from: &reader) }
        }
        // A string beyond the table.
        var outside = SummaryReader(writer.bytes)
        outside.strings = Array(writer.strings.dropLast())
        #expect(throws: SummaryReader.Damaged.self) { try FileSummary(from: &outside) }
        var reader = SummaryReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(throws: SummaryReader.Damaged.self) { try FileSummary(from: &reader) }
    }
}
