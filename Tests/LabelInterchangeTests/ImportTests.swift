import LabelCore
import LabelImaging
import LabelInterchange
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// Imports that do not fit the data: reported one per line, skipped, nothing else touched;
/// model output as suggestions; authors kept.
@Suite struct ImportTests {
    func freshData() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        return folder
    }

    @Test func cocoMismatchesAreListedAndSkippedTheRestImported() throws {
        let folder = try freshData()
        folder.write("data/sub/b.png.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "b.png", kind: .image, annotations: [Make.box("k", "cat", 1, 1, 5, 5)])))
        let before = folder.read("data/sub/b.png.labels.json")
        let coco = folder.write("in.json", """
        {"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 48},
                    {"id": 2, "file_name": "zebra.png", "width": 10, "height": 10},
                    {"id": 3, "file_name": "sub/b.png", "width": 100, "height": 80}],
         "categories": [{"id": 7, "name": "cat"}],
         "annotations": [
          {"id": 1, "image_id": 1, "category_id": 7, "bbox": [1, 2, 10, 20]},
          {"id": 2, "image_id": 1, "category_id": 7, "bbox": [70, 2, 30, 20]},
          {"id": 3, "image_id": 2, "category_id": 7, "bbox": [1, 1, 2, 2]},
          {"id": 4, "image_id": 9, "category_id": 7, "bbox": [1, 1, 2, 2]},
          {"id": 5, "image_id": 3, "category_id": 7, "bbox": [1, 2]},
          {"id": 6, "image_id": 1, "category_id": 7, "bbox": [5, 5, 5, 5], "score": 0.25},
          {"id": 7, "image_id": "1", "category_id": 7, "bbox": [1, 1, 2, 2]},
          {"id": 8, "image_id": 1, "category_id": 7, "bbox": [1, "x", 2, 2]}
         ]}
        """)
        let report = try InterchangeFixture.importFile(coco, format: .coco, into: folder)
        #expect(report.imported == 2 && report.suggestions == 1)
        #expect(report.problems.count == 6, "\(report.problems)")
        #expect(report.problems.contains { $0.contains("in.json:10:") && $0.contains("without a valid bbox (four numbers") })
        #expect(report.problems.contains { $0.contains("in.json:12:") && $0.contains("without a valid image_id (a whole number)") })
        #expect(report.problems.contains { $0.contains("in.json:13:") && $0.contains("without a valid bbox") })
        #expect(report.problems.contains { $0.contains("zebra.png: no such item in the dataset; skipped") })
        #expect(report.problems.contains { $0.contains("image id 9 is not in \"images\"") })
        #expect(report.problems.contains { $0.contains("a.png: cat: the box 70,2–100,22 is outside the 64×48 image; skipped") })
        #expect(try InterchangeFixture.fingerprints(folder) == [
            "data/a.png box cat 1,2 10x20 by importer",
            "data/a.png box cat 5,5 5x5 suggested 0.25",
            "data/sub/b.png box cat 1,1 5x5 by ana",
        ])
        #expect(folder.read("data/sub/b.png.labels.json") == before, "a file with nothing to import is not rewritten")
    }

    /// COCO's stated picture size is checked against the file; boxes crossing the edge are
    /// clipped (and counted), boxes with no size are named as such (issue 13).
    @Test func cocoSizesAreCheckedAndEdgeBoxesClipped() throws {
        let folder = try freshData()
        let coco = folder.write("in.json", """
        {"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 48}, {"id": 2, "file_name": "sub/b.png", "width": 999, "height": 999}],
         "categories": [{"id": 7, "name": "cat"}],
         "annotations": [
          {"id": 1, "image_id": 1, "category_id": 7, "bbox": [60, 40, 10, 10]},
          {"id": 2, "image_id": 1, "category_id": 7, "bbox": [-3, 1, 10, 10]},
          {"id": 3, "image_id": 1, "category_id": 7, "bbox": [5, 5, -4, 10]},
          {"id": 4, "image_id": 2, "category_id": 7, "bbox": [1, 1, 5, 5]}
         ]}
        """)
        let report = try InterchangeFixture.importFile(coco, format: .coco, into: folder)
        #expect(report.imported == 2 && report.clipped == 2, "\(report.problems)")
        #expect(report.summary.contains("2 boxes clipped to the picture"))
        #expect(report.problems.contains { $0.contains("a width or height of zero or less") })
        #expect(report.problems.contains { $0.contains("the file says the picture is 999×999 but data/sub/b.png is 100×80; its 1 annotation skipped") }, "\(report.problems)")
        #expect(try InterchangeFixture.fingerprints(folder).filter { $0.hasPrefix("data/a.png") } == [
            "data/a.png box cat 0,1 7x10 by importer",
            "data/a.png box cat 60,40 4x8 by importer",
        ])
    }

    /// Accepting a suggestion keeps where it came from, and importing the same predictions
    /// again after review adds nothing, even when the accepted box was relabelled (issue 13).
    @Test func reimportingPredictionsAfterReviewAddsNothing() throws {
        let folder = try freshData()
        let coco = folder.write("pred.json", """
        {"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 48}], "categories": [{"id": 7, "name": "cat"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 7, "bbox": [1, 2, 10, 20], "score": 0.9}]}
        """)
        #expect(try InterchangeFixture.importFile(coco, format: .coco, into: folder).suggestions == 1)
        let dataset = try InterchangeFixture.dataset(folder)
        let store = SidecarStore(locator: dataset.locator)
        let path = folder.url("data/a.png")
        let suggestion = try #require(store.open(path, as: DataFileDescription(kind: .image)).annotations.first)
        var accepted = suggestion.accepted(by: "ana", at: "2026-12-01T00:00:00Z")
        accepted.label = "dog"
        try store.apply(Transaction([.update(from: suggestion, to: accepted)]), to: path)
        let kept = try #require(store.document(path)?.annotations.first)
        #expect(kept.extra["accepted_from"]?["source"]?.stringValue == "import")
        #expect(kept.extra["accepted_from"]?["score"]?.doubleValue == 0.9)
        let again = try InterchangeFixture.importFile(coco, format: .coco, into: folder)
        #expect(again.imported == 0 && again.duplicates == 1)
    }

    /// A rejected suggestion stays rejected when the same predictions are imported again.
    @Test func reimportingAfterARejectionDoesNotBringItBack() throws {
        let folder = try freshData()
        let coco = folder.write("pred.json", """
        {"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 48}], "categories": [{"id": 7, "name": "cat"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 7, "bbox": [1, 2, 10, 20], "score": 0.9},
                         {"id": 2, "image_id": 1, "category_id": 7, "bbox": [30, 2, 10, 20], "score": 0.4}]}
        """)
        #expect(try InterchangeFixture.importFile(coco, format: .coco, into: folder).suggestions == 2)
        let dataset = try InterchangeFixture.dataset(folder)
        let store = SidecarStore(locator: dataset.locator)
        let path = folder.url("data/a.png")
        let document = store.open(path, as: DataFileDescription(kind: .image))
        let rejected = try #require(document.annotations.first { $0.box?.x == 30 })
        let list = document.header.extra[RejectedSuggestions.key]
        try store.apply(Transaction([.remove(rejected), .setValue(key: RejectedSuggestions.key, from: list, to: RejectedSuggestions.adding(rejected, to: list))]), to: path)
        let again = try InterchangeFixture.importFile(coco, format: .coco, into: folder)
        #expect(again.imported == 0 && again.duplicates == 2)
        let sidecar = try SidecarCodec.decode(try #require(folder.read("data/a.png.labels.json")), file: "a")
        #expect(sidecar.annotations.compactMap(\.box).map(\.x) == [1])
        #expect(sidecar.extra[RejectedSuggestions.key]?.arrayValue?.count == 1)
    }

    /// COCO without a box is an image-level label (a class); captions and panoptic segments are
    /// counted; a name that fits two pictures is refused naming both; a single Label Studio task
    /// object is read; span text that differs only by collapsed blanks still matches (issue 14).
    @Test func cocoImageLabelsAmbiguousNamesAndLabelStudioVariants() throws {
        let folder = try freshData()
        folder.write("data/sub/a.png", "")
        try PNGEncoder.write(PixelImage(width: 64, height: 48, pixels: Array(repeating: 9, count: 64 * 48 * 4)), to: folder.url("data/sub/a.png"))
        let coco = folder.write("in.json", """
        {"images": [{"id": 1, "file_name": "sub/b.png", "width": 100, "height": 80}, {"id": 2, "file_name": "a.png"}],
         "categories": [{"id": 3, "name": "outdoor"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 3},
                         {"id": 2, "image_id": 1, "caption": "a blue square"},
                         {"id": 3, "image_id": 2, "category_id": 3, "bbox": [1, 1, 2, 2]}]}
        """)
        let report = try InterchangeFixture.importFile(coco, format: .coco, into: folder)
        #expect(report.unsupported == ["captions": 1])
        #expect(report.problems.contains { $0.contains("the name fits data/a.png and data/sub/a.png; refused") }, "\(report.problems)")
        #expect(try InterchangeFixture.fingerprints(folder).contains { $0.hasPrefix("data/sub/b.png class outdoor") })
        let task = folder.write("task.json", """
        {"id": 9, "data": {"text": "Ana Smith flew to São Paulo."}, "annotations": [{"completed_by": 1, "result": [
          {"type": "labels", "value": {"start": 0, "end": 9, "text": "Ana  Smith", "labels": ["PER"]}}]}]}
        """)
        let studio = try InterchangeFixture.importFile(task, format: .labelstudio, into: folder)
        #expect(studio.imported == 1, "\(studio.problems)")
    }

    @Test func spanTextThatDoesNotMatchTheDataIsSkipped() throws {
        let folder = try freshData()
        let jsonl = folder.write("in.jsonl", """
        {"text": "Ana Smith flew to São Paulo.", "spans": [{"start": 0, "end": 3, "label": "PER"}], "meta": {"file": "data/notes.txt", "record": 0}}
        {"text": "Ann Smith flew to São Paulo.", "spans": [{"start": 0, "end": 3, "label": "PER"}], "meta": {"file": "data/notes.txt", "record": 0}}
        {"text": "Bo met 🙂 Ana in New York.", "spans": [{"start": 16, "end": 24, "label": "LOC", "score": 0.9}]}
        {"text": "A text that is not in the data.", "spans": [{"start": 0, "end": 1, "label": "PER"}]}
        {"text": broken
        """)
        let report = try InterchangeFixture.importFile(jsonl, format: .spacy, into: folder)
        #expect(report.problems.count == 3, "\(report.problems)")
        #expect(report.problems.contains { $0.hasPrefix(jsonl + ":2: PER: the span text \"Ann\" does not match \"Ana\" at 0..<3; skipped") })
        #expect(report.problems.contains { $0.hasPrefix(jsonl + ":4: no such item in the dataset") })
        #expect(report.problems.contains { $0.hasPrefix(jsonl + ":5: not valid JSON") })
        #expect(try InterchangeFixture.fingerprints(folder) == [
            "data/notes.txt#0 span PER 0..<3 \"Ana\" by importer",
            "data/notes.txt#2 span LOC 16..<24 \"New York\" suggested 0.9",
        ])
    }

    @Test func labelStudioPredictionsBecomeSuggestionsAndAnnotationsKeepTheirAuthor() throws {
        let folder = try freshData()
        let tasks = folder.write("ls.json", """
        [{"id": 2, "data": {"image": "/data/upload/4/3f2a9c1e-b.png"}, "annotations": [{"completed_by": 4, "result": [
            {"type": "rectanglelabels", "value": {"x": 10, "y": 10, "width": 50, "height": 50, "rectanglelabels": ["cat"]}}]}]},
         {"id": 1, "data": {"image": "/data/local-files/?d=data/a.png"},
          "annotations": [{"completed_by": {"id": 3, "email": "cy@example.org"}, "result": [
            {"type": "rectanglelabels", "original_width": 64, "original_height": 48,
             "value": {"x": 50, "y": 25, "width": 25, "height": 50, "rectanglelabels": ["dog"]}},
            {"type": "choices", "value": {"choices": ["outdoor"]}}]},
            {"completed_by": 4, "was_cancelled": true, "result": [{"type": "choices", "value": {"choices": ["indoor"]}}]}],
          "predictions": [{"score": 0.4, "result": [
            {"type": "rectanglelabels", "value": {"x": 0, "y": 0, "width": 100, "height": 100, "rectanglelabels": ["cat"]}}]}]}]
        """)
        let report = try InterchangeFixture.importFile(tasks, format: .labelstudio, into: folder)
        #expect(report.problems == [])
        #expect(try InterchangeFixture.fingerprints(folder) == [
            "data/a.png box cat 0,0 64x48 suggested 0.4",
            "data/a.png box dog 32,12 16x24 by cy@example.org",
            "data/a.png class outdoor by cy@example.org",
            "data/sub/b.png box cat 10,8 50x40 by labelstudio-user-4",
        ])
        let asModel = try freshData()
        let suggested = try InterchangeFixture.importFile(tasks, format: .labelstudio, into: asModel, asSuggestions: true)
        #expect(suggested.suggestions == 4)
    }

    @Test func aSidecarThatCannotBeReadIsNeverOverwritten() throws {
        let folder = try freshData()
        folder.write("data/a.png.labels.json", "{\"format\": \"termlabel-sidecar\", \"annotations\": [")
        let labelme = folder.write("a.json", """
        {"version": "5.5.0", "imagePath": "data/a.png", "imageData": null, "imageWidth": 64, "imageHeight": 48, "flags": {},
         "shapes": [{"label": "cat", "shape_type": "rectangle", "points": [[1, 1], [9, 9]]},
                    {"label": "tail", "shape_type": "polygon", "points": [[1, 1], [9, 9], [3, 7]]}]}
        """)
        let report = try InterchangeFixture.importFile(labelme, format: .labelme, into: folder)
        #expect(report.imported == 0)
        #expect(report.problems.count == 1, "\(report.problems)")
        #expect(report.problems.contains { $0.hasPrefix(labelme + ": ") && $0.contains("a.png.labels.json") && $0.hasSuffix("; skipped") })
        #expect(folder.text("data/a.png.labels.json") == "{\"format\": \"termlabel-sidecar\", \"annotations\": [")
    }

    @Test func aFileThatIsNotJSONNamesWhereItBreaks() throws {
        let folder = try freshData()
        let coco = folder.write("bad.json", "{\"images\": [\n  {\"id\": 1,,}\n]}")
        #expect {
            try InterchangeFixture.importFile(coco, format: .coco, into: folder)
        } throws: { error in
            "\(error)".hasPrefix(coco + ":2:") && "\(error)".contains("not valid JSON")
        }
        #expect {
            try InterchangeFixture.importFile(folder.url("nowhere.json"), format: .coco, into: folder)
        } throws: { error in
            "\(error)".contains("nowhere.json")
        }
    }

    @Test func bratNamesForRecordsAndForFilesThatLookLikeThem() throws {
        let folder = try freshData()
        folder.write("data/log-2.txt", "Ana left.")
        folder.write("brat/data/notes-3.ann", "T1\tPER 9 12\tAna\n#1\tAnnotatorNotes T1\tsuggested, score 0.5\n")
        folder.write("brat/data/log-2.ann", "T1\tPER 0 3\tAna\nR1\tOrigin Arg1:T1 Arg2:T1\nT2\tLOC 0 3;4 8\tAna left\n")
        let report = try InterchangeFixture.importFile(folder.url("brat"), format: .brat, into: folder)
        #expect(report.problems.count == 1 && report.problems[0].contains("log-2.ann:3: only continuous entities"))
        #expect(try InterchangeFixture.fingerprints(folder) == [
            "data/log-2.txt#0 span PER 0..<3 \"Ana\" by importer",
            "data/notes.txt#2 span PER 9..<12 \"Ana\" suggested 0.5",
        ])
    }

    /// Names from an imported file never reach outside the dataset: `/etc/passwd` and
    /// `../../etc/passwd` do not land on the dataset's own `passwd`; Windows separators work.
    @Test func pathsThatLeaveTheDatasetMatchNothing() throws {
        let folder = try freshData()
        folder.write("data/passwd", "root:x:0:0\n")
        let jsonl = folder.write("in.jsonl", """
        {"text": "root:x:0:0", "cats": {"indoor": 1.0}, "meta": {"file": "/etc/passwd"}}
        {"text": "root:x:0:0", "cats": {"indoor": 1.0}, "meta": {"file": "../../etc/passwd"}}
        """)
        let report = try InterchangeFixture.importFile(jsonl, format: .spacy, into: folder)
        #expect(report.imported == 0)
        #expect(report.problems.count == 2, "\(report.problems)")
        #expect(!folder.exists("data/passwd.labels.json"))
        folder.write("labelme/a.json", """
        {"version": "5.4.1", "flags": {}, "imagePath": "..\\\\data\\\\a.png", "imageData": null, "imageHeight": 48, "imageWidth": 64,
         "shapes": [{"label": "cat", "points": [[1, 2], [11, 22]], "group_id": null, "description": "", "shape_type": "rectangle", "flags": {}}]}
        """)
        let windows = try InterchangeFixture.importFile(folder.url("labelme"), format: .labelme, into: folder)
        #expect(windows.imported == 1, "\(windows.problems)")
    }
}

