import Foundation
import LabelCore
import TestSupport
import Testing

/// `termlabel export`, `termlabel import` and `:export` on the real binary: output, messages,
/// exit status and the sidecars on disk.
@Suite(.enabled(if: RequiredTools.python("PIL"))) struct InterchangeEndToEndTests {
    let termlabel = BuiltProducts.executable("termlabel")

    /// Two pictures (64×48 and 100×80) in `shots/`, the first with two boxes and a class.
    func dataset(labeled: Bool = true) throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        try PythonScript.run("""
        import os
        from PIL import Image
        os.makedirs("shots", exist_ok=True)
        Image.new("RGB", (64, 48), (200, 30, 30)).save("shots/a.png")
        Image.new("RGB", (100, 80), (30, 30, 200)).save("shots/b.jpg")
        """, currentDirectory: folder.path)
        folder.write("termlabel.toml", "[boxes]\nlabels = [\"cat\", \"dog\"]\n")
        if labeled {
            folder.write("shots/a.png.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 64, height: 48), annotations: [
                Make.box("k1", "cat", 2, 3, 20, 10, author: "ana"), Make.box("k2", "dog", 30, 5, 30, 40, author: "bo"),
                Make.classification("k3", "indoor", author: "ana"),
            ])))
        }
        return folder
    }

    @Test func exportWritesStandardOutputOrFilesAndSaysWhatItDid() throws {
        let folder = try dataset()
        let coco = ProcessRunner.run(termlabel, ["export", "--format", "coco", "shots"], currentDirectory: folder.path)
        #expect(coco.status == 0, "\(coco.standardError)")
        #expect(coco.standardError == "exported 3 annotations of 1 item to standard output\n")
        let parsed = try JSONParser.parse(Array(coco.standardOutput.utf8))
        #expect(parsed.objectValue?["annotations"]?.arrayValue?.count == 2)

        let noFolder = ProcessRunner.run(termlabel, ["export", "--format", "yolo", "shots"], currentDirectory: folder.path)
        #expect(noFolder.status == 1)
        #expect(noFolder.standardError == "error: yolo writes a folder of files; name it with -o DIR\n")

        let yolo = ProcessRunner.run(termlabel, ["export", "--format", "yolo", "-o", "out", "shots"], currentDirectory: folder.path)
        #expect(yolo.status == 0, "\(yolo.standardError)")
        #expect(folder.text("out/labels/shots/a.txt") == "0 0.187500 0.166667 0.312500 0.208333\n1 0.703125 0.520833 0.468750 0.833333\n")
        #expect(folder.text("out/data.yaml")?.contains("  0: \"cat\"\n  1: \"dog\"\n") == true)

        let unknown = ProcessRunner.run(termlabel, ["export", "--format", "tfrecord", "shots"], currentDirectory: folder.path)
        #expect(unknown.status == 1 && unknown.standardError.hasPrefix("error: unknown format tfrecord (formats: coco, yolo, voc,"))
    }

    @Test func importAddsOnceReportsMismatchesAndLeavesTheRest() throws {
        let source = try dataset()
        let exported = ProcessRunner.run(termlabel, ["export", "--format", "coco", "-o", "coco.json", "shots"], currentDirectory: source.path)
        #expect(exported.status == 0)
        let target = try dataset(labeled: false)
        target.write("coco.json", source.text("coco.json") ?? "")

        let first = ProcessRunner.run(termlabel, ["import", "--format", "coco", "--annotator", "cy", "coco.json"], currentDirectory: target.path)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput == "imported 3 annotations (0 suggestions) into 1 file; 0 already there; 0 skipped\n")
        #expect(first.standardError.contains("added classes indoor to "), "the imported class becomes a project label")
        let sidecar = try SidecarCodec.decode(target.read("shots/a.png.labels.json") ?? [], file: "a.png.labels.json")
        #expect(sidecar.annotations.compactMap(\.box) == [BoxGeometry(x: 2, y: 3, width: 20, height: 10), BoxGeometry(x: 30, y: 5, width: 30, height: 40)])
        #expect(sidecar.annotations.map { $0.author ?? "" }.sorted() == ["ana", "ana", "bo"], "authors named by the file are kept")

        let again = ProcessRunner.run(termlabel, ["import", "--format", "coco", "coco.json"], currentDirectory: target.path)
        #expect(again.standardOutput == "imported 0 annotations (0 suggestions) into 0 files; 3 already there; 0 skipped\n")

        target.write("bad.json", """
        {"images": [{"id": 1, "file_name": "shots/b.jpg"}, {"id": 2, "file_name": "gone.png"}], "categories": [{"id": 1, "name": "dog"}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [110, 70, 20, 20]},
                         {"id": 2, "image_id": 1, "category_id": 1, "bbox": [10, 10, 20, 20], "score": 0.5},
                         {"id": 3, "image_id": 2, "category_id": 1, "bbox": [1, 1, 2, 2]}]}
        """)
        let mixed = ProcessRunner.run(termlabel, ["import", "--format", "coco", "bad.json"], currentDirectory: target.path)
        #expect(mixed.status == 1)
        #expect(mixed.standardError == """
        bad.json: shots/b.jpg: dog: the box 110,70–130,90 is outside the 100×80 image; skipped
        bad.json: gone.png: no such item in the dataset; skipped
        note: termlabel.toml lists the boxes label "dog" without an id, so exports number it 2, not 1 as the source does: add id = 1 to keep it
        error: 2 things skipped (listed above); the rest was imported

        """)
        #expect(mixed.standardOutput == "imported 1 annotation (1 suggestion) into 1 file; 0 already there; 2 skipped\n")
    }

    @Test(.enabled(if: RequiredTools.program("tmux")))
    func colonExportFromTheEditor() throws {
        let folder = try dataset()
        let tmux = try TmuxSession("\(termlabel) --annotator ana shots", columns: 100, rows: 30,
                                   environment: ["TERM": "tmux-256color", "NO_COLOR": "", "XDG_STATE_HOME": folder.url("state")],
                                   directory: folder.path)
        #expect(tmux.waitFor("a.png"))
        tmux.type(":export voc voc-out")
        tmux.send("Enter")
        #expect(tmux.waitFor("exported 2 annotations of 1 item to \(folder.url("voc-out")) (1 file)"), "\(tmux.capture())")
        #expect(folder.text("voc-out/Annotations/shots/a.xml")?.contains("<xmin>3</xmin><ymin>4</ymin><xmax>22</xmax><ymax>13</ymax>") == true)
        tmux.type(":export tfrecord x")
        tmux.send("Enter")
        #expect(tmux.waitFor("unknown format tfrecord"))
        tmux.type(":export yolo -")
        tmux.send("Enter")
        #expect(tmux.waitFor("standard output is the screen here"))
        tmux.type(":q")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    /// A labelme export to a relative -o points each JSON at its picture (the path once lost its
    /// leading slash and gained "../"), and labelme's own loader finds the picture.
    @Test func labelmeExportToARelativeFolderPointsAtThePictures() throws {
        let folder = try dataset()
        let result = ProcessRunner.run(termlabel, ["export", "--format", "labelme", "-o", "lm", "shots"], currentDirectory: folder.path)
        #expect(result.status == 0, "\(result.standardError)")
        let text = try #require(folder.text("lm/shots/a.json"))
        let json = try #require(try JSONParser.parse(text).objectValue)
        let imagePath = try #require(json["imagePath"]?.stringValue)
        #expect(imagePath == "../../shots/a.png")
        #expect(FileManager.default.fileExists(atPath: folder.url("lm/shots/" + imagePath)))
    }

    /// `:export conll --scheme bilou FILE` in the editor writes what the command line writes.
    @Test(.enabled(if: RequiredTools.program("tmux")))
    func colonExportBILOUEqualsTheCommandLine() throws {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[spans]\nlabels = [\"PER\"]\n")
        folder.write("t.txt", "Ada Lovelace met Charles Babbage.\n")
        folder.write("t.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "t.txt", kind: .text, annotations: [
            Make.span("s1", "PER", 0, 12, "Ada Lovelace"), Make.span("s2", "PER", 17, 32, "Charles Babbage")])))
        let cli = ProcessRunner.run(termlabel, ["export", "--format", "conll", "--scheme", "bilou", "t.txt"], currentDirectory: folder.path)
        #expect(cli.standardOutput.contains("Lovelace L-PER"))
        let tmux = try TmuxSession("\(termlabel) --annotator ana t.txt", columns: 100, rows: 30,
                                   environment: ["TERM": "tmux-256color", "NO_COLOR": "", "XDG_STATE_HOME": folder.url("state")],
                                   directory: folder.path)
        #expect(tmux.waitFor("NORMAL"))
        tmux.type(":export conll --scheme bilou out.conll")
        tmux.send("Enter")
        #expect(tmux.waitUntil { folder.exists("out.conll") })
        #expect(folder.text("out.conll") == cli.standardOutput)
        tmux.type(":q")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }
}
