import LabelCore
import LabelImaging
import LabelInterchange
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// Polygons, keypoints and masks through COCO (DESIGN §11, §13), checked in pycocotools: what
/// it decodes is what termlabel rasterises, and a COCO file's shapes survive a round trip.
@Suite struct ShapeInterchangeTests {
    static let project = """
    [polygons]
    labels = ["cup", "person"]
    [masks]
    labels = ["sky"]
    [keypoints.person]
    names = ["nose", "left_eye", "right_eye", "left_ear", "right_ear"]
    edges = [[0, 1], [0, 2], [1, 3], [2, 4]]

    """

    /// A folder with two pictures (80×60, 50×40) and the project file; shapes in `data/p.png`'s sidecar when `withShapes`.
    static func folder(withShapes: Bool, project: String = ShapeInterchangeTests.project) throws -> TemporaryDirectory {
        let folder = TemporaryDirectory(prefix: "termlabel-shapes")
        folder.write("termlabel.toml", project)
        for (name, width, height) in [("data/p.png", 80, 60), ("data/q.png", 50, 40)] {
            folder.write(name, "")
            try PNGEncoder.write(PixelImage(width: width, height: height, pixels: [UInt8](repeating: 120, count: width * height * 4)), to: folder.url(name))
        }
        guard withShapes else { return folder }
        var sky = Bitmap(height: 60, width: 80)
        for y in 0..<12 { for x in 0..<80 where x + y < 70 { sky[x, y] = true } }
        let annotations = [
            Annotation(id: "s1", shape: .polygon(PolygonGeometry(points: [ShapePoint(x: 10.5, y: 20), ShapePoint(x: 30, y: 22.25), ShapePoint(x: 28, y: 45.5),
                                                                            ShapePoint(x: 18, y: 40), ShapePoint(x: 12, y: 44)])), label: "cup", author: "ana"),
            Annotation(id: "s2", shape: .mask(MaskRLE(sky)), label: "sky", author: "ana"),
            Annotation(id: "s3", shape: .keypoints(KeypointSet(skeleton: "person", points: [
                Keypoint(x: 50.5, y: 30.5, visibility: .visible), Keypoint(x: 48.5, y: 28.5, visibility: .visible),
                Keypoint(x: 52.5, y: 28.5, visibility: .hidden), .unlabeled, Keypoint(x: 55, y: 30, visibility: .visible),
            ])), label: "person", author: "bo"),
        ]
        let sidecar = Sidecar(file: "p.png", kind: .image, image: ImageSize(width: 80, height: 60), annotations: annotations)
        folder.write("data/p.png.labels.json", bytes: SidecarCodec.encode(sidecar))
        return folder
    }

    static func export(_ folder: TemporaryDirectory, _ format: InterchangeFormat, to path: String) throws -> ExportReport {
        let dataset = try Dataset.open(OpenOptions(paths: [folder.url("data")]), environment: [:])
        let sink = ExportSink(format.writesFolder ? .folder(path) : .file(path))
        return try Exporter.export(dataset, store: SidecarStore(locator: dataset.locator), format: format, options: ExportOptions(), to: sink)
    }

    static func importFile(_ path: String, _ format: InterchangeFormat, into folder: TemporaryDirectory) throws -> ImportReport {
        let dataset = try Dataset.open(OpenOptions(paths: [folder.url("data")]), environment: [:])
        let importer = Importer(dataset: dataset, store: SidecarStore(locator: dataset.locator), identifiers: CountingIdentifiers(prefix: "i"))
        let report = try importer.run(path, format: format, options: ImportOptions(author: "importer", time: "2026-11-23T09:00:00Z"))
        _ = report.addNewLabels(to: dataset, fileSystem: POSIXFileSystem())
        return report
    }

    static func sidecar(_ folder: TemporaryDirectory, _ name: String) throws -> Sidecar {
        try SidecarCodec.decode(folder.read(name + ".labels.json") ?? [], file: name)
    }