/// Exports leave out a sidecar that validate rejects, and say so (issue 12).
@Suite struct ExportSkipsRejectedSidecarsTests {
    @Test func aBoxOutsideThePictureIsLeftOutAndNamed() throws {
        let fixture = try InterchangeFixture()
        fixture.writeSidecar("data/c.png", kind: .image, size: ImageSize(width: 30, height: 30), annotations: [Make.box("x", "cat", 20, 20, 50, 50)])
        let output = TemporaryDirectory()
        let (report, _) = try fixture.export(.coco, into: output, name: "coco.json")
        #expect(report.warnings.contains { $0.contains("box x (20,20 50×50) does not fit the 30×30 picture") && $0.hasSuffix("its annotations were left out") },
                "\(report.warnings)")
        #expect(output.text("coco.json")?.contains("\"data/c.png\"") == false)
    }
}

/// What termlabel cannot hold is counted by kind, never dropped in silence (DESIGN §13, issue 14).
@Suite struct UnsupportedKindsTests {
    @Test func bratCOCOLabelmeAndLabelStudioExtrasAreCounted() throws {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        folder.write("brat/data/notes-1.ann", "T1\tPER 0 9\tAna Smith\nT2\tLOC 18 27\tSão Paulo\nR1\tLives_in Arg1:T1 Arg2:T2\nR2\tLives_in Arg1:T1 Arg2:T2\n"
                     + "E1\tTravel:T1\nA1\tNegated E1\nN1\tReference T2 Wikipedia:123\tSão Paulo\n#1\tAnnotatorNotes T1\ta person\n")
        let brat = try InterchangeFixture.importFile(folder.url("brat"), format: .brat, into: folder)
        #expect(brat.imported == 2)
        #expect(brat.unsupported == ["relations": 2, "events": 1, "attributes": 1, "normalizations": 1, "notes": 1])
        #expect(brat.unsupportedSummary == "skipped 2 relations, 1 attributes, 1 events, 1 normalizations, 1 notes (termlabel does not hold these)")

        let coco = folder.write("in.json", """
        {"images": [{"id": 1, "file_name": "a.png", "width": 64, "height": 48}], "categories": [{"id": 1, "name": "cat"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 10, 20], "segmentation": [[1, 2, 11, 2, 11, 22]], "iscrowd": 0},
                         {"id": 2, "image_id": 1, "category_id": 1, "bbox": [20, 2, 10, 20], "segmentation": {"size": [48, 64], "counts": "abc"}, "iscrowd": 1,
                          "keypoints": [1, 2, 2]}]}
        """)
        let cocoReport = try InterchangeFixture.importFile(coco, format: .coco, into: folder)
        // Polygons and keypoints are held now; a mask whose counts are not RLE is named and skipped.
        #expect(cocoReport.unsupported.isEmpty, "\(cocoReport.unsupported)")
        #expect(cocoReport.imported == 2)
        #expect(cocoReport.problems.contains { $0.contains("cat: the mask's counts are not valid RLE for 64×48; skipped") }, "\(cocoReport.problems)")
        let crowd = try InterchangeFixture.dataset(folder)
        let crowdSink = ExportSink(.standardOutput)
        _ = try Exporter.export(crowd, store: SidecarStore(locator: crowd.locator), format: .coco, options: ExportOptions(), to: crowdSink)
        let exported = try JSONParser.parse(crowdSink.standardOutput)
        #expect((exported["annotations"]?.arrayValue ?? []).map { $0["iscrowd"]?.intValue ?? -1 }.sorted() == [0, 1], "the crowd region stays one")

        let studio = folder.write("ls.json", """
        [{"id": 1, "data": {"image": "/data/local-files/?d=data/a.png"}, "annotations": [{"completed_by": 1, "result": [
          {"type": "rectanglelabels", "value": {"x": 10, "y": 10, "width": 20, "height": 20, "rotation": 30, "rectanglelabels": ["cat"]}},
          {"type": "polygonlabels", "value": {"points": [[1, 1], [5, 1], [5, 5]], "polygonlabels": ["cat"]}},
          {"type": "relation", "from_id": "a", "to_id": "b"}]}]}]
        """)
        let studioReport = try InterchangeFixture.importFile(studio, format: .labelstudio, into: folder)
        #expect(studioReport.unsupported == ["rotated rectangles without original_width and original_height": 1, "relations": 1])
        #expect(studioReport.imported == 1, "the polygon")
    }
}

