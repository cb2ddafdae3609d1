import LabelCore
import TestSupport
import Testing

@Suite struct SidecarCodecTests {
    /// The example of DESIGN §2, as termlabel writes it.
    static let golden = """
    {
      "annotations": [
        {
          "author": "ana",
          "id": "p81xza",
          "label": "indoor",
          "time": "2026-11-22T10:00:04Z",
          "type": "class"
        },
        {
          "author": "ana",
          "height": 150,
          "id": "k3f9q2",
          "label": "cat",
          "time": "2026-11-22T10:00:00Z",
          "type": "box",
          "width": 200,
          "x": 12,
          "y": 30
        }
      ],
      "file": "cat.png",
      "format": "termlabel-sidecar",
      "image": {
        "height": 480,
        "width": 640
      },
      "kind": "image",
      "marks": [
        {
          "author": "ana",
          "state": "done",
          "time": "2026-11-22T10:00:05Z"
        }
      ],
      "version": 1
    }

    """

    static let example = Sidecar(
        file: "cat.png", kind: .image, image: ImageSize(width: 640, height: 480),
        annotations: [Make.box("k3f9q2", "cat", 12, 30, 200, 150), Make.classification("p81xza", "indoor")],
        marks: [Mark(state: .done, author: "ana", time: "2026-11-22T10:00:05Z")])

    @Test func encodesTheDesignExampleByteForByte() {
        #expect(String(decoding: SidecarCodec.encode(Self.example), as: UTF8.self) == Self.golden)
    }

    @Test func decodesTheDesignExample() throws {
        let decoded = try SidecarCodec.decode(Array(Self.golden.utf8), file: "cat.png.labels.json")
        #expect(decoded.file == "cat.png")
        #expect(decoded.image == ImageSize(width: 640, height: 480))
        #expect(Set(decoded.annotations) == Set(Self.example.annotations))
        #expect(decoded.marks == Self.example.marks)
    }

    @Test func orderIsStableWhateverTheInsertionOrder() {
        var shuffled = Self.example
        let spans = (0..<20).map { Make.span("s\($0)", "PER", 40 - $0 * 2, 41 - $0 * 2, "x", record: $0 % 3) }
        shuffled.annotations += spans
        var reversed = shuffled
        reversed.annotations.reverse()
        #expect(SidecarCodec.encode(shuffled) == SidecarCodec.encode(reversed))
    }

    @Test func roundTripsSpansSuggestionsNotesAndRecords() throws {
        var suggestion = Make.span("s1", "ORG", 3, 9, "Acme «Ltd»", record: 4)
        suggestion.status = Annotation.suggestedStatus
        suggestion.score = 0.87
        suggestion.source = "model-v2"
        let sidecar = Sidecar(file: "corpus.txt", kind: .text, annotations: [suggestion, Make.classification("c1", "news", record: 4)],
                              marks: [Mark(state: .flagged, record: 4, author: "bo", time: "2026-11-22T11:00:00Z", note: "is \"Acme\" an ORG?")])
        let bytes = SidecarCodec.encode(sidecar)
        let decoded = try SidecarCodec.decode(bytes, file: "corpus.txt.labels.json")
        #expect(decoded == Sidecar(file: "corpus.txt", kind: .text, annotations: decoded.annotations, marks: sidecar.marks))
        #expect(Set(decoded.annotations) == Set(sidecar.annotations))
        #expect(SidecarCodec.encode(decoded) == bytes)
    }

    @Test func keepsUnknownKeysEverywhereOnRewrite() throws {
        let text = """
        {"format": "termlabel-sidecar", "version": 1, "file": "a.png", "kind": "image",
         "image": {"width": 10, "height": 10, "dpi": 300},
         "reviewer_notes": {"round": 2},
         "annotations": [
           {"id": "p1", "type": "polygon", "label": "cat", "points": [[1, 2], [3, 4]]},
           {"id": "b1", "type": "box", "label": "cat", "x": 1, "y": 1, "width": 2, "height": 2, "occluded": true, "confidence": 0.25}
         ],
         "marks": [{"state": "done", "author": "ana", "time": "t", "device": "tablet"}]}
        """
        let decoded = try SidecarCodec.decode(Array(text.utf8), file: "a.png.labels.json")
        var rewritten = try #require(try JSONParser.parse(SidecarCodec.encode(decoded)).objectValue)
        var original = try #require(try JSONParser.parse(text).objectValue)
        // Annotations come back in the stable order, so compare them as sets.
        #expect(Set(rewritten["annotations"]?.arrayValue ?? []) == Set(original["annotations"]?.arrayValue ?? []))
        rewritten["annotations"] = nil
        original["annotations"] = nil
        #expect(rewritten == original)
    }

    @Test func refusesANewerVersionBeforeReadingTheRest() {
        let text = #"{"format": "termlabel-sidecar", "version": 2, "annotations": "a shape from the future"}"#
        #expect(throws: SidecarError.newerVersion(file: "x.labels.json", version: 2, supported: 1)) {
            try SidecarCodec.decode(Array(text.utf8), file: "x.labels.json")
        }
    }

    @Test(arguments: [
        ("", "is empty"),
        ("  \n", "is empty"),
        ("{\"format\": \"termlabel-sidecar\", \"version\": 1, \"annotations\": [", "x.labels.json:1:"),
        ("[1, 2]", "not a termlabel sidecar"),
        ("{\"format\": \"labelme\"}", "not a termlabel sidecar"),
        ("{\"format\": \"termlabel-sidecar\"}", "no \"version\""),
        ("{\"format\": \"termlabel-sidecar\", \"version\": \"1\"}", "must be an integer"),
        ("{\"format\": \"termlabel-sidecar\", \"version\": 1,\n\"annotations\": [\n{\"id\": \"a\", \"type\": \"box\", \"label\": \"cat\", \"x\": 1}]}",
         "x.labels.json:3: annotation 1 has no \"y\""),
        ("{\"format\": \"termlabel-sidecar\", \"version\": 1,\n\"annotations\": [\n\n{\"id\": 7, \"type\": \"class\", \"label\": \"a\"}]}",
         "x.labels.json:4: annotation 1: \"id\" must be a string, found 7"),
    ])
    func explainsWhatIsWrongAndWhere(text: String, words: String) {
        #expect {
            _ = try SidecarCodec.decode(Array(text.utf8), file: "x.labels.json")
        } throws: { error in
            guard let error = error as? SidecarError else { return false }
            return error.file == "x.labels.json" && error.description.contains(words)
        }
    }
}
