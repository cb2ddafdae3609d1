@testable import LabelCore
import TestSupport
import Testing

/// The fast sidecar decoder gives exactly what the full decoder gives, or steps aside.
@Suite struct SidecarFastPathTests {
    /// Sidecars the fast path must read itself, identically to the full decoder.
    static let ordinary: [String] = [
        SidecarCodecTests.golden,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": []}"#,
        #"{"annotations": [{"id": "a", "type": "span", "label": "PER", "start": 0, "end": 3, "text": "A\"n\u00e9 \ud83d\ude42", "record": 12, "status": "suggested", "score": 0.25, "source": "ner"}], "version": 1, "format": "termlabel-sidecar", "future": {"nested": [1, 2.5, -3e2, null, true]}}"#,
        ##"{"format": "termlabel-sidecar", "version": 1, "kind": "image", "image": {"width": 640, "height": 480, "dpi": 72}, "annotations": [{"id": "b", "type": "box", "label": "cat", "x": -0, "y": 0, "width": 2147483648, "height": 1, "color": "#ff0000", "score": 1}, {"id": "c", "type": "cuboid", "label": "roof", "corners": [[1, 2], [3, 4]]}, {"id": "d", "type": "class", "label": "indoor"}], "marks": [{"state": "done", "record": 3, "extra": 1}]}"##,
        "\u{FEFF}{\"format\": \"termlabel-sidecar\", \"version\": 1,\r\n\t\"annotations\": [ ]\r\n}\n",
    ]

    /// Unusual sidecars: the fast path steps aside and the full decoder decides (same result or same error).
    static let unusual: [String] = [
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "class", "label": "x", "x": 3}]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "box", "label": "x", "x": 1.5, "y": 0, "width": 1, "height": 1}]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "box", "label": "x", "x": 1e2, "y": 0, "width": 1, "height": 1}]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "box", "label": "x", "x": 99999999999999999999, "y": 0, "width": 1, "height": 1}]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "id": "b", "type": "class", "label": "x"}]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": 7, "type": "class", "label": "x"}]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"type": "class", "label": "x"}]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "span", "label": "x", "start": 0, "end": 1}]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "class", "label": "x", "score": "high"}]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "class", "label": "x", "k": 1, "k": 2}]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "class", "label": "x"},]}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "class", "label": "x"}], "annotations": []}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": {}}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "class", "label": "x", "record": 01}]}"#,
        #"{"format": "termlabel-sidecar", "version": 9, "annotations": []}"#,
        #"{"format": "other", "version": 1}"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "class", "label": "x"}]} trailing"#,
        #"{"format": "termlabel-sidecar", "version": 1, "annotations": [{"id": "a", "type": "class", "label": "x""#,
        "[1, 2]",
    ]

    func outcome(_ decode: () throws(SidecarError) -> Sidecar) -> String {
        do { return "\(try decode())" } catch { return "error: \(error)" }
    }

    @Test(arguments: ordinary)
    func ordinarySidecarsTakeTheFastPathAndMatch(_ text: String) throws {
        let bytes = Array(text.utf8)
        let fast = try #require(SidecarFastPath.decode(bytes, file: "s.json"))
        #expect(fast == (try SidecarCodec.decodeFully(bytes, file: "s.json")))
        #expect(SidecarCodec.encode(fast) == SidecarCodec.encode(try SidecarCodec.decodeFully(bytes, file: "s.json")))
    }

    @Test(arguments: unusual)
    func unusualSidecarsAreLeftToTheFullDecoder(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(SidecarFastPath.decode(bytes, file: "s.json") == nil)
        #expect(outcome { () throws(SidecarError) in try SidecarCodec.decode(bytes, file: "s.json") }
                == outcome { () throws(SidecarError) in try SidecarCodec.decodeFully(bytes, file: "s.json") })
    }

    @Test func randomSidecarsDecodeAlikeBothWays() throws {
        var random = SeededRandom(seed: 42)
        let words = ["cat", "dög", "a \"quoted\" word", "tab\there", "🙂", "line\nbreak", ""]
        for round in 0..<200 {
            var annotations: [Annotation] = []
            for index in 0..<Int.random(in: 0..<30, using: &random) {
                let word = words[Int.random(in: 0..<words.count, using: &random)]
                let shape: AnnotationShape
                switch Int.random(in: 0..<4, using: &random) {
                case 0: shape = .box(BoxGeometry(x: Int.random(in: -5..<5000, using: &random), y: Int.random(in: 0..<5000, using: &random), width: 1 + Int.random(in: 0..<900, using: &random), height: 1))
                case 1: shape = .span(SpanRange(start: index, end: index + 3, text: word))
                case 2: shape = .classification
                default: shape = .other(type: "point")
                }
                let suggested = Bool.random(using: &random)
                annotations.append(Annotation(id: "r\(round)x\(index)", shape: shape, label: word, record: Bool.random(using: &random) ? index : nil,
                                              author: suggested ? nil : word, time: "2026-11-22T10:00:00Z", status: suggested ? Annotation.suggestedStatus : nil,
                                              score: suggested ? Double(Int.random(in: 0..<1000, using: &random)) / 997 : nil,
                                              extra: index % 7 == 0 ? ["note": .string(word), "weights": .array([.int(index), .double(0.5)])] : [:]))
            }
            let bytes = SidecarCodec.encode(Sidecar(file: "f.png", kind: .image, image: ImageSize(width: 10, height: 10), annotations: annotations,
                                                    marks: [Mark(state: .done, author: "ana")]))
            let fast = try #require(SidecarFastPath.decode(bytes, file: "f.json"))
            #expect(fast == (try SidecarCodec.decodeFully(bytes, file: "f.json")))
        }
    }
}
