import LabelConfig
import LabelCore
import LabelInterchange
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// What another tool wrote comes back out unchanged (DESIGN §2, §13): fractional boxes bit for
/// bit, COCO category ids and YOLO class indices (used or not) as they were.
@Suite struct ExactRoundTripTests {
    /// The fixture's pictures with a project that lists no box labels yet (the import adds them).
    func freshData() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        folder.write("termlabel.toml", "[classes]\nlabels = [\"indoor\"]\n")
        return folder
    }

    /// Imports `path` and adds the labels it brought to the project, as `termlabel import` does.
    func importAndAddLabels(_ path: String, format: InterchangeFormat, into folder: TemporaryDirectory) throws -> ImportReport {
        let report = try InterchangeFixture.importFile(path, format: format, into: folder)
        _ = report.addNewLabels(to: try InterchangeFixture.dataset(folder), fileSystem: POSIXFileSystem())
        return report
    }

    func export(_ format: InterchangeFormat, from folder: TemporaryDirectory, into output: TemporaryDirectory, name: String) throws -> String {
        let dataset = try InterchangeFixture.dataset(folder)
        let path = output.url(name)
        _ = try Exporter.export(dataset, store: SidecarStore(locator: dataset.locator), format: format,
                                options: ExportOptions(includeSuggestions: true), to: ExportSink(format.writesFolder ? .folder(path) : .file(path)))
        return path
    }

    @Test func cocoFractionalBoxesAndCategoryIdsComeBackUnchanged() throws {
        let folder = try freshData()
        // A detector's output: boxes in fractions of a pixel; category ids with gaps, one unused.
        let source = folder.write("in.json", """
        {"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 48}, {"id": 2, "file_name": "sub/b.png", "width": 100, "height": 80}],
         "categories": [{"id": 3, "name": "car"}, {"id": 17, "name": "cat"}, {"id": 90, "name": "toothbrush"}],
         "annotations": [
          {"id": 1, "image_id": 1, "category_id": 17, "bbox": [1.25, 2.5, 10.333333333333334, 20.1], "area": 207.7, "iscrowd": 0},
          {"id": 2, "image_id": 1, "category_id": 90, "bbox": [0.1, 0.2, 0.3, 0.4], "area": 0.12, "iscrowd": 0},
          {"id": 3, "image_id": 2, "category_id": 90, "bbox": [12, 13, 40, 50], "area": 2000, "iscrowd": 0}
         ]}
        """)
        let report = try importAndAddLabels(source, format: .coco, into: folder)
        #expect(report.imported == 3 && report.problems.isEmpty, "\(report.problems)")
        let project = try #require(folder.text("termlabel.toml"))
        #expect(project.contains("{ name = \"car\", id = 3 }") && project.contains("{ name = \"cat\", id = 17 }")
                && project.contains("{ name = \"toothbrush\", id = 90 }"), "\(project)")

        let sidecar = try #require(folder.text("data/a.png.labels.json"))
        #expect(sidecar.contains("\"width\": 10.333333333333334") && sidecar.contains("\"x\": 0.1"), "the sidecar keeps the fractions")

        let output = TemporaryDirectory()
        _ = try export(.coco, from: folder, into: output, name: "out.json")
        let exported = try JSONParser.parse(try #require(output.read("out.json")))
        let categories = (exported["categories"]?.arrayValue ?? []).map { "\($0["id"]?.intValue ?? -1) \($0["name"]?.stringValue ?? "")" }
        #expect(categories == ["3 car", "17 cat", "90 toothbrush"], "the unused category stays, every id as it was")
        let boxes = (exported["annotations"]?.arrayValue ?? []).map { annotation in
            "\(annotation["category_id"]?.intValue ?? -1) " + (annotation["bbox"]?.arrayValue ?? []).map { $0.doubleValue.map { "\($0)" } ?? "?" }.joined(separator: ",")
        }
        #expect(boxes.sorted() == ["17 1.25,2.5,10.333333333333334,20.1", "90 0.1,0.2,0.3,0.4", "90 12.0,13.0,40.0,50.0"])
    }

    @Test func yoloClassIndicesAndUnusedClassesComeBackUnchanged() throws {
        let folder = try freshData()
        let yolo = TemporaryDirectory()
        yolo.write("data.yaml", "nc: 6\nnames: [person, bicycle, car, motorcycle, airplane, bus]\n")
        // Classes 2 and 4 only, one box in fractions no whole pixel gives.
        let lines = "2 0.503906 0.510417 0.226563 0.395833\n4 0.250000 0.125000 0.100000 0.083333\n"
        yolo.write("labels/data/a.txt", lines)
        let report = try importAndAddLabels(yolo.path, format: .yolo, into: folder)
        #expect(report.imported == 2 && report.problems.isEmpty, "\(report.problems)")

        let output = TemporaryDirectory()
        let folderPath = try export(.yolo, from: folder, into: output, name: "yolo")
        #expect(output.text("yolo/labels/data/a.txt") == lines, "the same classes and the same six decimals")
        let yaml = try #require(output.text("yolo/data.yaml"))
        #expect(yaml.contains("nc: 6\n") && yaml.contains("  2: \"car\"\n") && yaml.contains("  4: \"airplane\"\n") && yaml.contains("  5: \"bus\"\n"),
                "\(folderPath): \(yaml)")
    }

    @Test func aPersonMovingAnEdgeSnapsTheBoxToPixels() {
        var box = BoxGeometry(exact: ExactBox(x: 1.25, y: 2.5, width: 10.5, height: 3))
        #expect(box.x == 1 && box.y == 2 && box.width == 11 && box.height == 4, "the pixels cover the fractions")
        #expect(box.precise == ExactBox(x: 1.25, y: 2.5, width: 10.5, height: 3))
        #expect(box.fits(in: ImageSize(width: 12, height: 6)))
        box.width += 1
        #expect(box.exact == nil && box.precise == ExactBox(x: 1, y: 2, width: 12, height: 4))
        #expect(BoxGeometry(exact: ExactBox(x: 2, y: 3, width: 4, height: 5)) == BoxGeometry(x: 2, y: 3, width: 4, height: 5),
                "whole numbers make an ordinary box")
    }

    @Test func sidecarsKeepFractionsAndRefuseBoxesOutside() throws {
        func sidecar(x: String) -> String { """
        {
          "annotations": [
            {
              "height": 20.1,
              "id": "k",
              "label": "cat",
              "type": "box",
              "width": 10.333333333333334,
              "x": \(x),
              "y": 2
            }
          ],
          "file": "a.png",
          "format": "termlabel-sidecar",
          "image": {
            "height": 48,
            "width": 64
          },
          "kind": "image",
          "marks": [],
          "version": 1
        }

        """ }
        let text = sidecar(x: "1.25")
        let decoded = try SidecarCodec.decode(Array(text.utf8), file: "a.png.labels.json")
        #expect(decoded.annotations.first?.box?.precise == ExactBox(x: 1.25, y: 2, width: 10.333333333333334, height: 20.1))
        #expect(String(decoding: SidecarCodec.encode(decoded), as: UTF8.self) == text, "written back byte for byte")

        let folder = try freshData()
        folder.write("data/a.png.labels.json", sidecar(x: "54.5"))
        let dataset = try InterchangeFixture.dataset(folder)
        let store = SidecarStore(locator: dataset.locator)
        let path = PathName.join(folder.path, "data/a.png")
        _ = store.open(path, as: DataFileDescription(kind: .image))
        let problem = store.contentProblem(path)
        #expect(problem?.contains("54.5,2 10.333333333333334×20.1") == true, "\(problem ?? "no problem")")
    }
}

