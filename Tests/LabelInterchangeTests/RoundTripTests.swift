import LabelCore
import LabelInterchange
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// Export → import into a fresh copy of the data → the same annotations, for every format
/// that goes both ways; and importing the same file again adds nothing.
@Suite struct RoundTripTests {
    /// What each format carries: which annotation types, and whether it names authors.
    struct Case: CustomTestStringConvertible, Sendable {
        let format: InterchangeFormat
        let types: Set<String>
        let kinds: Set<ItemKind>
        let keepsAuthors: Bool
        var testDescription: String { format.rawValue }
    }

    static let cases: [Case] = [
        Case(format: .coco, types: ["box", "class"], kinds: [.image], keepsAuthors: true),
        Case(format: .yolo, types: ["box"], kinds: [.image], keepsAuthors: false),
        Case(format: .labelme, types: ["box", "class"], kinds: [.image], keepsAuthors: false),
        Case(format: .labelstudio, types: ["box", "span", "class"], kinds: [.image, .text], keepsAuthors: true),
        Case(format: .spacy, types: ["span", "class"], kinds: [.text], keepsAuthors: false),
        Case(format: .brat, types: ["span"], kinds: [.text], keepsAuthors: false),
    ]

    @Test(arguments: cases)
    func exportThenImportGivesTheSameAnnotations(_ testCase: Case) throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let name = testCase.format.writesFolder ? "out" : "out.\(testCase.format == .spacy ? "jsonl" : "json")"
        let (report, path) = try fixture.export(testCase.format, options: ExportOptions(includeSuggestions: true), into: output, name: name)
        #expect(report.annotations > 0)

        let fresh = TemporaryDirectory()
        try InterchangeFixture.writeData(into: fresh)
        let imported = try InterchangeFixture.importFile(path, format: testCase.format, into: fresh)
        #expect(imported.problems == [])
        let original = try InterchangeFixture.fingerprints(fixture.folder, authors: testCase.keepsAuthors, types: testCase.types, kinds: testCase.kinds)
        let back = try InterchangeFixture.fingerprints(fresh, authors: testCase.keepsAuthors, types: testCase.types, kinds: testCase.kinds)
        #expect(back == original)
        #expect(imported.imported == original.count)
        #expect(imported.suggestions == original.filter { $0.contains(" suggested ") }.count)
        if !testCase.keepsAuthors {
            // Human labels from a file that names nobody belong to whoever imports them.
            let authors = Set(try InterchangeFixture.fingerprints(fresh, types: testCase.types, kinds: testCase.kinds)
                .filter { !$0.contains(" suggested ") }.map { $0.components(separatedBy: " by ").last ?? "" })
            #expect(authors == ["importer"])
        }

        let sidecarsBefore = fresh.list("data").filter { $0.hasSuffix(".labels.json") }.map { fresh.text("data/" + $0) }
        let again = try InterchangeFixture.importFile(path, format: testCase.format, into: fresh)
        #expect(again.imported == 0)
        #expect(again.duplicates == original.count)
        #expect(fresh.list("data").filter { $0.hasSuffix(".labels.json") }.map { fresh.text("data/" + $0) } == sidecarsBefore,
                "importing twice leaves the sidecars as they were")
    }

    @Test func importedLabelsComeInTheSourcesOrder() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let (_, path) = try fixture.export(.yolo, into: output, name: "yolo")
        // A data.yaml whose class order differs from the project's: "dog" is 0.
        output.write("yolo/data.yaml", "names: [dog, cat]\n")
        output.write("yolo/labels/data/a.txt", "0 0.5 0.5 0.25 0.25\n1 0.5 0.5 0.5 0.5\n")
        let fresh = TemporaryDirectory()
        try InterchangeFixture.writeData(into: fresh)
        fresh.write("termlabel.toml", "")
        let report = try InterchangeFixture.importFile(path, format: .yolo, into: fresh)
        #expect(report.newLabels[.boxes] == ["dog", "cat"])
        #expect(try InterchangeFixture.fingerprints(fresh, authors: false).filter { $0.hasPrefix("data/a.png") } == [
            "data/a.png box cat 16,12 32x24",
            "data/a.png box dog 24,18 16x12",
        ])
    }

    /// A picture marked done with no box is an empty YOLO label file, and an empty label file
    /// comes back as a done mark: true negatives survive the round trip (issues 13, 14).
    @Test func yoloKeepsTrueNegatives() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let (_, path) = try fixture.export(.yolo, into: output, name: "out")
        #expect(output.text("out/labels/data/c.txt") == "", "c.png is done with no box")
        let fresh = TemporaryDirectory()
        try InterchangeFixture.writeData(into: fresh)
        let imported = try InterchangeFixture.importFile(path, format: .yolo, into: fresh)
        #expect(imported.doneMarks == 1 && imported.summary.contains("1 empty item marked done"))
        let sidecar = try SidecarCodec.decode(try #require(fresh.read("data/c.png.labels.json")), file: "c")
        #expect(sidecar.marks.map(\.state) == [.done] && sidecar.annotations.isEmpty)
        #expect(try InterchangeFixture.importFile(path, format: .yolo, into: fresh).doneMarks == 0, "twice adds nothing")
    }

    @Test func aClassOnlyDatasetExportedToYOLOSaysWhyNothingWasWritten() throws {
        let folder = TemporaryDirectory()
        try InterchangeFixture.writeData(into: folder)
        folder.write("data/a.png.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 64, height: 48),
                                                                                 annotations: [Make.classification("c", "indoor")])))
        let dataset = try InterchangeFixture.dataset(folder)
        let output = TemporaryDirectory()
        let report = try Exporter.export(dataset, store: SidecarStore(locator: dataset.locator), format: .yolo, options: ExportOptions(),
                                         to: ExportSink(.folder(output.url("y"))))
        #expect(report.warnings.contains { $0.hasPrefix("no boxes to write: yolo holds boxes only") })
    }
}
