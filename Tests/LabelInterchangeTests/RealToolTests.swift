import LabelCore
import LabelDataset
import LabelStore
import LabelInterchange
import TestSupport
import Testing

/// The tools people train with read what we write: pycocotools, labelme, spaCy, seqeval and
/// Label Studio's converter, run in Python on our exports. (Skipped on a machine without
/// them; CI installs them and fails instead of skipping.)
@Suite struct RealToolTests {
    @Test(.enabled(if: RequiredTools.python("pycocotools")))
    func pycocotoolsLoadsOurBoxes() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let (_, path) = try fixture.export(.coco, into: output, name: "coco.json")
        let printed = try PythonScript.run("""
        import sys
        from pycocotools.coco import COCO
        coco = COCO(sys.argv[1])
        for image in coco.loadImgs(coco.getImgIds()):
            for annotation in coco.loadAnns(coco.getAnnIds(imgIds=[image["id"]])):
                name = coco.loadCats([annotation["category_id"]])[0]["name"]
                print(image["file_name"], image["width"], image["height"], name, [int(v) for v in annotation["bbox"]], annotation["area"])
        """, [path])
        #expect(printed.split(separator: "\n").filter { !$0.hasPrefix("loading") && !$0.hasPrefix("Done") && !$0.hasPrefix("creating") && !$0.hasPrefix("index") } == [
            "data/a.png 64 48 cat [2, 3, 20, 10] 200",
            "data/a.png 64 48 dog [30, 5, 30, 40] 1200",
            "data/sub/b.png 100 80 dog [0, 0, 100, 80] 8000",
        ])
    }

    /// Ultralytics finds a picture's labels by its path rule (`img2label_paths`: the last
    /// `/images/` becomes `/labels/`, the extension `.txt`), starting from data.yaml's path and
    /// train folder; the rule is written out here as Ultralytics has it (the package needs torch).
    @Test(.enabled(if: RequiredTools.python("yaml")))
    func ultralyticsPathRuleFindsEveryExportedLabel() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let (report, folder) = try fixture.export(.yolo, into: output, name: "yolo")
        #expect(report.items == 3)
        let printed = try PythonScript.run("""
        import os, sys, glob, yaml
        from PIL import Image
        data = yaml.safe_load(open(os.path.join(sys.argv[1], "data.yaml")))
        images = os.path.join(data["path"], data["train"])
        sa, sb = f"{os.sep}images{os.sep}", f"{os.sep}labels{os.sep}"
        for image in sorted(glob.glob(os.path.join(images, "**", "*.*"), recursive=True)):
            label = sb.join(image.rsplit(sa, 1)).rsplit(".", 1)[0] + ".txt"
            size = Image.open(image).size
            lines = open(label).read().splitlines()
            print(os.path.relpath(image, images), size, len(lines), [data["names"][int(line.split()[0])] for line in lines])
        """, [folder])
        #expect(printed == """
        data/a.png (64, 48) 2 ['cat', 'dog']
        data/c.png (30, 30) 0 []
        data/sub/b.png (100, 80) 1 ['dog']

        """)
        let again = try fixture.export(.yolo, into: output, name: "yolo", replacesExisting: true)
        #expect(again.0.items == 3, "exporting again over the same folder keeps the links")
    }

    /// A detector's results file (734 boxes in fractions of a pixel, category ids with gaps)
    /// imported and exported again scores AP 1.0 against itself in COCOeval: nothing moved.
    @Test(.enabled(if: RequiredTools.python("pycocotools")))
    func detectorResultsRoundTripScoresAPOne() throws {
        let folder = TemporaryDirectory()
        try PythonScript.run("""
        import json, os, random, sys
        from PIL import Image
        root = sys.argv[1]
        random.seed(14)
        os.makedirs(os.path.join(root, "data", "val"), exist_ok=True)
        images, results = [], []
        for number in range(1, 13):
            width, height = random.randint(200, 640), random.randint(150, 480)
            name = f"val/{number:012d}.jpg"
            Image.new("RGB", (width, height), (number * 9, 90, 160)).save(os.path.join(root, "data", name))
            images.append({"id": 100 + number, "file_name": name, "width": width, "height": height})
        categories = [{"id": i, "name": n, "supercategory": ""} for i, n in [(1, "person"), (3, "car"), (18, "dog"), (90, "toothbrush")]]
        for count in range(734):
            image = random.choice(images)
            w, h = random.uniform(0.3, image["width"] / 2), random.uniform(0.3, image["height"] / 2)
            x, y = random.uniform(0, image["width"] - w), random.uniform(0, image["height"] - h)
            results.append({"image_id": image["id"], "category_id": random.choice([1, 3, 18]), "bbox": [x, y, w, h],
                            "score": round(random.uniform(0.05, 1), 3)})
        json.dump({"images": images, "categories": categories, "annotations": []}, open(os.path.join(root, "truth.json"), "w"))
        json.dump(results, open(os.path.join(root, "results.json"), "w"))
        """, [folder.path])
        let dataset = try InterchangeFixture.dataset(folder)
        let importer = Importer(dataset: dataset, store: SidecarStore(locator: dataset.locator), identifiers: CountingIdentifiers(prefix: "d"))
        let report = try importer.run(folder.url("results.json"), format: .coco,
                                      options: ImportOptions(author: "ana", time: "2026-12-01T10:00:00Z", cocoImages: folder.url("truth.json")))
        #expect(report.imported == 734 && report.suggestions == 734 && report.problems.isEmpty && report.clipped == 0, "\(report.summary) \(report.problems.prefix(3))")
        _ = report.addNewLabels(to: dataset, fileSystem: POSIXFileSystem())
        let reopened = try InterchangeFixture.dataset(folder)
        let sink = ExportSink(.file(folder.url("exported.json")))
        _ = try Exporter.export(reopened, store: SidecarStore(locator: reopened.locator), format: .coco, options: ExportOptions(includeSuggestions: true), to: sink)
        let printed = try PythonScript.run("""
        import contextlib, io, json, sys
        from pycocotools.coco import COCO
        from pycocotools.cocoeval import COCOeval
        truth, results = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
        exported = json.load(open(sys.argv[3]))
        # The original results as ground truth; the export (its own image ids) as detections.
        for number, result in enumerate(results, 1):
            result.update(id=number, area=result["bbox"][2] * result["bbox"][3], iscrowd=0)
        truth["annotations"] = results
        ids = {image["file_name"]: image["id"] for image in truth["images"]}
        names = {image["id"]: image["file_name"] for image in exported["images"]}
        detections = [dict(image_id=ids[names[a["image_id"]]], category_id=a["category_id"], bbox=a["bbox"], score=a["score"])
                      for a in exported["annotations"]]
        exact = sorted(map(json.dumps, ((ids[names[a["image_id"]]], a["category_id"], a["bbox"]) for a in exported["annotations"])))
        original = sorted(map(json.dumps, ((r["image_id"], r["category_id"], r["bbox"]) for r in results)))
        with contextlib.redirect_stdout(io.StringIO()):
            ground = COCO(); ground.dataset = truth; ground.createIndex()
            evaluation = COCOeval(ground, ground.loadRes(detections), "bbox")
            evaluation.evaluate(); evaluation.accumulate(); evaluation.summarize()
        print(len(detections), exact == original, sorted(c["id"] for c in exported["categories"]), round(evaluation.stats[0], 6))
        """, [folder.url("truth.json"), folder.url("results.json"), folder.url("exported.json")])
        #expect(printed == "734 True [1, 3, 18, 90] 1.0\n", "count, every box bit for bit, category ids, AP")
    }

    @Test(.enabled(if: RequiredTools.python("labelme")))
    func labelmeLoadsEveryFileWithItsPicture() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let (report, folder) = try fixture.export(.labelme, into: output, name: "labelme")
        #expect(report.files.count == 3)
        let printed = try PythonScript.run("""
        import sys, glob, os
        try:
            from labelme._label_file import LabelFile  # labelme 6
        except ImportError:
            from labelme.label_file import LabelFile  # labelme 5
        for path in sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.json"), recursive=True)):
            label_file = LabelFile(path)
            assert label_file.imageData, path
            shapes = [(s["label"], s["shape_type"], [[int(v) for v in p] for p in s["points"]]) for s in label_file.shapes]
            print(os.path.relpath(path, sys.argv[1]), sorted(k for k, v in label_file.flags.items() if v), shapes)
        """, [folder])
        #expect(printed == """
        data/a.json ['indoor'] [('cat', 'rectangle', [[2, 3], [22, 13]]), ('dog', 'rectangle', [[30, 5], [60, 45]])]
        data/c.json [] []
        data/sub/b.json [] [('dog', 'rectangle', [[0, 0], [100, 80]])]

        """)
    }

    @Test(.enabled(if: RequiredTools.python("spacy")))
    func spacyAcceptsEverySpan() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let (_, path) = try fixture.export(.spacy, options: ExportOptions(includeSuggestions: true), into: output, name: "spans.jsonl")
        let printed = try PythonScript.run("""
        import sys, json, spacy
        from spacy.tokens import Doc
        nlp = spacy.blank("xx")
        for line in open(sys.argv[1], encoding="utf-8"):
            task = json.loads(line)
            made = nlp.make_doc(task["text"])
            words = Doc(nlp.vocab, words=[t["text"] for t in task["tokens"]], spaces=[t["ws"] for t in task["tokens"]])
            assert words.text == task["text"], (words.text, task["text"])
            for span in task["spans"]:
                for doc in (made, words):
                    found = doc.char_span(span["start"], span["end"], label=span["label"])
                    assert found is not None, (task["text"], span)
                print(found.label_, found.text)
        """, [path])
        #expect(printed == "PER Ana Smith\nLOC São Paulo\nPER Bo\nPER Ana\nLOC New York\n")
    }

    /// Line breaks, runs of spaces, tabs and leading blanks survive: spaCy rebuilds every
    /// exported text from its tokens exactly (issue 14).
    @Test(.enabled(if: RequiredTools.python("spacy")))
    func spacyRebuildsTextsWithNewlinesAndRunsOfSpaces() throws {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[spans]\nlabels = [\"PER\"]\n")
        let text = "  Ana  met Bo.\nThey left.\n\n\tEnd !  "
        folder.write("t.txt", text)
        folder.write("t.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "t.txt", kind: .text, annotations: [Make.span("s", "PER", 2, 5, "Ana")])))
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path]), environment: [:])
        let output = TemporaryDirectory()
        let sink = ExportSink(.file(output.url("out.jsonl")))
        _ = try Exporter.export(dataset, store: SidecarStore(locator: dataset.locator), format: .spacy, options: ExportOptions(), to: sink)
        let printed = try PythonScript.run("""
        import sys, json, spacy
        from spacy.tokens import Doc
        nlp = spacy.blank("xx")
        for line in open(sys.argv[1], encoding="utf-8"):
            task = json.loads(line)
            doc = Doc(nlp.vocab, words=[t["text"] for t in task["tokens"]], spaces=[t["ws"] for t in task["tokens"]])
            assert doc.text == task["text"], (doc.text, task["text"])
            print(doc.char_span(2, 5).text, len(doc))
        """, [output.url("out.jsonl")])
        #expect(printed.hasPrefix("Ana "), "\(printed)")
    }

    @Test(.enabled(if: RequiredTools.python("seqeval")), arguments: [TagScheme.iob2, .bilou])
    func seqevalScoresTheCoNLLFileAgainstItselfAtOne(_ scheme: TagScheme) throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        let (_, path) = try fixture.export(.conll, options: ExportOptions(scheme: scheme), into: output, name: "tags.conll")
        let printed = try PythonScript.run("""
        import sys
        from seqeval.metrics import f1_score, classification_report
        from seqeval.scheme import IOB2, BILOU
        sentences, current = [], []
        for line in open(sys.argv[1], encoding="utf-8"):
            line = line.rstrip("\\n")
            if not line:
                if current: sentences.append(current)
                current = []
            elif not line.startswith("-DOCSTART-"):
                current.append(line.rsplit(" ", 1)[1])
        scheme = BILOU if sys.argv[2] == "bilou" else IOB2
        print(len(sentences), sum(len(s) for s in sentences))
        print(f1_score(sentences, sentences, mode="strict", scheme=scheme))
        report = classification_report(sentences, sentences, mode="strict", scheme=scheme, output_dict=True)
        print(sorted(k for k in report if k.isupper()), int(report["micro avg"]["support"]))
        """, [path, scheme.rawValue])
        #expect(printed == "3 18\n1.0\n['LOC', 'PER'] 4\n")
    }

    @Test(.enabled(if: RequiredTools.python("label_studio_converter")))
    func labelStudiosConverterMakesTheSameBoxes() throws {
        let fixture = try InterchangeFixture()
        let output = TemporaryDirectory()
        // A picture-only dataset: a Label Studio project has one kind of data.
        #expect(unlink(fixture.folder.url("data/notes.txt.labels.json")) == 0 && unlink(fixture.folder.url("data/notes.txt")) == 0)
        let (_, path) = try fixture.export(.labelstudio, into: output, name: "ls/tasks.json")
        #expect(output.exists("ls/labelstudio.xml"))
        let printed = try PythonScript.run("""
        import sys, os, json, logging
        logging.disable(logging.CRITICAL)
        from label_studio_converter import Converter
        folder = os.path.dirname(sys.argv[1])
        converter = Converter(config=os.path.join(folder, "labelstudio.xml"), project_dir=None, download_resources=False)
        converter.convert_to_coco(input_data=sys.argv[1], output_dir=os.path.join(folder, "coco"), is_dir=False)
        coco = json.load(open(os.path.join(folder, "coco", "result.json")))
        names = {c["id"]: c["name"] for c in coco["categories"]}
        images = {i["id"]: i for i in coco["images"]}
        for a in sorted(coco["annotations"], key=lambda a: (images[a["image_id"]]["file_name"], a["bbox"])):
            image = images[a["image_id"]]
            print(os.path.basename(image["file_name"]), image["width"], image["height"], names[a["category_id"]], [round(v, 6) for v in a["bbox"]])
        """, [path])
        #expect(printed.split(separator: "\n").filter { !$0.isEmpty && !$0.contains("No annotations") && !$0.contains("Unknown label") } == [
            "a.png 64 48 cat [2.0, 3.0, 20.0, 10.0]",
            "a.png 64 48 dog [30.0, 5.0, 30.0, 40.0]",
            "b.png 100 80 dog [0.0, 0.0, 100.0, 80.0]",
        ])
    }
}

#if canImport(Glibc)
import Glibc
#endif