/// What a format says beyond the shape (who, which model, drawing order, flags) survives an
/// import and the same format's export (issue 14).
@Suite struct SourceDetailsRoundTripTests {
    func exported(_ format: InterchangeFormat, from folder: TemporaryDirectory) throws -> JSONValue {
        let dataset = try InterchangeFixture.dataset(folder)
        let sink = ExportSink(.standardOutput)
        _ = try Exporter.export(dataset, store: SidecarStore(locator: dataset.locator), format: format,
                                options: ExportOptions(includeSuggestions: true), to: sink)
        return try JSONParser.parse(sink.standardOutput)
    }

    @Test func labelStudioUsersModelsAndTwoPeoplesSameBox() throws {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        // Two people drew the same box: agreement data, not a duplicate.
        let tasks = folder.write("ls.json", """
        [{"id": 1, "data": {"image": "/data/local-files/?d=data/a.png"},
          "annotations": [
            {"completed_by": 4, "result": [{"type": "rectanglelabels", "value": {"x": 50, "y": 25, "width": 25, "height": 50, "rectanglelabels": ["dog"]}}]},
            {"completed_by": 7, "result": [{"type": "rectanglelabels", "value": {"x": 50, "y": 25, "width": 25, "height": 50, "rectanglelabels": ["dog"]}}]}],
          "predictions": [{"model_version": "yolov8n-2026-11", "score": 0.8, "result": [
            {"type": "rectanglelabels", "value": {"x": 0, "y": 0, "width": 50, "height": 50, "rectanglelabels": ["cat"]}}]}]}]
        """)
        let report = try InterchangeFixture.importFile(tasks, format: .labelstudio, into: folder)
        #expect(report.imported == 3 && report.duplicates == 0, "\(report.summary)")
        let task = try #require(try exported(.labelstudio, from: folder).arrayValue?.first)
        #expect((task["annotations"]?.arrayValue ?? []).map { $0["completed_by"]?.intValue ?? -1 }.sorted() == [4, 7], "Label Studio user numbers come back as numbers")
        #expect(task["predictions"]?.arrayValue?.map { $0["model_version"]?.stringValue ?? "" } == ["yolov8n-2026-11"])

        let again = try InterchangeFixture.importFile(tasks, format: .labelstudio, into: folder)
        #expect(again.imported == 0 && again.duplicates == 3, "importing the same file twice still adds nothing")
    }

