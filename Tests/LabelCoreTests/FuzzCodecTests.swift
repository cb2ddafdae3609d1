import LabelCore
import TestSupport
import Testing

/// Mutated sidecars through the codec (fast path and full decoder): no trap, and whatever
/// decodes encodes and decodes back to the same thing.
@Suite struct FuzzCodecTests {
    static let seed = """
    {
      "annotations": [
        { "author": "ana", "height": 150, "id": "k3f9q2", "label": "cat", "time": "2026-11-22T10:00:00Z", "type": "box", "width": 200, "x": 12, "y": 30 },
        { "end": 5, "id": "s1", "label": "PER", "record": 2, "score": 0.88, "source": "ner", "start": 0, "status": "suggested", "text": "Ada L", "type": "span" },
        { "author": "ana", "id": "p81xza", "label": "indoor", "type": "class", "extra": [1, 2.5, {"k": "v"}] }
      ],
      "file": "cat.png",
      "format": "termlabel-sidecar",
      "image": { "height": 480, "width": 640 },
      "kind": "image",
      "marks": [ { "author": "ana", "note": "two cats?", "state": "flagged", "time": "2026-11-22T10:00:05Z" } ],
      "version": 1
    }
    """
    static let extremes = ["9223372036854775807", "-9223372036854775808", "99999999999999999999999", "1e999", "-1e999",
                           "0.1000000000000000055511151231257827", "-0", "1e-400", "2147483648", "-1"]

    @Test func aThousandMutatedSidecarsDecodeOrAreRefused() throws {
        var mutator = Mutator(seed: 12)
        var decoded = 0
        for _ in 0..<1_000 {
            let bytes = mutator.mutate(text: Self.seed, extremes: Self.extremes)
            guard let sidecar = try? SidecarCodec.decode(bytes, file: "s.json") else { continue }
            decoded += 1
            let again = try SidecarCodec.decode(SidecarCodec.encode(sidecar), file: "s.json")
            #expect(again.annotations.sorted(by: AnnotationOrder.precedes) == sidecar.annotations.sorted(by: AnnotationOrder.precedes))
            #expect(again.marks.count == sidecar.marks.count)
            for box in sidecar.annotations.compactMap(\.box) { _ = box.fits(in: sidecar.image ?? ImageSize(width: 1, height: 1)) }
        }
        #expect(decoded > 50, "some mutations still decode: \(decoded)")
    }
}
