import LabelCore
import LabelInterchange
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// `termlabel agree` and the agreement lines of `termlabel stats` on the real binary, with two
/// annotators' sidecars on disk (one of them also a gold standard).
@Suite struct AgreementEndToEndTests {
    let termlabel = BuiltProducts.executable("termlabel")

    /// Three records tagged by ana and bo (a class each, and spans), and a done-only record.
    func dataset() -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[text]\nrecords = \"lines\"\n[classes]\nlabels = [\"pos\", \"neg\"]\n[spans]\nlabels = [\"PER\", \"LOC\"]\n")
        folder.write("notes.txt", "Ana met Bo in Paris.\r\nBo left Lyon.\r\nNothing here.\r\n")
        let time = "2026-12-01T10:00:00Z"
        folder.write("notes.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "notes.txt", kind: .text, annotations: [
            Make.classification("a1", "pos", record: 0, author: "ana"), Make.classification("b1", "pos", record: 0, author: "bo"),
            Make.classification("a2", "neg", record: 1, author: "ana"), Make.classification("b2", "pos", record: 1, author: "bo"),
            Make.span("a3", "PER", 0, 3, "Ana", record: 0, author: "ana"), Make.span("b3", "PER", 0, 3, "Ana", record: 0, author: "bo"),
            Make.span("a4", "LOC", 14, 19, "Paris", record: 0, author: "ana"), Make.span("b4", "LOC", 14, 20, "Paris.", record: 0, author: "bo"),
        ], marks: [Mark(state: .done, record: 2, author: "ana", time: time), Mark(state: .done, record: 2, author: "bo", time: time)])))
        return folder
    }

    /// (Figures checked with krippendorff, scikit-learn and statsmodels on the same ratings:
    /// pos/pos, neg/pos, none/none give α 0.5454…, κ 0.5, Fleiss 0.4545….)
    @Test func agreeAsTablesAndJSONAndAgainstAGoldStandard() throws {
        let folder = dataset()
        let table = ProcessRunner.run(termlabel, ["agree", "."], currentDirectory: folder.path)
        #expect(table.status == 0, "\(table.standardError)")
        #expect(table.standardOutput == """
        annotators: ana, bo

        classes
          items rated by two or more   3
          percent agreement            0.667
          Krippendorff's alpha         0.545
          Fleiss' kappa                0.455  (3 items rated by all)
          ana / bo: 3 items, agreement 0.667, Cohen's kappa 0.500

        spans
          ana / bo: 2 items, 2 and 2 spans, F1 exact 0.500, overlap 1.000
            LOC: F1 exact 0.000, overlap 1.000
            PER: F1 exact 1.000, overlap 1.000

        """)

        let json = ProcessRunner.run(termlabel, ["agree", "--json", "."], currentDirectory: folder.path)
        let object = try JSONParser.parse(json.standardOutput)
        #expect(object["classes"]?["fleiss_items"] == .int(3))
        #expect(object["spans"]?["pairs"]?.arrayValue?.first?["labels"]?["LOC"]?["f1_overlap"]?.doubleValue == 1)

        let gold = ProcessRunner.run(termlabel, ["agree", "--gold", "bo", "--json", "."], currentDirectory: folder.path)
        let scored = try #require(try JSONParser.parse(gold.standardOutput)["gold"]?["annotators"]?.arrayValue?.first)
        #expect(scored["name"] == .string("ana") && scored["classes"]?["accuracy"]?.doubleValue.map { abs($0 - 2.0 / 3) < 1e-12 } == true)
        #expect(scored["spans"]?["precision"]?.doubleValue == 0.5 && scored["spans"]?["recall"]?.doubleValue == 0.5)

        let badIoU = ProcessRunner.run(termlabel, ["agree", "--iou", "0", "."], currentDirectory: folder.path)
        #expect(badIoU.status != 0 && badIoU.standardError.contains("--iou must be above 0 and at most 1"))
    }

    @Test func statsSaysWhoRatedWhatAndOneAgreementLinePerKind() throws {
        let folder = dataset()
        let stats = ProcessRunner.run(termlabel, ["stats", "."], currentDirectory: folder.path)
        #expect(stats.status == 0)
        #expect(stats.standardOutput.contains("  ana  rated 3  items 3  annotations 4  done 1  flagged 0"), "\(stats.standardOutput)")
        #expect(stats.standardOutput.hasSuffix("""
        agreement (termlabel agree for the details)
          classes  Krippendorff's alpha 0.545, percent agreement 0.667 over 3 items rated by two or more
          spans    F1 exact 0.500, overlap 1.000 over 1 pair of annotators

        """), "\(stats.standardOutput)")
    }
}

/// `:export` in the editor and `termlabel export` are one export: the same bytes.
@Suite struct EditorExportMatchesTheCommandLineTests {
    let termlabel = BuiltProducts.executable("termlabel")

    @Test func spacyAndBILOUFromTheEditorEqualTheCommandLine() throws {
        let folder = AgreementEndToEndTests().dataset()
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path]), environment: [:])
        let hook = ExportRun.editorHook(dataset: dataset, home: nil)
        for (typed, arguments) in [("spacy", ["--format", "spacy"]), ("bilou", ["--format", "conll", "--scheme", "bilou"])] {
            let message = try hook(typed, folder.url("editor-\(typed)"))
            #expect(message.hasPrefix("exported"), "\(message)")
            let cli = ProcessRunner.run(termlabel, ["export"] + arguments + ["-o", "cli-\(typed)", "."], currentDirectory: folder.path)
            #expect(cli.status == 0, "\(cli.standardError)")
            #expect(folder.read("editor-\(typed)") == folder.read("cli-\(typed)") && folder.read("cli-\(typed)")?.isEmpty == false, "\(typed)")
        }
        #expect(folder.text("editor-bilou")?.contains("U-PER") == true, "BILOU tags, not IOB2")
    }
}