    @Test func labelmeDrawingOrderGroupsDescriptionsAndFlags() throws {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        // Drawn bottom first: a person, then their bag on top (labelme2voc paints later shapes over earlier ones).
        folder.write("lm/a.json", """
        {"version": "5.5.0", "flags": {}, "imagePath": "../data/a.png", "imageData": null, "imageHeight": 48, "imageWidth": 64,
         "shapes": [
          {"label": "person", "points": [[10, 40], [2, 3]], "group_id": 1, "description": "partly hidden", "shape_type": "rectangle", "flags": {"occluded": true}, "mask": null},
          {"label": "bag", "points": [[4, 5], [8, 9]], "group_id": 1, "description": "", "shape_type": "rectangle", "flags": {}, "mask": null},
          {"label": "cat", "points": [[0.5, 0.5], [1.5, 20.25]], "group_id": null, "description": "", "shape_type": "rectangle", "flags": {}, "mask": null}
         ]}
        """)
        let report = try InterchangeFixture.importFile(folder.url("lm"), format: .labelme, into: folder)
        #expect(report.imported == 3 && report.unsupported.isEmpty && report.problems.isEmpty, "\(report.summary) \(report.problems)")
        let output = TemporaryDirectory()
        let dataset = try InterchangeFixture.dataset(folder)
        _ = try Exporter.export(dataset, store: SidecarStore(locator: dataset.locator), format: .labelme, options: ExportOptions(),
                                to: ExportSink(.folder(output.url("out"))))
        let written = try JSONParser.parse(try #require(output.read("out/data/a.json")))
        let shapes = written["shapes"]?.arrayValue ?? []
        #expect(shapes.map { $0["label"]?.stringValue ?? "" } == ["person", "bag", "cat"], "the drawing order, not the sidecar's")
        #expect(shapes.map { $0["group_id"]?.intValue ?? -1 } == [1, 1, -1])
        #expect(shapes.first?["description"]?.stringValue == "partly hidden" && shapes.first?["flags"]?["occluded"] == .bool(true))
        #expect(shapes.last?["points"] == .array([.array([.number("0.5"), .number("0.5")]), .array([.number("1.5"), .number("20.25")])]))
    }

    @Test func vocFlagsComeFromTheAnnotationOrItsPlace() throws {
        let fixture = try InterchangeFixture()
        var crowd = Make.box("c1", "cat", 0, 0, 5, 5)
        crowd.extra["iscrowd"] = .int(1)
        var posed = Make.box("c2", "dog", 10, 10, 5, 5)
        posed.extra["pose"] = .string("Left")
        posed.extra["difficult"] = .bool(true)
        fixture.writeSidecar("data/c.png", kind: .image, size: ImageSize(width: 30, height: 30), annotations: [crowd, posed])
        let output = TemporaryDirectory()
        _ = try fixture.export(.voc, into: output, name: "voc")
        let xml = try #require(output.text("voc/Annotations/data/c.xml"))
        #expect(xml.contains("<name>cat</name>\n    <pose>Unspecified</pose><truncated>1</truncated><difficult>1</difficult>"), "at the edge, and a crowd: \(xml)")
        #expect(xml.contains("<name>dog</name>\n    <pose>Left</pose><truncated>0</truncated><difficult>1</difficult>"))
    }
}
