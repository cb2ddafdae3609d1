import LabelConfig
import LabelCore
@testable import LabelInterchange
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// Files written on Windows (CRLF) read exactly like their LF twins (issue 14, DESIGN §13).
@Suite struct WindowsLineEndTests {
    func freshData() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        return folder
    }

    @Test func linesSplitOnLFCRLFAndLoneCR() {
        #expect(TextLines.split("a\r\nb\r\n") == ["a", "b"])
        #expect(TextLines.split("a\nb") == ["a", "b"])
        #expect(TextLines.split("a\rb\r\n\r\nc") == ["a", "b", "", "c"])
        #expect(TextLines.split("é\u{301}\r\n👍🏽\r\n") == ["é\u{301}", "👍🏽"])
    }

    @Test func aYOLOFolderWithCRLFImportsEveryBoxAndEveryClassName() throws {
        let folder = try freshData()
        folder.write("yolo/classes.txt", "cat\r\ndog\r\n")
        folder.write("yolo/labels/data/a.txt", "0 0.5 0.5 0.25 0.25\r\n1 0.25 0.25 0.125 0.125\r\n")
        folder.write("yolo/labels/data/sub/b.txt", "1 0.5 0.5 0.5 0.5\r\n")
        let report = try InterchangeFixture.importFile(folder.url("yolo"), format: .yolo, into: folder)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.imported == 3)
        let labels = try InterchangeFixture.fingerprints(folder).map { $0.split(separator: " ")[2] }
        #expect(labels.sorted() == ["cat", "dog", "dog"])
    }

    @Test func aDataYamlIsReadAsYAML() {
        #expect(ImportReaders.yamlNames("names: [a, b]  # c\r\nnc: 2\r\n") == ["a", "b"])
        #expect(ImportReaders.yamlNames("names:\r\n  - 'cat: big'\r\n  - dog # a comment\r\n") == ["cat: big", "dog"])
        #expect(ImportReaders.yamlNames("names:\n  0: person\n  2: car\n") == ["person", "class 1", "car"])
    }

    @Test func aBratAnnWithCRLFKeepsEveryEntity() throws {
        let folder = try freshData()
        folder.write("brat/data/notes-1.ann", "T1\tPER 0 9\tAna Smith\r\nT2\tLOC 18 27\tSão Paulo\r\n")
        let report = try InterchangeFixture.importFile(folder.url("brat"), format: .brat, into: folder)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(try InterchangeFixture.fingerprints(folder) == [
            "data/notes.txt#0 span LOC 18..<27 \"São Paulo\" by importer",
            "data/notes.txt#0 span PER 0..<9 \"Ana Smith\" by importer",
        ])
    }

    @Test func addingALabelToACRLFProjectFileKeepsItsLineEnds() throws {
        let text = "[boxes]\r\nlabels = [ { name = \"cat\" } ]\r\n\r\n[spans]\r\nlabels = [\"PER\"]\r\n"
        let added = try ProjectFileEditor.adding(label: "dog", kind: .boxes, to: text, file: "termlabel.toml")
        #expect(added == "[boxes]\r\nlabels = [ { name = \"cat\" }, { name = \"dog\" } ]\r\n\r\n[spans]\r\nlabels = [\"PER\"]\r\n")
    }
}

/// COCO negatives with --empty-means-done, and Darknet/CVAT "YOLO 1.1" folders (issue 14).
@Suite struct NegativesAndYOLO11Tests {
    @Test func cocoPicturesWithoutAnnotationsAreDoneOnlyWhenAsked() throws {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        let coco = folder.write("in.json", """
        {"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 48}, {"id": 2, "file_name": "d.png", "width": 20, "height": 20}],
         "categories": [{"id": 1, "name": "cat"}], "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 1, 5, 5]}]}
        """)
        let plain = try InterchangeFixture.importFile(coco, format: .coco, into: folder)
        #expect(plain.doneMarks == 0 && !folder.exists("data/d.png.labels.json"))
        let dataset = try InterchangeFixture.dataset(folder)
        let report = try Importer(dataset: dataset, store: SidecarStore(locator: dataset.locator))
            .run(coco, format: .coco, options: ImportOptions(author: "ana", time: "2026-12-01T00:00:00Z", emptyMeansDone: true))
        #expect(report.doneMarks == 1)
        #expect(try SidecarCodec.decode(try #require(folder.read("data/d.png.labels.json")), file: "d").marks.map(\.state) == [.done])
    }

    @Test func aYOLO11FolderWithObjNamesIsRead() throws {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        folder.write("y/obj.names", "cat\r\ndog\r\n")
        folder.write("y/obj.data", "classes = 2\nnames = data/obj.names\n")
        folder.write("y/train.txt", "data/obj_train_data/data/a.png\n")
        folder.write("y/obj_train_data/data/a.txt", "1 0.5 0.5 0.25 0.25\n")
        let report = try InterchangeFixture.importFile(folder.url("y"), format: .yolo, into: folder)
        #expect(report.imported == 1 && report.problems.isEmpty, "\(report.problems)")
        #expect(try InterchangeFixture.fingerprints(folder).contains { $0.hasPrefix("data/a.png box dog") })
    }
}

/// COCO's results array (a detector's predictions) is read with its ground-truth file (issue 14).
@Suite struct COCOResultsTests {
    @Test func aResultsArrayBecomesSuggestionsWithTheImagesNamedElsewhere() throws {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        let truth = folder.write("gt.json", """
        {"images": [{"id": 7, "file_name": "a.png", "width": 64, "height": 48}], "categories": [{"id": 18, "name": "dog"}],
         "annotations": [{"id": 1, "image_id": 7, "category_id": 18, "bbox": [0, 0, 5, 5]}]}
        """)
        let results = folder.write("res.json", """
        [{"image_id": 7, "category_id": 18, "bbox": [2.0, 3.0, 20.0, 10.0], "score": 0.93},
         {"image_id": 7, "category_id": 18, "bbox": [30.0, 5.0, 10.0, 10.0], "score": 0.21}]
        """)
        #expect(throws: InterchangeError.self) { try InterchangeFixture.importFile(results, format: .coco, into: folder) }
        let dataset = try InterchangeFixture.dataset(folder)
        let report = try Importer(dataset: dataset, store: SidecarStore(locator: dataset.locator))
            .run(results, format: .coco, options: ImportOptions(author: "ana", time: "2026-12-01T00:00:00Z", cocoImages: truth))
        #expect(report.imported == 2 && report.suggestions == 2, "\(report.problems)")
        #expect(try InterchangeFixture.fingerprints(folder).filter { $0.hasPrefix("data/a.png") } == [
            "data/a.png box dog 2,3 20x10 suggested 0.93", "data/a.png box dog 30,5 10x10 suggested 0.21",
        ])
    }
}

/// Label Studio may name a picture without its extension (issue 14).
@Suite struct ExtensionlessNameTests {
    @Test func aNameWithoutExtensionMatchesTheOneFileOfThatStem() throws {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        let task = folder.write("ls.json", """
        [{"id": 1, "data": {"image": "/data/local-files/?d=data/a"}, "annotations": [{"completed_by": 1, "result": [
          {"type": "rectanglelabels", "original_width": 64, "original_height": 48,
           "value": {"x": 10, "y": 10, "width": 25, "height": 25, "rectanglelabels": ["cat"]}}]}]}]
        """)
        let report = try InterchangeFixture.importFile(task, format: .labelstudio, into: folder)
        #expect(report.imported == 1, "\(report.problems)")
    }
}