/// Prodigy's answers and doccano's JSONL come in as their tools meant them (issue 14).
@Suite struct ProdigyAndDoccanoTests {
    @Test func answersSpansAndClassesOfProdigyAndDoccano() throws {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        let jsonl = folder.write("in.jsonl", """
        {"text": "Ana Smith flew to São Paulo.", "spans": [{"start": 0, "end": 9, "label": "PER", "score": 0.8}, {"start": 18, "end": 27, "label": "PER", "answer": "reject"}], "answer": "accept"}
        {"text": "Nothing here.", "spans": [{"start": 0, "end": 7, "label": "PER"}], "answer": "ignore"}
        {"text": "Bo met 🙂 Ana in New York.", "label": [[0, 2, "PER"], [16, 24, "LOC"]]}
        {"text": "Nothing here.", "label": "outdoor", "answer": "accept"}
        {"text": "Bo met 🙂 Ana in New York.", "options": [{"id": 1, "text": "indoor"}, {"id": 2, "text": "outdoor"}], "accept": [2], "answer": "accept"}
        """)
        let report = try InterchangeFixture.importFile(jsonl, format: .spacy, into: folder)
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(report.suggestions == 0)
        let fingerprints = try InterchangeFixture.fingerprints(folder)
        #expect(fingerprints.contains { $0.hasPrefix("data/notes.txt#0 span PER 0..<9") && !$0.contains("suggested") })
        #expect(!fingerprints.contains { $0.contains("18..<27") }, "a span answered reject stays out")
        #expect(!fingerprints.contains { $0.hasPrefix("data/notes.txt#1 span") }, "an ignored example brings nothing")
        #expect(fingerprints.contains { $0.hasPrefix("data/notes.txt#2 span PER 0..<2") })
        #expect(fingerprints.contains { $0.hasPrefix("data/notes.txt#2 span LOC 16..<24") })
        #expect(fingerprints.contains { $0.hasPrefix("data/notes.txt#1 class outdoor") })
        #expect(fingerprints.contains { $0.hasPrefix("data/notes.txt#2 class outdoor") })
        let sidecar = try SidecarCodec.decode(try #require(folder.read("data/notes.txt.labels.json")), file: "n")
        let accepted = try #require(sidecar.annotations.first { $0.span?.start == 0 && $0.record == 0 })
        #expect(accepted.extra["accepted_from"]?.objectValue?["score"]?.doubleValue == 0.8)
    }
}
