import LabelAssist
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// `termlabel suggest`'s protocol against a fixture model: one that answers, one that is slow,
/// one that crashes and one that answers garbage; each failure costs only its own item.
@Suite(.enabled(if: RequiredTools.program("python3"))) struct SuggestRunTests {
    /// A model in Python: a box on pictures, a class on everything, a span on "Paris"; it
    /// misbehaves on the item whose path names `trouble` as `mode` says.
    static let model = """
    import json, sys, time
    mode, trouble = sys.argv[1], sys.argv[2]
    for line in sys.stdin:
        item = json.loads(line)
        if trouble in item["path"] + "#" + str(item["record"]):
            if mode == "slow": time.sleep(5)
            if mode == "crash": sys.exit(3)
            if mode == "garbage":
                print("not json at all", flush=True)
                continue
            if mode == "error":
                print(json.dumps({"error": "cannot see a thing"}), flush=True)
                continue
        out = [{"type": "class", "label": "outdoor", "score": 0.7}]
        if item["kind"] == "image":
            out.append({"type": "box", "label": "cat", "x": 2.5, "y": 3, "width": 10, "height": 8, "score": 0.91})
            out.append({"type": "box", "label": "unicorn", "x": 1, "y": 1, "width": 2, "height": 2})
        elif "Paris" in item["text"]:
            start = item["text"].index("Paris")
            out.append({"type": "span", "label": "LOC", "start": start, "end": start + 5, "score": 0.88})
        print(json.dumps({"annotations": out}), flush=True)
    """

    func project() throws -> (TemporaryDirectory, Dataset) {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[text]\nrecords = \"lines\"\n[classes]\nlabels = [\"outdoor\", \"indoor\"]\n[boxes]\nlabels = [\"cat\"]\n[spans]\nlabels = [\"LOC\"]\n")
        for name in ["a.png", "b.png", "c.png"] {
            try PNGEncoder.write(PixelImage(width: 32, height: 24, pixels: [UInt8](repeating: 90, count: 32 * 24 * 4)), to: folder.url(name))
        }
        folder.write("t.txt", "Ada went to Paris\nNothing here\n")
        folder.write("model.py", Self.model)
        return (folder, try Dataset.open(OpenOptions(paths: [folder.path], annotator: "ana")))
    }

    func run(_ folder: TemporaryDirectory, _ dataset: Dataset, mode: String = "none", trouble: String = "-", redo: Bool = false, timeout: Double = 5) -> SuggestRun.Report {
        let store = SidecarStore(locator: dataset.locator)
        let model = ModelProcess(command: "python3 \(folder.url("model.py")) \(mode) '\(trouble)'")
        defer { model.stop() }
        return SuggestRun(dataset: dataset, store: store, options: SuggestRun.Options(source: "fixture", redo: redo, timeout: timeout)).run(model: model)
    }

    func suggestions(_ folder: TemporaryDirectory, _ name: String) throws -> [Annotation] {
        guard let bytes = folder.read(name + ".labels.json") else { return [] }
        return try SidecarCodec.decode(bytes, file: name).annotations.filter(\.isSuggestion)
    }

    @Test func everyItemGetsItsSuggestionsWithSourceAndScore() throws {
        let (folder, dataset) = try project()
        let report = run(folder, dataset)
        #expect(report.asked == 5 && report.suggested == 3 * 2 + 2 + 1, "\(report)")
        #expect(report.problems.filter { $0.contains("unicorn") }.count == 3, "unknown labels are named, not saved")
        let a = try suggestions(folder, "a.png")
        let box = try #require(a.first { $0.box != nil })
        #expect(box.label == "cat" && box.score == 0.91 && box.source == "fixture" && box.box?.precise == ExactBox(x: 2.5, y: 3, width: 10, height: 8))
        let spans = try suggestions(folder, "t.txt").filter { $0.span != nil }
        #expect(spans.map { "\($0.record ?? -1) \($0.span?.text ?? "")" } == ["0 Paris"])
        // Asked again, the items that hold suggestions from this source are skipped; with redo
        // theirs are replaced, not doubled.
        #expect(run(folder, dataset).skipped == 5)
        _ = run(folder, dataset, redo: true)
        #expect(try suggestions(folder, "a.png").count == 2)
    }

    @Test(arguments: ["slow", "crash", "garbage", "error"])
    func aModelThatFailsCostsOnlyItsItem(mode: String) throws {
        let (folder, dataset) = try project()
        let report = run(folder, dataset, mode: mode, trouble: "b.png", timeout: 1)
        #expect(report.problems.contains { $0.hasPrefix("b.png: ") }, "\(report.problems)")
        #expect(try suggestions(folder, "b.png").isEmpty)
        #expect(try suggestions(folder, "a.png").count == 2 && suggestions(folder, "c.png").count == 2, "the items after it are answered")
        #expect(try suggestions(folder, "t.txt").count == 3)
        let expected = ["slow": "no answer within 1 s", "crash": "exited with status 3", "garbage": "not JSON", "error": "the model says: cannot see a thing"][mode] ?? "?"
        #expect(report.problems.contains { $0.contains(expected) }, "\(report.problems)")
    }
}
