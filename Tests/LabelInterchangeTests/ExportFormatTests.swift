import LabelCore
import LabelInterchange
import LabelStore
import TestSupport
import Testing

/// What each export writes, byte for byte where the format is plain text, and which
/// annotations an export takes (accepted only, one annotator's, suggestions on request).
@Suite struct ExportFormatTests {
    @Test func yoloWritesNormalisedCentresAClassListAndEmptyFilesForNegatives() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let (report, _) = try fixture.export(.yolo, into: output, name: "yolo")
        #expect(output.text("yolo/labels/data/a.txt") == "0 0.187500 0.166667 0.312500 0.208333\n1 0.703125 0.520833 0.468750 0.833333\n")
        #expect(output.text("yolo/labels/data/sub/b.txt") == "1 0.500000 0.500000 1.000000 1.000000\n")
        #expect(output.text("yolo/labels/data/c.txt") == "", "a picture marked done with no boxes is a negative: an empty file")
        #expect(!output.exists("yolo/labels/data/d.txt"), "an unlabeled picture is not a negative")
        let yaml = try #require(output.text("yolo/data.yaml"))
        #expect(yaml.contains("nc: 2\nnames:\n  0: \"cat\"\n  1: \"dog\"\n"))
        #expect(report.annotations == 3 && report.items == 3)
    }

    @Test func filesLeftFromAnEarlierExportAreNamed() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let (first, _) = try fixture.export(.yolo, into: output, name: "yolo")
        #expect(first.warnings.isEmpty)
        #expect(unlink(fixture.folder.url("data/c.png.labels.json")) == 0)
        #expect(throws: InterchangeError.self, "an earlier export's files are replaced only when asked") {
            try fixture.export(.yolo, into: output, name: "yolo")
        }
        let (second, _) = try fixture.export(.yolo, into: output, name: "yolo", replacesExisting: true)
        #expect(second.warnings == ["1 file in \(output.url("yolo")) did not come from this export (an earlier one?), e.g. \(output.url("yolo/labels/data/c.txt")); remove them or export into an empty folder"])
    }

    @Test func yoloMarksSuggestionsWithAScoreColumnOnlyWhenAskedFor() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        _ = try fixture.export(.yolo, options: ExportOptions(includeSuggestions: true), into: output, name: "yolo")
        #expect(output.text("yolo/labels/data/a.txt")?.contains("0 0.703125 0.729167 0.156250 0.208333 0.750000\n") == true)
    }

    @Test func vocIsOneBasedInclusiveXMLWithEscapedNames() throws {
        let fixture = try InterchangeFixture()
        fixture.writeSidecar("data/c.png", kind: .image, size: ImageSize(width: 30, height: 30),
                             annotations: [Make.box("c1", "<cat & co>", 0, 0, 30, 30)])
        let output = TemporaryDirectory()
        _ = try fixture.export(.voc, into: output, name: "voc")
        let xml = try #require(output.text("voc/Annotations/data/c.xml"))
        #expect(xml.contains("<filename>c.png</filename>"))
        #expect(xml.contains("<size><width>30</width><height>30</height><depth>3</depth></size>"))
        #expect(xml.contains("<name>&lt;cat &amp; co&gt;</name>"))
        #expect(xml.contains("<bndbox><xmin>1</xmin><ymin>1</ymin><xmax>30</xmax><ymax>30</ymax></bndbox>"))
    }

    @Test func vocRecordsDepthOneForGreyPictures() throws {
        let fixture = try InterchangeFixture()
        fixture.folder.write("data/g.pgm", "P5\n30 30\n255\n" + String(repeating: "\u{7F}", count: 900))
        fixture.writeSidecar("data/g.pgm", kind: .image, size: ImageSize(width: 30, height: 30), annotations: [Make.box("g", "cat", 0, 0, 5, 5)])
        let output = TemporaryDirectory()
        _ = try fixture.export(.voc, into: output, name: "voc")
        #expect(output.text("voc/Annotations/data/g.xml")?.contains("<depth>1</depth>") == true, "\(output.list("voc/Annotations/data"))")
        #expect(output.text("voc/Annotations/data/a.xml")?.contains("<depth>3</depth>") == true)
    }

    @Test func conllUsesTheTokenizerAndIOB2OrBILOU() throws {
        let fixture = try InterchangeFixture()
        let iob2 = try fixture.exportedText(.conll)
        #expect(iob2 == """
        -DOCSTART- O

        Ana B-PER
        Smith I-PER
        flew O
        to O
        São B-LOC
        Paulo I-LOC
        . O

        -DOCSTART- O

        Nothing O
        here O
        . O

        -DOCSTART- O

        Bo O
        met O
        🙂 O
        Ana B-PER
        in O
        New B-LOC
        York I-LOC
        . O


        """)
        let bilou = try fixture.exportedText(.conll, options: ExportOptions(scheme: .bilou))
        #expect(bilou.contains("Ana B-PER\nSmith L-PER\n"))
        #expect(bilou.contains("Ana U-PER\nin O\nNew B-LOC\nYork L-LOC\n"))
    }

    @Test func spacyLinesCarryTextSpansCategoriesAndWhereTheyCameFrom() throws {
        let fixture = try InterchangeFixture()
        let lines = try fixture.exportedText(.spacy).split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let last = try JSONParser.parse(Array(lines[2].utf8))
        #expect(last["text"]?.stringValue == "Bo met 🙂 Ana in New York.")
        let spans = last["spans"]?.arrayValue?.compactMap { span -> String? in
            guard let start = span["start"]?.intValue, let end = span["end"]?.intValue, let label = span["label"]?.stringValue else { return nil }
            return "\(start)-\(end) \(label)"
        }
        #expect(spans == ["9-12 PER", "16-24 LOC"])
        #expect(last["cats"]?["outdoor"]?.doubleValue == 1.0)
        #expect(last["meta"]?["file"]?.stringValue == "data/notes.txt" && last["meta"]?["record"]?.intValue == 2)
    }

    @Test func csvHasOneRowPerClassQuotingWhatNeedsIt() throws {
        let fixture = try InterchangeFixture()
        fixture.writeSidecar("data/c.png", kind: .image, size: ImageSize(width: 30, height: 30),
                             annotations: [Make.classification("c1", "wet, \"very\"", author: "cy")])
        #expect(try fixture.exportedText(.csv) == "file,record,label,author,time,status\n"
            + "data/a.png,,indoor,ana,2026-11-22T10:00:04Z,\n"
            + "data/c.png,,\"wet, \"\"very\"\"\",cy,2026-11-22T10:00:04Z,\n"
            + "data/notes.txt,2,outdoor,bo,2026-11-22T10:00:04Z,\n")
        // With suggestions, the status column tells them apart.
        var suggestion = Make.classification("c2", "outdoor")
        suggestion.status = Annotation.suggestedStatus
        fixture.writeSidecar("data/d.png", kind: .image, size: ImageSize(width: 20, height: 20), annotations: [suggestion])
        let rows = try fixture.exportedText(.csv, options: ExportOptions(includeSuggestions: true)).split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("data/d.png,,outdoor,") && $0.hasSuffix(",suggested") }, "\(rows)")
    }

    @Test func csvCellsThatASpreadsheetWouldRunAreNeutralisedUnlessRaw() throws {
        let fixture = try InterchangeFixture()
        fixture.writeSidecar("data/c.png", kind: .image, size: ImageSize(width: 30, height: 30), annotations: [
            Make.classification("c1", "=HYPERLINK(\"http://x\")", author: "+cy"),
            Make.classification("c2", "@SUM(A1)", author: "-1"),
            Make.classification("c3", "\tx", author: "plain"),
        ])
        let safe = try fixture.exportedText(.csv)
        #expect(safe.contains("data/c.png,,\"'=HYPERLINK(\"\"http://x\"\")\",'+cy,"))
        #expect(safe.contains("data/c.png,,'@SUM(A1),'-1,"))
        #expect(safe.contains("data/c.png,,'\tx,plain,"))
        let raw = try fixture.exportedText(.csv, options: ExportOptions(rawCSV: true))
        #expect(raw.contains("data/c.png,,@SUM(A1),-1,"))
    }

    /// Overlapping spans cannot both be tagged: the outermost is kept whole (never "Hannibal
    /// B-PER, Day B-MISC"), the other is counted and named; sub-word spans are counted as widened.
    @Test func conllKeepsTheOutermostOfOverlappingSpansAndSaysSo() throws {
        let fixture = try InterchangeFixture()
        fixture.writeSidecar("data/notes.txt", kind: .text, annotations: [
            Make.span("o1", "PER", 0, 9, "Ana Smith", record: 0),
            Make.span("o2", "MISC", 4, 9, "Smith", record: 0),
            Make.span("o3", "LOC", 19, 27, "ão Paulo", record: 0),
        ])
        let output = TemporaryDirectory()
        let (report, path) = try fixture.export(.conll, into: output, name: "tags.conll")
        let text = try #require(output.text("tags.conll"), "\(path)")
        #expect(text.contains("Ana B-PER\nSmith I-PER\n"))
        #expect(!text.contains("MISC"))
        #expect(text.contains("São B-LOC\nPaulo I-LOC\n"))
        #expect(report.annotations == 2)
        #expect(report.warnings.contains { $0.hasPrefix("1 span left out where spans overlap") && $0.contains("MISC \"Smith\"") }, "\(report.warnings)")
        #expect(report.warnings.contains { $0.hasPrefix("1 span began or ended inside a word") })
    }

    @Test func cocoKeepsClassesAndAuthorsAsDocumentedExtras() throws {
        let fixture = try InterchangeFixture()
        let coco = try JSONParser.parse(Array(try fixture.exportedText(.coco).utf8))
        let images = coco["images"]?.arrayValue?.compactMap { $0["file_name"]?.stringValue }
        #expect(images == ["data/a.png", "data/c.png", "data/sub/b.png"])
        #expect(coco["categories"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["cat", "dog"])
        let boxes = coco["annotations"]?.arrayValue?.map { annotation in
            (annotation["bbox"]?.arrayValue?.compactMap(\.intValue) ?? [], annotation["termlabel_author"]?.stringValue ?? "")
        }
        #expect(boxes?.map(\.0) == [[2, 3, 20, 10], [30, 5, 30, 40], [0, 0, 100, 80]])
        #expect(boxes?.map(\.1) == ["ana", "bo", "ana"])
        #expect(coco["termlabel_classes"]?.arrayValue?.count == 1)
    }

    @Test func oneAnnotatorsWorkAndSuggestionsOnlyWhenAsked() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let (bo, _) = try fixture.export(.coco, options: ExportOptions(annotator: "bo"), into: output, name: "bo.json")
        #expect(bo.annotations == 1, "only bo's dog box (bo's done mark on c.png adds an item, not an annotation)")
        #expect(bo.items == 2)
        let (all, _) = try fixture.export(.coco, options: ExportOptions(includeSuggestions: true), into: output, name: "all.json")
        #expect(all.annotations == 5)
        let (accepted, _) = try fixture.export(.coco, into: output, name: "accepted.json")
        #expect(accepted.annotations == 4)
    }

    @Test func labelStudioGivesEachPersonTheirOwnAnnotationAndSuggestionsAsPredictions() throws {
        let fixture = try InterchangeFixture()
        let tasks = try #require(JSONParser.parse(Array(try fixture.exportedText(.labelstudio, options: ExportOptions(includeSuggestions: true)).utf8)).arrayValue)
        let first = try #require(tasks.first { $0["data"]?["image"]?.stringValue == "data/a.png" })
        let people = first["annotations"]?.arrayValue?.compactMap { $0["completed_by"]?["email"]?.stringValue }
        #expect(people == ["ana", "bo"], "a user object, as Label Studio writes it, not a bare string")
        let box = try #require(first["annotations"]?.arrayValue?.first?["result"]?.arrayValue?.first { $0["type"]?.stringValue == "rectanglelabels" })
        #expect(box["value"]?["x"]?.doubleValue == 3.125 && box["value"]?["width"]?.doubleValue == 31.25)
        #expect(box["original_width"]?.intValue == 64 && box["original_height"]?.intValue == 48)
        #expect(first["predictions"]?.arrayValue?.first?["result"]?.arrayValue?.count == 1)
        #expect(first["predictions"]?.arrayValue?.first?["model_version"]?.stringValue == "detector", "the suggestion's source is its model")
    }

    @Test func labelStudioConfigFitsTheTasksWithUniqueControlNames() throws {
        let fixture = try InterchangeFixture()
        fixture.writeSidecar("data/c.png", kind: .image, size: ImageSize(width: 30, height: 30), annotations: [Make.box("c1", "fox", 1, 1, 5, 5)])
        let output = TemporaryDirectory()
        _ = try fixture.export(.labelstudio, into: output, name: "ls/tasks.json")
        #expect(output.text("ls/labelstudio.xml") == """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image">
            <Label value="cat"/>
            <Label value="dog"/>
            <Label value="fox"/>
          </RectangleLabels>
          <Choices name="class" toName="image" choice="single">
            <Choice value="indoor"/>
            <Choice value="outdoor"/>
          </Choices>
          <Text name="text" value="$text"/>
          <Labels name="span" toName="text">
            <Label value="PER"/>
            <Label value="LOC"/>
          </Labels>
          <Choices name="text_class" toName="text" choice="single">
            <Choice value="indoor"/>
            <Choice value="outdoor"/>
          </Choices>
        </View>

        """)
        let tasks = try #require(JSONParser.parse(output.read("ls/tasks.json") ?? []).arrayValue)
        let fromNames = Set(tasks.flatMap { task in
            (task["annotations"]?.arrayValue ?? []).flatMap { ($0["result"]?.arrayValue ?? []).compactMap { $0["from_name"]?.stringValue } }
        })
        #expect(fromNames == ["label", "class", "span", "text_class"])
    }

    @Test func recordsMissingFromTheTextAreNamedNotDroppedSilently() throws {
        let fixture = try InterchangeFixture()
        fixture.writeSidecar("data/notes.txt", kind: .text, annotations: [Make.span("t9", "PER", 0, 2, "Zz", record: 7)])
        let output = TemporaryDirectory()
        let (report, _) = try fixture.export(.spacy, into: output, name: "out.jsonl")
        #expect(report.warnings == ["data/notes.txt: record 8 is not in the file (records = lines); its annotations were left out"])
    }
}

#if canImport(Glibc)
import Glibc
#endif
