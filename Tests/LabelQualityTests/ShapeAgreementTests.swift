import LabelCore
import LabelQuality
import TestSupport
import Testing

/// Agreement, REVIEW's differences and adjudication over polygons, masks and skeletons: pixels
/// compared as pycocotools compares them, skeletons by keypoint similarity.
@Suite struct ShapeAgreementTests {
    static let size = ImageSize(width: 40, height: 30)

    static func polygon(_ id: String, _ author: String, _ label: String, _ points: [(Double, Double)]) -> Annotation {
        Annotation(id: id, shape: .polygon(PolygonGeometry(points: points.map { ShapePoint(x: $0.0, y: $0.1) })), label: label, author: author)
    }

    static func document(_ annotations: [Annotation]) -> Document {
        Document(sidecar: Sidecar(file: "a.png", kind: .image, image: size, annotations: annotations))
    }

    @Test func runsIoUEqualsThePixelsIoU() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<100 {
            var a = Bitmap(height: 13, width: 17), b = Bitmap(height: 13, width: 17)
            for y in 0..<13 { for x in 0..<17 { a[x, y] = Int.random(in: 0..<3, using: &random) == 0; b[x, y] = Int.random(in: 0..<2, using: &random) == 0 } }
            var both = 0, either = 0
            for y in 0..<13 { for x in 0..<17 { both += a[x, y] && b[x, y] ? 1 : 0; either += a[x, y] || b[x, y] ? 1 : 0 } }
            #expect(abs(CompressedRLE.iou(a.runs(), b.runs()) - (either == 0 ? 0 : Double(both) / Double(either))) < 1e-12)
        }
        #expect(CompressedRLE.iou([12], [12]) == 0, "two empty masks")
    }

    @Test func twoAnnotatorsPolygonsAndSkeletonsInTheReport() {
        let square = [(5.0, 5.0), (25.0, 5.0), (25.0, 25.0), (5.0, 25.0)]
        let shifted = [(6.0, 5.0), (26.0, 5.0), (26.0, 25.0), (6.0, 25.0)]
        let far = [(30.0, 2.0), (39.0, 2.0), (39.0, 9.0)]
        let points = [Keypoint(x: 10, y: 10, visibility: .visible), Keypoint(x: 20, y: 12, visibility: .visible)]
        let near = [Keypoint(x: 10.5, y: 10, visibility: .visible), Keypoint(x: 20, y: 12.5, visibility: .hidden)]
        var data = AgreementData()
        data.add(Self.document([
            Self.polygon("a1", "ana", "cup", square), Self.polygon("a2", "ana", "cup", far),
            Annotation(id: "a3", shape: .keypoints(KeypointSet(skeleton: "face", points: points)), label: "face", author: "ana"),
            Self.polygon("b1", "bo", "cup", shifted),
            Annotation(id: "b2", shape: .keypoints(KeypointSet(skeleton: "face", points: near)), label: "face", author: "bo"),
        ]), name: "a.png", kind: .image, records: [nil])
        let report = AgreementReport(data, options: AgreementOptions())
        // 2 of 3 matched each way: F1 = 2·2 / (3 + 2) = 0.8.
        #expect(report.summary.contains { $0.hasPrefix("shapes   F1 0.800 at IoU/OKS ≥ 0.5") }, "\(report.summary)")
        let differences = ItemAgreement(annotations: data.items.isEmpty ? [] : [
            Self.polygon("a1", "ana", "cup", square), Self.polygon("b1", "bo", "cup", shifted),
        ], marks: [], kind: .image, imageSize: Self.size).differences
        #expect(differences.isEmpty, "IoU 0.9 agrees")
        let apart = ItemAgreement(annotations: [Self.polygon("a1", "ana", "cup", square), Self.polygon("b1", "bo", "cup", far)],
                                  marks: [], kind: .image, imageSize: Self.size).differences
        #expect(apart == ["shapes"])
    }

    @Test func adjudicationKeepsTheMostCentralPolygonOfACluster() {
        let annotations = [
            Self.polygon("a", "ana", "cup", [(5, 5), (25, 5), (25, 25), (5, 25)]),
            Self.polygon("b", "bo", "cup", [(6, 5), (26, 5), (26, 25), (6, 25)]),
            Self.polygon("c", "cy", "cup", [(4, 5), (24, 5), (24, 25), (4, 25)]),
        ]
        let result = Adjudication(annotations: annotations, marks: [], adjudicator: "rev", minimumVotes: 2, imageSize: Self.size)
        #expect(result.settled)
        #expect(result.agreed.map(\.from) == [["a", "b", "c"]])
        #expect(result.agreed.first?.shape == annotations[0].shape, "ana's lies between the other two")
    }

    /// pycocotools' own `mask.iou` of two random masks equals ours.
    @Test(.enabled(if: RequiredTools.python("pycocotools")))
    func iouAsPycocotools() throws {
        var random = SeededRandom(seed: 3)
        var lines: [String] = []
        var ours: [Double] = []
        for _ in 0..<40 {
            var a = Bitmap(height: 20, width: 24), b = Bitmap(height: 20, width: 24)
            for y in 0..<20 { for x in 0..<24 { a[x, y] = Int.random(in: 0..<2, using: &random) == 0; b[x, y] = (x + y) % 3 == 0 || Int.random(in: 0..<4, using: &random) == 0 } }
            lines.append(MaskRLE(a).counts + " " + MaskRLE(b).counts)
            ours.append(CompressedRLE.iou(a.runs(), b.runs()))
        }
        let folder = TemporaryDirectory()
        let printed = try PythonScript.run("""
        import sys
        from pycocotools import mask
        for line in open(sys.argv[1]).read().split("\\n"):
            a, b = line.split(" ")
            print(repr(float(mask.iou([{"size": [20, 24], "counts": a}], [{"size": [20, 24], "counts": b}], [0])[0][0])))
        """, [folder.write("pairs.txt", lines.joined(separator: "\n"))])
        let theirs = printed.split(separator: "\n").compactMap { Double($0) }
        #expect(theirs.count == ours.count)
        #expect(zip(theirs, ours).allSatisfy { abs($0 - $1) < 1e-12 })
    }
}
