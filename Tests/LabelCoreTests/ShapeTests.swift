import LabelCore
import TestSupport
import Testing

/// Polygons, keypoints and masks (DESIGN §11): in the sidecar, and rasterised and run-length
/// coded exactly as pycocotools does, so what termlabel shows and scores is what COCO reads.
@Suite struct ShapeTests {
    static let sidecar = """
    {
      "annotations": [
        { "id": "p1", "label": "cup", "type": "polygon", "points": [[10, 12.5], [40, 12.5], [25, 30]] },
        { "id": "k1", "label": "person", "type": "keypoints", "skeleton": "person", "points": [[5, 6, 2], [0, 0, 0], [7.5, 8, 1]] },
        { "id": "m1", "label": "sky", "type": "mask", "rle": { "size": [4, 3], "counts": "14" } }
      ],
      "file": "a.png", "format": "termlabel-sidecar", "image": { "height": 4, "width": 3 }, "kind": "image", "marks": [], "version": 1
    }
    """

    @Test func everyShapeReadsAndWritesBackUnchanged() throws {
        let sidecar = try SidecarCodec.decode(Array(Self.sidecar.utf8), file: "a.png.labels.json")
        let shapes = Dictionary(uniqueKeysWithValues: sidecar.annotations.map { ($0.id, $0.shape) })
        #expect(shapes["p1"] == .polygon(PolygonGeometry(points: [ShapePoint(x: 10, y: 12.5), ShapePoint(x: 40, y: 12.5), ShapePoint(x: 25, y: 30)])))
        #expect(shapes["k1"] == .keypoints(KeypointSet(skeleton: "person", points: [
            Keypoint(x: 5, y: 6, visibility: .visible), .unlabeled, Keypoint(x: 7.5, y: 8, visibility: .hidden),
        ])))
        #expect(shapes["m1"] == .mask(MaskRLE(height: 4, width: 3, counts: "14")))
        let written = String(decoding: SidecarCodec.encode(sidecar), as: UTF8.self)
        #expect(written.contains("\"points\": [\n        [10, 12.5],\n        [40, 12.5],\n        [25, 30]\n      ]"), "a vertex per line")
        #expect(written.contains("[0, 0, 0]"))
        let again = try SidecarCodec.decode(Array(written.utf8), file: "again")
        #expect(again.annotations == sidecar.annotations.sorted(by: AnnotationOrder.precedes))
    }

    @Test func badShapesAreRefusedNamingTheField() {
        let cases = [
            (#"{ "id": "p", "label": "a", "type": "polygon", "points": [[1, 2, 3]] }"#, "point 1 must be [x, y]"),
            (#"{ "id": "p", "label": "a", "type": "polygon" }"#, "has no \"points\" array"),
            (#"{ "id": "k", "label": "a", "type": "keypoints", "skeleton": "s", "points": [[1, 2, 7]] }"#, "visibility 7"),
            (#"{ "id": "m", "label": "a", "type": "mask", "rle": { "counts": "14" } }"#, "\"size\": [height, width]"),
        ]
        for (annotation, expected) in cases {
            let text = #"{ "format": "termlabel-sidecar", "version": 1, "file": "a.png", "kind": "image", "annotations": ["# + annotation + "] }"
            do {
                _ = try SidecarCodec.decode(Array(text.utf8), file: "bad.labels.json")
                Issue.record("\(annotation) was accepted")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
                #expect(error.description.contains("bad.labels.json"))
            }
        }
    }

    @Test func compressedCountsRoundTripAndRefuseGarbage() {
        var random = SeededRandom(seed: 19)
        for _ in 0..<200 {
            let runs = (0..<Int.random(in: 1...30, using: &random)).map { _ in Int.random(in: 0...5000, using: &random) }
            #expect(CompressedRLE.runs(from: CompressedRLE.string(from: runs)) == runs)
        }
        #expect(CompressedRLE.runs(from: "1 4") == nil, "a space is not a counts character")
        #expect(CompressedRLE.runs(from: "\u{7f}") == nil)
        #expect(MaskRLE(height: 4, width: 3, counts: "19").bitmap() == nil, "runs adding past 12 pixels")
    }

    /// A damaged file's polygon with a vertex a billion pixels away is clipped to the picture
    /// before tracing (an unclipped trace would take billions of steps); hostile mask sizes are
    /// refused before any memory is taken.
    @Test func hostileShapesStayCheap() {
        let far = PolygonGeometry(points: [ShapePoint(x: 2, y: 2), ShapePoint(x: 1e9, y: 3), ShapePoint(x: 5, y: 1e9)])
        let bitmap = PolygonRaster.bitmap(far, height: 20, width: 30)
        #expect(bitmap == PolygonRaster.bitmap(PolygonGeometry(points: PolygonRaster.clipped(far.points, width: 30, height: 20)), height: 20, width: 30))
        #expect(bitmap[3, 3] && bitmap.area > 100)
        #expect(MaskRLE(height: 65536, width: 65536, counts: "0").bitmap() == nil)
        #expect(!MaskRLE(height: 65536, width: 65536, counts: "0").isValid)
        #expect(MaskRLE(Bitmap(height: 4, width: 3)).isValid)
    }

    /// A mask's area and box come from its runs as from its pixels (pycocotools' `area`, `toBbox`).
    @Test func areaAndBoundsFromRunsAlone() {
        var random = SeededRandom(seed: 23)
        for _ in 0..<200 {
            let height = Int.random(in: 1...9, using: &random), width = Int.random(in: 1...9, using: &random)
            var bitmap = Bitmap(height: height, width: width)
            let odds = Int.random(in: 2...8, using: &random)
            for y in 0..<height { for x in 0..<width { bitmap[x, y] = Int.random(in: 0..<odds, using: &random) == 0 } }
            let mask = MaskRLE(bitmap)
            #expect(mask.area == bitmap.area)
            #expect(mask.bounds == bitmap.bounds, "\(bitmap.runs())")
        }
    }

    @Test func bitmapRunsAreColumnOrder() throws {
        var bitmap = Bitmap(height: 2, width: 3)
        bitmap[1, 0] = true
        bitmap[1, 1] = true
        bitmap[2, 1] = true
        #expect(bitmap.runs() == [2, 2, 1, 1])
        let mask = MaskRLE(bitmap)
        #expect(try #require(mask.bitmap()) == bitmap)
        #expect(bitmap.bounds == BoxGeometry(x: 1, y: 0, width: 2, height: 2))
        #expect(bitmap.area == 3)
    }

    /// 300 random polygons (convex, concave, self-crossing, off the edge, fractional) coded by
    /// termlabel and by pycocotools' `frPyObjects`: the same counts text, every one.
    @Test(.enabled(if: RequiredTools.python("pycocotools")))
    func polygonsRasteriseExactlyAsPycocotools() throws {
        var random = SeededRandom(seed: 11)
        var lines: [String] = []
        var ours: [String] = []
        for _ in 0..<300 {
            let width = Int.random(in: 1...90, using: &random), height = Int.random(in: 1...70, using: &random)
            let count = Int.random(in: 3...9, using: &random)
            let points = (0..<count).map { _ in
                ShapePoint(x: (Double.random(in: -5...Double(width + 5), using: &random) * 4).rounded() / 4,
                           y: (Double.random(in: -5...Double(height + 5), using: &random) * 4).rounded() / 4)
            }
            let flat = points.flatMap { [$0.x, $0.y] }.map { JSONValue.double($0).numberLiteral }.joined(separator: ",")
            lines.append("\(height) \(width) \(flat)")
            ours.append(MaskRLE(PolygonRaster.bitmap(PolygonGeometry(points: points), height: height, width: width)).counts)
        }
        let directory = TemporaryDirectory()
        let input = directory.write("polygons.txt", lines.joined(separator: "\n"))
        let printed = try PythonScript.run("""
        import sys
        from pycocotools import mask
        for line in open(sys.argv[1]).read().splitlines():
            h, w, flat = line.split(" ")
            rle = mask.merge(mask.frPyObjects([[float(v) for v in flat.split(",")]], int(h), int(w)))
            print(rle["counts"].decode())
        """, [input])
        let theirs = printed.split(separator: "\n").map(String.init)
        #expect(theirs.count == ours.count)
        for (index, pair) in zip(ours, theirs).enumerated() where pair.0 != pair.1 {
            Issue.record("polygon \(index + 1) (\(lines[index])): ours \(pair.0), pycocotools \(pair.1)")
        }
    }
}