    @Test func cocoExportCarriesEveryShapeAsPycocotoolsReadsIt() throws {
        let folder = try Self.folder(withShapes: true)
        let report = try Self.export(folder, .coco, to: folder.url("coco.json"))
        #expect(report.annotations == 3)
        let sidecar = try Self.sidecar(folder, "data/p.png")
        // termlabel's own pixels of each shape, as COCO's compressed counts.
        var ours: [String: String] = [:]
        for annotation in sidecar.annotations {
            if let polygon = annotation.polygon { ours[annotation.id] = MaskRLE(PolygonRaster.bitmap(polygon, height: 60, width: 80)).counts }
            if let mask = annotation.mask { ours[annotation.id] = mask.counts }
        }
        guard RequiredTools.python("pycocotools") else { return }
        let printed = try PythonScript.run("""
        import sys, json, numpy as np
        from pycocotools.coco import COCO
        from pycocotools import mask
        coco = COCO(sys.argv[1])
        for a in coco.loadAnns(coco.getAnnIds()):
            cat = coco.loadCats([a["category_id"]])[0]
            if "keypoints" in a:
                print(a["termlabel_id"], cat["name"], "keypoints", a["keypoints"], a["num_keypoints"], cat["keypoints"], cat["skeleton"])
            else:
                m = coco.annToMask(a)
                print(a["termlabel_id"], cat["name"], "mask", mask.encode(np.asfortranarray(m))["counts"].decode(), int(m.sum()) == int(a["area"]), a["bbox"])
        """, [folder.url("coco.json")])
        let lines = printed.split(separator: "\n").map(String.init).filter { $0.hasPrefix("s") }
        #expect(lines.count == 3, "\(printed)")
        for line in lines {
            let words = line.split(separator: " ").map(String.init)
            if words[2] == "mask" {
                #expect(words[3] == ours[words[0]], "pixel IoU 1.0 for \(words[0])")
                #expect(words[4] == "True", "area is the mask's pixel count")
            }
        }
        #expect(lines.contains("s2 sky mask \(ours["s2"] ?? "") True [0, 0, 70, 12]"))
        #expect(lines.contains("s3 person keypoints [50.5, 30.5, 2, 48.5, 28.5, 2, 52.5, 28.5, 1, 0, 0, 0, 55, 30, 2] 4 "
                               + "['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear'] [[1, 2], [1, 3], [2, 4], [3, 5]]"), "\(lines)")
    }

    /// A COCO file as the COCO tools write it — a person with a two-part polygon, keypoints and
    /// a box; a compressed RLE mask; an uncompressed crowd region; a keypoints-only person —
    /// imported and exported again: pycocotools sees the same objects, pixel for pixel.
    @Test(.enabled(if: RequiredTools.python("pycocotools")))
    func cocoShapesSurviveARoundTrip() throws {
        let folder = try Self.folder(withShapes: false, project: "")
        try PythonScript.run("""
        import sys, json, numpy as np
        from pycocotools import mask
        sky = np.zeros((60, 80), dtype=np.uint8, order="F"); sky[:10, :] = 1; sky[10:14, :30] = 1
        crowd = np.zeros((40, 50), dtype=np.uint8, order="F"); crowd[5:20, 10:40] = 1
        rle = mask.encode(sky); rle["counts"] = rle["counts"].decode()
        runs, previous, count = [], 0, 0
        for value in crowd.flatten(order="F"):
            if value != previous: runs.append(count); count = 0; previous = value
            count += 1
        runs.append(count)
        data = {
          "images": [{"id": 7, "file_name": "p.png", "width": 80, "height": 60}, {"id": 9, "file_name": "q.png", "width": 50, "height": 40}],
          "categories": [{"id": 1, "name": "person", "supercategory": "person", "keypoints": ["nose", "left_eye", "right_eye"], "skeleton": [[1, 2], [1, 3]]},
                         {"id": 44, "name": "sky", "supercategory": "stuff"}, {"id": 3, "name": "crowd", "supercategory": ""}],
          "annotations": [
            {"id": 100, "image_id": 7, "category_id": 1, "iscrowd": 0, "bbox": [10.0, 12.0, 30.0, 40.0], "area": 500,
             "segmentation": [[10.0, 12.0, 40.0, 12.0, 40.0, 30.0, 10.0, 30.0], [15.5, 35.0, 35.25, 35.0, 25.0, 52.0]],
             "keypoints": [20, 15, 2, 18, 14, 1, 0, 0, 0], "num_keypoints": 2},
            {"id": 101, "image_id": 7, "category_id": 44, "iscrowd": 0, "bbox": [0, 0, 80, 14], "area": 920, "segmentation": rle},
            {"id": 102, "image_id": 9, "category_id": 3, "iscrowd": 1, "bbox": [10, 5, 30, 15], "area": 450,
             "segmentation": {"size": [40, 50], "counts": runs}},
            {"id": 103, "image_id": 9, "category_id": 1, "iscrowd": 0, "bbox": [2.5, 3.5, 20.0, 30.0], "area": 600,
             "keypoints": [5, 6, 2, 7, 8, 2, 9, 10, 2], "num_keypoints": 3, "segmentation": []}]}
        json.dump(data, open(sys.argv[1] + "/original.json", "w"))
        """, [folder.path])
        let report = try Self.importFile(folder.url("original.json"), .coco, into: folder)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.unsupported.isEmpty, "\(report.unsupported)")
        #expect(report.newSkeletons.map(\.name) == ["person"])
        #expect(folder.text("termlabel.toml")?.contains("[keypoints.person]\nnames = [\"nose\", \"left_eye\", \"right_eye\"]\nedges = [[0, 1], [0, 2]]") == true)
        _ = try Self.export(folder, .coco, to: folder.url("again.json"))
        let printed = try PythonScript.run("""
        import sys, numpy as np
        from pycocotools.coco import COCO
        from pycocotools import mask
        def objects(path):
            coco = COCO(path)
            found = []
            for a in coco.loadAnns(coco.getAnnIds()):
                image = coco.loadImgs([a["image_id"]])[0]["file_name"].split("/")[-1]
                cat = coco.loadCats([a["category_id"]])[0]
                segmented = a.get("segmentation") not in (None, [])
                pixels = mask.encode(np.asfortranarray(coco.annToMask(a)))["counts"].decode() if segmented else None
                found.append((image, cat["name"], a.get("iscrowd", 0), pixels, a.get("keypoints"), a.get("num_keypoints"),
                              a["bbox"] if not segmented else None, cat.get("keypoints"), cat.get("skeleton")))
            return sorted(found, key=repr)
        before, after = objects(sys.argv[1]), objects(sys.argv[2])
        print(len(before), len(after), before == after)
        if before != after:
            for b, a in zip(before, after):
                if b != a: print("before", b); print("after ", a)
        """, [folder.url("original.json"), folder.url("again.json")])
        #expect(printed.split(separator: "\n").last { $0.hasPrefix("4 ") || $0.hasPrefix("before") || $0.hasPrefix("after") } == "4 4 True", "\(printed)")
    }

    /// Every shape of the sidecar as comparable text (ids, times and import bookkeeping left out).
    static func shapes(_ folder: TemporaryDirectory, _ name: String = "data/p.png") throws -> [String] {
        guard folder.read(name + ".labels.json") != nil else { return [] }
        return try sidecar(folder, name).annotations.compactMap { annotation in
            switch annotation.shape {
            case .polygon(let polygon): return "polygon \(annotation.label) " + polygon.points.map { "\($0.x),\($0.y)" }.joined(separator: " ")
            case .keypoints(let set): return "keypoints \(annotation.label) " + set.points.map { "\($0.x),\($0.y),\($0.visibility.rawValue)" }.joined(separator: " ")
            case .mask(let mask): return "mask \(annotation.label) \(mask.counts)"
            default: return nil
            }
        }.sorted()
    }

    @Test func labelmeLoadsEveryShapeAndTheyComeBack() throws {
        let folder = try Self.folder(withShapes: true)
        let report = try Self.export(folder, .labelme, to: folder.url("labelme"))
        #expect(report.annotations == 3)
        if RequiredTools.python("labelme") {
            let printed = try PythonScript.run("""
            import sys
            from labelme import LabelFile
            f = LabelFile(sys.argv[1])
            for s in f.shapes:
                extra = int(s["mask"].sum()) if s.get("mask") is not None else ""
                print(s["shape_type"], s["label"], s["group_id"], len(s["points"]), extra)
            """, [folder.url("labelme/data/p.json")])
            #expect(printed.split(separator: "\n").map(String.init).sorted() == [
                "mask sky None 2 \(70 * 12 - 66)", "point left_eye 2 1 ", "point nose 2 1 ", "point right_ear 2 1 ", "point right_eye 2 1 ", "polygon cup None 5 ",
            ], "\(printed)")
        }
        let fresh = try Self.folder(withShapes: false)
        let back = try Self.importFile(folder.url("labelme"), .labelme, into: fresh)
        #expect(back.problems.isEmpty, "\(back.problems)")
        #expect(try Self.shapes(fresh) == Self.shapes(folder).map { $0.replacing(",1 ", with: ",2 ") }, "labelme has no hidden points: they come back visible")
    }

    @Test func yoloSegmentationAndPoseLinesParseBackWithinAMillionth() throws {
        let folder = try Self.folder(withShapes: true)
        let report = try Self.export(folder, .yolo, to: folder.url("yolo"))
        #expect(report.warnings.contains { $0.contains("1 mask left out") })
        let lines = folder.text("yolo/labels/data/p.txt")?.split(separator: "\n").map(String.init) ?? []
        #expect(lines.count == 2)
        #expect(folder.text("yolo/data.yaml")?.contains("kpt_shape: [5, 3]") == true)
        if RequiredTools.python("yaml") {
            let printed = try PythonScript.run("""
            import sys, yaml
            data = yaml.safe_load(open(sys.argv[1] + "/data.yaml"))
            for line in open(sys.argv[1] + "/labels/data/p.txt"):
                values = [float(v) for v in line.split()]
                name = data["names"][int(values[0])]
                if len(values) == 5 + 3 * data["kpt_shape"][0]:
                    print(name, "pose", [round(v * (80 if i % 3 == 0 else 60), 4) for i, v in enumerate(values[5:]) if i % 3 != 2])
                else:
                    print(name, "seg", [round(v * (80 if i % 2 == 0 else 60), 4) for i, v in enumerate(values[1:])])
            """, [folder.url("yolo")])
            #expect(printed.split(separator: "\n").map(String.init).sorted() == [
                "cup seg [10.5, 20.0, 30.0, 22.25, 28.0, 45.5, 18.0, 40.0, 12.0, 44.0]",
                "person pose [50.5, 30.5, 48.5, 28.5, 52.5, 28.5, 0.0, 0.0, 55.0, 30.0]",
            ], "\(printed)")
        }
        let fresh = try Self.folder(withShapes: false)
        let back = try Self.importFile(folder.url("yolo"), .yolo, into: fresh)
        #expect(back.problems.isEmpty, "\(back.problems)")
        let original = try Self.sidecar(folder, "data/p.png").annotations, again = try Self.sidecar(fresh, "data/p.png").annotations
        let polygon = try #require(again.compactMap(\.polygon).first), expected = try #require(original.compactMap(\.polygon).first)
        #expect(zip(polygon.points, expected.points).allSatisfy { abs($0.x - $1.x) / 80 <= 1e-6 && abs($0.y - $1.y) / 60 <= 1e-6 })
        let points = try #require(again.compactMap(\.keypoints).first), expectedPoints = try #require(original.compactMap(\.keypoints).first)
        #expect(zip(points.points, expectedPoints.points).allSatisfy { abs($0.x - $1.x) / 80 <= 1e-6 && abs($0.y - $1.y) / 60 <= 1e-6 && $0.visibility == $1.visibility })
    }

    @Test func labelStudioPolygonsBrushesAndKeypointsBothWays() throws {
        let folder = try Self.folder(withShapes: true)
        _ = try Self.export(folder, .labelstudio, to: folder.url("ls.json"))
        let sky = try #require(try Self.sidecar(folder, "data/p.png").annotations.compactMap(\.mask).first)
        if RequiredTools.python("label_studio_converter") {
            // Label Studio's converter decodes our brush to the same pixels, and its own brush is read by us.
            let printed = try PythonScript.run("""
            import sys, json, numpy as np
            from label_studio_converter import brush
            from pycocotools import mask as cocomask
            tasks = json.load(open(sys.argv[1]))
            for r in tasks[0]["annotations"][0]["result"]:
                if r["type"] == "brushlabels":
                    m = brush.decode_rle(r["value"]["rle"]).reshape(r["original_height"], r["original_width"], 4)[:, :, 3] > 0
                    print(cocomask.encode(np.asfortranarray(m.astype(np.uint8)))["counts"].decode())
            m = np.zeros((40, 50), dtype=np.uint8); m[25:35, 5:25] = 255
            json.dump([{"id": 1, "data": {"image": "/data/local-files/?d=data/q.png"}, "annotations": [{"completed_by": 1, "result": [
                {"type": "brushlabels", "original_width": 50, "original_height": 40, "value": {"format": "rle", "rle": brush.mask2rle(m), "brushlabels": ["sky"]}}]}]}],
                open(sys.argv[2], "w"))
            """, [folder.url("ls.json"), folder.url("brush.json")])
            #expect(printed.split(separator: "\n").first.map(String.init) == sky.counts)
        }
        let fresh = try Self.folder(withShapes: false)
        let back = try Self.importFile(folder.url("ls.json"), .labelstudio, into: fresh)
        #expect(back.problems.isEmpty, "\(back.problems)")
        let shapes = try Self.shapes(fresh)
        #expect(shapes.contains { $0.hasPrefix("mask sky \(sky.counts)") })
        #expect(shapes.contains("keypoints person 50.5,30.5,2 48.5,28.5,2 52.5,28.5,2 0.0,0.0,0 55.0,30.0,2"), "\(shapes)")
        let polygon = try #require(try Self.sidecar(fresh, "data/p.png").annotations.compactMap(\.polygon).first)
        #expect(abs(polygon.points[1].y - 22.25) < 1e-9 && polygon.points.count == 5)
        // Rotated rectangles come in as four-point polygons, turned about their top-left corner.
        let rotated = fresh.write("rotated.json", """
        [{"id": 2, "data": {"image": "data/q.png"}, "annotations": [{"completed_by": 1, "result": [
          {"type": "rectanglelabels", "original_width": 50, "original_height": 40,
           "value": {"x": 20, "y": 25, "width": 40, "height": 25, "rotation": 90, "rectanglelabels": ["cup"]}}]}]}]
        """)
        let turned = try Self.importFile(rotated, .labelstudio, into: fresh)
        #expect(turned.imported == 1)
        let corners = try #require(try Self.sidecar(fresh, "data/q.png").annotations.compactMap(\.polygon).first).points
        let expected = [(10.0, 10.0), (10.0, 30.0), (0.0, 30.0), (0.0, 10.0)]
        #expect(zip(corners, expected).allSatisfy { abs($0.x - $1.0) < 1e-9 && abs($0.y - $1.1) < 1e-9 }, "\(corners)")
        if RequiredTools.python("label_studio_converter") {
            let brushed = try Self.importFile(folder.url("brush.json"), .labelstudio, into: fresh)
            #expect(brushed.imported == 1, "\(brushed.problems)")
            let mask = try #require(try Self.sidecar(fresh, "data/q.png").annotations.compactMap(\.mask).first)
            #expect(mask.bitmap()?.area == 200 && mask.bitmap()?.bounds == BoxGeometry(x: 5, y: 25, width: 20, height: 10))
        }
    }

    @Test func vocSegmentationPNGsAreIndexedWithTheDevkitPalette() throws {
        let folder = try Self.folder(withShapes: true)
        _ = try Self.export(folder, .voc, to: folder.url("voc"))
        #expect(folder.text("voc/labelmap.txt") == "# label:color_rgb:parts:actions\nbackground:0,0,0::\ncup:128,0,0::\nperson:0,128,0::\nsky:128,128,0::\n")
        guard RequiredTools.python("PIL") else { return }
        let printed = try PythonScript.run("""
        import sys, numpy as np
        from PIL import Image
        def colormap():
            cmap = []
            for i in range(256):
                r = g = b = 0; c = i
                for j in range(8):
                    r |= ((c >> 0) & 1) << (7 - j); g |= ((c >> 1) & 1) << (7 - j); b |= ((c >> 2) & 1) << (7 - j); c >>= 3
                cmap += [r, g, b]
            return cmap
        for kind in ["SegmentationClass", "SegmentationObject"]:
            image = Image.open(sys.argv[1] + "/" + kind + "/data/p.png")
            values = np.array(image)
            print(kind, image.mode, image.getpalette()[:768] == colormap(), sorted(int(v) for v in np.unique(values)), int((values == 1).sum()), int((values == 2).sum()), int((values == 3).sum()))
        """, [folder.url("voc")])
        let sidecar = try Self.sidecar(folder, "data/p.png")
        let cup = try #require(sidecar.annotations.compactMap(\.polygon).first), sky = try #require(sidecar.annotations.compactMap(\.mask).first?.bitmap())
        let cupPixels = PolygonRaster.bitmap(cup, height: 60, width: 80)
        #expect(printed.contains("SegmentationClass P True [0, 1, 3] \(cupPixels.area) 0 \(sky.area)"), "\(printed)")
        #expect(printed.contains("SegmentationObject P True [0, 1, 2]"), "\(printed)")
    }
}
