import LabelCore
import LabelDataset
import LabelStore
import TestSupport
import Testing

@Suite struct ValidatorTests {
    let folder = TemporaryDirectory()

    func validate(_ paths: [String]? = nil, size: ImageSize? = ImageSize(width: 100, height: 80)) throws -> [String] {
        let dataset = try Dataset.open(OpenOptions(paths: paths ?? [folder.path]))
        return SidecarValidator(dataset: dataset, fileSystem: POSIXFileSystem()) { _ in size }.validate().map(\.description)
    }

    func sidecar(_ name: String, _ sidecar: Sidecar) {
        folder.write(name + ".labels.json", bytes: SidecarCodec.encode(sidecar))
    }

    @Test func aCleanDatasetHasNoProblems() throws {
        folder.write("termlabel.toml", "[boxes]\nlabels = [\"cat\"]\n[spans]\nlabels = [\"PER\"]\n")
        folder.write("a.png", "x")
        sidecar("a.png", Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 100, height: 80),
                                 annotations: [Make.box("b", "cat", 0, 0, 100, 80)]))
        folder.write("t.txt", "Ana met Bo.")
        sidecar("t.txt", Sidecar(file: "t.txt", kind: .text, annotations: [Make.span("s", "PER", 0, 3, "Ana")]))
        #expect(try validate() == [])
    }

    /// Shapes (DESIGN §11): vertices inside the picture, three distinct vertices, a mask the
    /// picture's size whose counts add up, a declared skeleton with as many points.
    @Test func shapesAreCheckedAgainstThePictureAndTheProject() throws {
        folder.write("termlabel.toml", "[polygons]\nlabels = [\"cup\"]\n[masks]\nlabels = [\"sky\"]\n[keypoints.face]\nnames = [\"nose\", \"eye\"]\n")
        folder.write("a.png", "x")
        func polygon(_ id: String, _ points: [(Double, Double)]) -> Annotation {
            Annotation(id: id, shape: .polygon(PolygonGeometry(points: points.map { ShapePoint(x: $0.0, y: $0.1) })), label: "cup")
        }
        var full = Bitmap(height: 80, width: 100)
        full[3, 4] = true
        sidecar("a.png", Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 100, height: 80), annotations: [
            polygon("ok", [(0, 0), (100, 0), (50, 80)]),
            polygon("out", [(0, 0), (120.5, 0), (50, 80)]),
            polygon("flat", [(1, 1), (5, 5), (1, 1), (5, 5)]),
            Annotation(id: "mok", shape: .mask(MaskRLE(full)), label: "sky"),
            Annotation(id: "msize", shape: .mask(MaskRLE(height: 10, width: 10, counts: "d1")), label: "sky"),
            Annotation(id: "mbad", shape: .mask(MaskRLE(height: 80, width: 100, counts: "00")), label: "sky"),
            Annotation(id: "kok", shape: .keypoints(KeypointSet(skeleton: "face", points: [Keypoint(x: 3, y: 4, visibility: .visible), .unlabeled])), label: "face"),
            Annotation(id: "kcount", shape: .keypoints(KeypointSet(skeleton: "face", points: [Keypoint(x: 3, y: 4, visibility: .visible)])), label: "face"),
            Annotation(id: "kwho", shape: .keypoints(KeypointSet(skeleton: "hand", points: [Keypoint(x: 300, y: 4, visibility: .hidden)])), label: "hand"),
        ]))
        let problems = try validate()
        #expect(!problems.contains { $0.contains("(ok)") || $0.contains("(mok)") || $0.contains("(kok)") }, "\(problems)")
        #expect(problems.contains { $0.contains("polygon \"cup\" (out): a vertex lies outside the 100×80 image") })
        #expect(problems.contains { $0.contains("polygon \"cup\" (flat): a polygon needs at least 3 distinct vertices, it has 2") })
        #expect(problems.contains { $0.contains("(msize): the mask is 10×10 but the image is 100×80") })
        #expect(problems.contains { $0.contains("(mbad): \"counts\" is not COCO compressed RLE adding up to 100×80 pixels") }, "\(problems)")
        #expect(problems.contains { $0.contains("(kcount): skeleton \"face\" has 2 points, the annotation 1") })
        #expect(problems.contains { $0.contains("(kwho): skeleton \"hand\" is not declared in termlabel.toml ([keypoints.hand]); known: face") })
        #expect(problems.contains { $0.contains("(kwho): point 1 lies outside the 100×80 image") })
        #expect(problems.allSatisfy { $0.split(separator: ":").dropFirst().first.flatMap { Int($0) } ?? 0 > 1 }, "each names its line")
    }

    /// A shape that does not fit its picture makes the item read-only in the editor and is
    /// left out of exports, as a box that does not fit is.
    @Test func aShapeOutsideThePictureIsAContentProblem() throws {
        folder.write("a.png", "x")
        let polygon = Annotation(id: "far", shape: .polygon(PolygonGeometry(points: [ShapePoint(x: 1, y: 1), ShapePoint(x: 1e9, y: 1), ShapePoint(x: 1, y: 9)])), label: "cup")
        sidecar("a.png", Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 100, height: 80), annotations: [polygon]))
        let store = SidecarStore(fileSystem: POSIXFileSystem(), locator: SidecarLocator(dataRoot: folder.path))
        _ = store.open(folder.url("a.png"), as: DataFileDescription(kind: .image))
        #expect(store.contentProblem(folder.url("a.png"))?.contains("polygon far: a vertex lies outside the 100×80 picture") == true)
    }

    @Test func aJSONLCorpusWithBrokenLinesDoesNotPassAsClean() throws {
        folder.write("termlabel.toml", "[text]\nrecords = \"jsonl\"\n")
        folder.write("c.jsonl", "{\"text\": \"good\"}\nnot json\n{\"title\": \"no text\"}\n{\"text\": \"fine\"}\n")
        let problems = try validate()
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains("c.jsonl:2:") })
        #expect(problems.contains { $0.contains("c.jsonl:3:") })
    }

    @Test func reportsEachProblemWithFileAndLine() throws {
        folder.write("termlabel.toml", "[boxes]\nlabels = [\"cat\"]\n[spans]\nlabels = [\"PER\"]\n[text]\nrecords = \"lines\"\n")
        folder.write("a.png", "x")
        sidecar("a.png", Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 90, height: 80),
                                 annotations: [Make.box("b1", "cat", 50, 10, 60, 10), Make.box("b2", "cow", 1, 1, 2, 2)]))
        folder.write("t.txt", "Ana met Bo.\nCarla went to Rome.\n")
        sidecar("t.txt", Sidecar(file: "t.txt", kind: .text, annotations: [
            Make.span("s1", "PER", 0, 5, "Carla", record: 1), Make.span("s2", "PER", 0, 3, "Bob", record: 0),
            Make.span("s3", "PER", 0, 3, "Ana", record: 9), Make.span("s4", "PER", 0, 3, "Ana"),
        ]))
        let problems = try validate()
        let relative = { (name: String) in PathName.relative(folder.url(name), to: POSIXFileSystem().currentDirectory()) }
        #expect(problems.contains("\(relative("a.png.labels.json")):1: \"image\" says 90×80 but a.png is 100×80 pixels"))
        #expect(problems.contains { $0.hasPrefix(relative("a.png.labels.json") + ":") && $0.contains("box \"cat\" (b1): the box 50,10 60×10 is not inside the 100×80 image") })
        #expect(problems.contains { $0.contains("box \"cow\" (b2): the label is not one of the project's boxes: cat") })
        #expect(problems.contains { $0.contains("(s2): stale: the text at 0..<3 is now \"Ana\", not \"Bob\"") })
        #expect(problems.contains { $0.contains("(s3): record 9 does not exist") })
        #expect(problems.contains { $0.contains("(s4): has no \"record\" but the file is split into lines records") })
        #expect(!problems.contains { $0.contains("(s1)") })
        // Every annotation problem points at the annotation's line in the sidecar.
        for problem in problems where problem.contains("(b1)") || problem.contains("(s2)") {
            #expect(problem.split(separator: ":").dropFirst().first.flatMap { Int($0) } ?? 0 > 1)
        }
    }

    @Test func unreadableSidecarsDuplicatesAndOrphans() throws {
        folder.write("a.txt", "x")
        folder.write("a.txt.labels.json", "{\"format\": \"termlabel-sidecar\", \"version\": 1,\n\"annotations\": [\n{\"id\": 3}]}")
        folder.write("b.txt", "x")
        folder.write("b.txt.labels.json", """
        {"format": "termlabel-sidecar", "version": 1, "file": "b.txt", "kind": "text", "annotations": [
          {"id": "d", "type": "class", "label": "x"},
          {"id": "d", "type": "class", "label": "y"}
        ]}
        """)
        folder.write("gone.png.labels.json", "{}")
        let problems = try validate()
        #expect(problems.contains { $0.hasSuffix("a.txt.labels.json:3: annotation 1: \"id\" must be a string, found 3; the sidecar was left untouched") })
        #expect(problems.contains { $0.contains("b.txt.labels.json:3: the id \"d\" is used by more than one annotation") })
        #expect(problems.contains { $0.contains("gone.png.labels.json: its data file gone.png is missing") })
    }
}
