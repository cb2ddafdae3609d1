import Foundation
import LabelCore
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The team workflow of DESIGN §6b and §9 on the real binary in tmux (issue 18): three
/// annotators label 12 pictures, two per picture, blind; `agree` measures them; `adjudicate`
/// settles the agreeing pictures; REVIEW visits exactly the disagreeing ones in order, adopting
/// one class on each; the reviewer's export holds one label per picture (read by pycocotools).
@Suite(.serialized) struct TeamWorkflowTests {
    let termlabel = BuiltProducts.executable("termlabel")
    static let toolsPresent = RequiredTools.program("tmux") && RequiredTools.python("PIL") && RequiredTools.python("pycocotools")

    /// Picture N's true class: odd pictures are cats, even ones dogs. cy always says cat.
    static func answer(_ picture: Int, by annotator: String) -> String {
        annotator == "cy" ? "cat" : picture % 2 == 1 ? "cat" : "dog"
    }

    func session(_ root: TemporaryDirectory, _ command: String) throws -> TmuxSession {
        try TmuxSession("\(termlabel) \(command) \(root.url("project"))", columns: 110, rows: 30,
                        environment: ["TERM": "tmux-256color", "XDG_STATE_HOME": root.url("state"), "NO_COLOR": "1", "COLORTERM": ""])
    }

    @Test(.enabled(if: toolsPresent))
    func threeAnnotatorsBlindThenAdjudicationThenReviewThenExport() throws {
        let root = TemporaryDirectory()
        root.write("project/termlabel.toml", """
        [project]
        blind = true
        reviewers = ["rev"]
        [classes]
        advance = true
        labels = ["cat", "dog"]
        """)
        try PythonScript.run("""
        import sys
        from PIL import Image
        for n in range(1, 13):
            Image.new("RGB", (24, 16), (20 * n, 90, 160)).save(f"{sys.argv[1]}/p{n:02d}.png")
        """, [root.url("project")])

        // Deal the pictures out: each to two of the three.
        let assign = ProcessRunner.run(termlabel, ["assign", root.url("project"), "--annotators", "ana,bo,cy", "--per-item", "2", "--seed", "7"])
        #expect(assign.status == 0, "\(assign.standardError)")
        #expect(assign.standardOutput.contains("dealt 12 new items (12 in all), each to 2: ana 8, bo 8, cy 8"), "\(assign.standardOutput)")
        let dealt = try Assignments.decode(try #require(root.read("project/" + Assignments.fileName)), file: Assignments.fileName)

        // Each annotator labels their eight pictures by keys: blind, so nobody sees another's class.
        for person in ["ana", "bo", "cy"] {
            let mine = (1...12).filter { dealt.annotators(of: String(format: "p%02d.png", $0))?.contains(person) == true }
            let tmux = try session(root, "--annotator \(person)")
            #expect(tmux.waitFor("1/8"), "\(person) walks only the 8 pictures dealt to them: \(tmux.capture())")
            #expect(!tmux.capture().contains("annotators"), "blind: no agreement line about others")
            tmux.send("c")
            #expect(tmux.waitFor("CLASS"))
            for picture in mine {
                tmux.send(Self.answer(picture, by: person) == "cat" ? "1" : "2")
                usleep(80_000)
            }
            #expect(tmux.waitFor("labeled 8 (100%)"), "\(person): \(tmux.capture())")
            tmux.send("Escape", ":", "q", "Enter")
            #expect(tmux.waitFor("EXIT=0"))
        }

        let stats = ProcessRunner.run(termlabel, ["stats", root.url("project")])
        #expect(stats.standardOutput.contains("ana  8/8 (100%)") && stats.standardOutput.contains("cy   8/8 (100%)"), "\(stats.standardOutput)")
        let agree = ProcessRunner.run(termlabel, ["agree", root.url("project"), "--json"])
        #expect(agree.status == 0 && agree.standardOutput.contains("\"krippendorff_alpha\""), "\(agree.standardOutput)")

        // Adjudication settles every picture the two agree on; the others wait, in order.
        let disagreeing = (1...12).filter { picture in
            let people = dealt.annotators(of: String(format: "p%02d.png", picture)) ?? []
            return Set(people.map { Self.answer(picture, by: $0) }).count > 1
        }
        #expect(!disagreeing.isEmpty && disagreeing.count < 12)
        let adjudicate = ProcessRunner.run(termlabel, ["adjudicate", root.url("project"), "--as", "rev"])
        #expect(adjudicate.status == 0, "\(adjudicate.standardError)")
        #expect(adjudicate.standardOutput.contains("settled \(12 - disagreeing.count) items") && adjudicate.standardOutput.contains("\(disagreeing.count) wait for review"),
                "\(adjudicate.standardOutput)")

        // REVIEW: `}` from the first picture visits exactly the disagreeing ones, in order.
        let tmux = try session(root, "review --annotator rev")
        #expect(tmux.waitFor("REVIEW"), "\(tmux.capture())")
        tmux.send("}")
        for picture in disagreeing {
            let name = String(format: "p%02d.png", picture)
            #expect(tmux.waitFor("annotators differ here") && tmux.waitFor(name), "expected \(name): \(tmux.capture())")
            // Select the class that is not cy's and adopt it.
            // On arrival the message says they differ; after Tab it names the selected class.
            tmux.send("Tab")
            #expect(tmux.waitFor("1/2: class"), "\(tmux.capture())")
            if tmux.capture().contains("1/2: class cat by cy") {
                tmux.send("Tab")
                #expect(tmux.waitFor("2/2: class dog by"), "\(tmux.capture())")
            }
            tmux.send("a")
            #expect(tmux.waitFor("adopted class dog"))
            tmux.send("Enter")
        }
        #expect(tmux.waitFor("no item after this one waits for review"), "\(tmux.capture())")
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))

        // The reviewer's export: one class per picture, the true one.
        let export = ProcessRunner.run(termlabel, ["export", root.url("project"), "--format", "coco", "--annotator", "rev", "-o", root.url("rev.json")])
        #expect(export.status == 0, "\(export.standardError)")
        let checked = try PythonScript.run("""
        import json, sys
        from pycocotools.coco import COCO
        coco = COCO(sys.argv[1])
        names = {image["id"]: image["file_name"] for image in coco.dataset["images"]}
        labels = {}
        for entry in json.load(open(sys.argv[1]))["termlabel_classes"]:
            labels.setdefault(names[entry["image_id"]], []).append(entry["label"])
        print(len(coco.getImgIds()), " ".join(f"{name}={','.join(labels[name])}" for name in sorted(labels)))
        """, [root.url("rev.json")])
        let expected = (1...12).map { String(format: "p%02d.png=", $0) + ($0 % 2 == 1 ? "cat" : "dog") }.joined(separator: " ")
        // pycocotools says what it loads on standard output first; the answer is the last line.
        #expect(checked.split(separator: "\n").last.map(String.init) == "12 " + expected, "\(checked)")
    }
}

/// The README's "Several annotators" commands, run as written in a terminal.
@Suite struct TeamReadmeTests {
    let termlabel = BuiltProducts.executable("termlabel")

    @Test(.enabled(if: TeamWorkflowTests.toolsPresent))
    func theSixCommandsOfTheReadmeWork() throws {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOfFile: package.appendingPathComponent("README.md").path, encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Several annotators").dropFirst().first?.components(separatedBy: "\n## ").first)
        let toml = try #require(section.components(separatedBy: "```toml\n").dropFirst().first?.components(separatedBy: "```").first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let commands = block.split(separator: "\n").map(String.init)
        #expect(commands.count == 6, "\(commands)")

        let root = TemporaryDirectory()
        root.write("termlabel.toml", toml + "[classes]\nlabels = [\"cat\", \"dog\"]\n")
        try PythonScript.run("""
        import sys
        from PIL import Image
        for n in range(6):
            Image.new("RGB", (24, 16), (40 * n, 90, 160)).save(f"{sys.argv[1]}/p{n}.png")
        """, [{ root.write("pictures/.keep", ""); return root.url("pictures") }()])
        // bo and cy labeled already: they agree on p0 and differ on p1.
        for (picture, bo, cy) in [("p0.png", "cat", "cat"), ("p1.png", "cat", "dog")] {
            root.write("pictures/\(picture).labels.json", bytes: SidecarCodec.encode(Sidecar(file: picture, kind: .image, annotations: [
                Annotation(id: "b", shape: .classification, label: bo, author: "bo"), Annotation(id: "c", shape: .classification, label: cy, author: "cy"),
            ])))
        }
        let products = String(termlabel.dropLast("/termlabel".count))
        let tmux = try TmuxSession(commands.joined(separator: " && "), columns: 100, rows: 30, environment: [
            "PATH": products + ":/usr/local/bin:/usr/bin:/bin", "TERM": "xterm-256color", "HOME": root.path, "XDG_STATE_HOME": root.url("state"),
        ], directory: root.path)
        #expect(tmux.waitFor("NORMAL", seconds: 30), "ana's session: \(tmux.capture())")
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("REVIEW", seconds: 30), "the reviewer's session: \(tmux.capture())")
        tmux.send("Tab", "a", "Enter", ":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0", seconds: 30), "\(tmux.capture())")
        #expect(root.read(Assignments.fileName) != nil)
        let consensus = try #require(root.read("consensus.json"), "\(tmux.capture())")
        let text = String(decoding: consensus, as: UTF8.self)
        #expect(text.contains("\"author\":\"rev\""), "the reviewer's labels were exported")
    }
}

/// The README's model: OpenCV's face detector through `termlabel suggest`, as written, on
/// scikit-image's astronaut; the suggestion is accepted with `a` in the editor and exported.
@Suite struct SuggestReadmeTests {
    let termlabel = BuiltProducts.executable("termlabel")
    static let toolsPresent = RequiredTools.program("tmux") && RequiredTools.python("cv2") && RequiredTools.python("skimage") && RequiredTools.python("pycocotools")

    @Test(.enabled(if: toolsPresent))
    func theFaceDetectorFindsTheAstronautsFaceAndItIsAcceptedAndExported() throws {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOfFile: package.appendingPathComponent("README.md").path, encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Models suggest, people decide").dropFirst().first?.components(separatedBy: "\n## ").first)
        let script = try #require(section.components(separatedBy: "```python\n").dropFirst().first?.components(separatedBy: "```").first)
        let commands = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first).split(separator: "\n").map(String.init)
        #expect(script.split(separator: "\n").count <= 16, "the example stays short")
        #expect(commands.count == 2)

        let root = TemporaryDirectory()
        root.write("faces.py", script)
        root.write("photos/termlabel.toml", "[boxes]\nlabels = [\"face\"]\n")
        try PythonScript.run("import sys, skimage.data, skimage.io; skimage.io.imsave(sys.argv[1], skimage.data.astronaut())", [root.url("photos/astronaut.png")])

        let products = String(termlabel.dropLast("/termlabel".count))
        let environment = ["PATH": products + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "TERM": "xterm-256color",
                           "HOME": root.path, "XDG_STATE_HOME": root.url("state")]
        let suggest = ProcessRunner.run("/bin/sh", ["-c", commands[0]], environment: environment, currentDirectory: root.path)
        #expect(suggest.status == 0 && suggest.standardOutput.contains("1 suggestion from faces on 1 item"), "\(suggest.standardOutput) \(suggest.standardError)")
        let sidecar = try SidecarCodec.decode(try #require(root.read("photos/astronaut.png.labels.json")), file: "astronaut")
        let face = try #require(sidecar.annotations.first { $0.isSuggestion && $0.label == "face" }?.box)
        // Her face in the 512×512 picture, by eye: x 175–265, y 55–160.
        let stated = BoxGeometry(x: 175, y: 55, width: 90, height: 105)
        let overlap = Double(max(0, min(face.maxX, stated.maxX) - max(face.x, stated.x)) * max(0, min(face.maxY, stated.maxY) - max(face.y, stated.y)))
        let iou = overlap / Double(face.width * face.height + stated.width * stated.height - Int(overlap))
        #expect(iou >= 0.5, "IoU \(iou) of \(face) with \(stated)")

        let tmux = try TmuxSession(commands[1], columns: 120, rows: 40, environment: environment, directory: root.path)
        #expect(tmux.waitFor("NORMAL", seconds: 30), "\(tmux.capture())")
        tmux.send("Tab")
        #expect(tmux.waitFor("suggested 0.80 by faces"), "\(tmux.capture())")
        tmux.send("a")
        #expect(tmux.waitFor("accepted box face"), "\(tmux.capture())")
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
        let export = ProcessRunner.run(termlabel, ["export", root.url("photos"), "--format", "coco", "-o", root.url("faces.json")])
        #expect(export.status == 0, "\(export.standardError)")
        let checked = try PythonScript.run("""
        import sys
        from pycocotools.coco import COCO
        coco = COCO(sys.argv[1])
        print([coco.cats[a["category_id"]]["name"] for a in coco.loadAnns(coco.getAnnIds())], [round(v) for v in coco.loadAnns(coco.getAnnIds())[0]["bbox"]])
        """, [root.url("faces.json")])
        #expect(checked.split(separator: "\n").last.map(String.init) == "['face'] \([face.x, face.y, face.width, face.height])", "\(checked)")
    }
}

/// Deciding about suggestions by keys on the real binary (issue 20): `A`, `X`, `y`,
/// `:accept SCORE` with one undo, `:set order=uncertain`; and `suggest` stopped by Ctrl-C.
@Suite(.serialized) struct SuggestionKeysTests {
    let termlabel = BuiltProducts.executable("termlabel")
    static let toolsPresent = RequiredTools.program("tmux") && RequiredTools.python("PIL")

    static func suggestion(_ label: String, score: Double, id: String) -> Annotation {
        Annotation(id: id, shape: .box(BoxGeometry(x: 2, y: 2, width: 10, height: 8)), label: label, status: Annotation.suggestedStatus, score: score, source: "model")
    }

    func sidecar(_ root: TemporaryDirectory, _ name: String) throws -> [Annotation] {
        try SidecarCodec.decode(try #require(root.read("p/\(name).labels.json")), file: name).annotations
    }

    @Test(.enabled(if: toolsPresent))
    func theSuggestionKeysWorkInATerminal() throws {
        let root = TemporaryDirectory()
        root.write("p/termlabel.toml", "[boxes]\nlabels = [\"cat\", \"dog\"]\n")
        try PythonScript.run("""
        import sys
        from PIL import Image
        for n in range(1, 5):
            Image.new("RGB", (32, 24), (40 * n, 90, 160)).save(f"{sys.argv[1]}/p{n}.png")
        """, [root.url("p")])
        let plan = ["p1.png": [Self.suggestion("cat", score: 0.95, id: "a"), Self.suggestion("dog", score: 0.9, id: "b")],
                    "p2.png": [Self.suggestion("dog", score: 0.5, id: "c")],
                    "p3.png": [Self.suggestion("cat", score: 0.97, id: "d")],
                    "p4.png": [Self.suggestion("cat", score: 0.6, id: "e"), Self.suggestion("dog", score: 0.55, id: "f")]]
        for (name, annotations) in plan {
            root.write("p/\(name).labels.json", bytes: SidecarCodec.encode(Sidecar(file: name, kind: .image, image: ImageSize(width: 32, height: 24), annotations: annotations)))
        }
        let tmux = try TmuxSession("\(termlabel) --annotator ana \(root.url("p"))", columns: 110, rows: 30,
                                   environment: ["TERM": "xterm-256color", "XDG_STATE_HOME": root.url("state"), "NO_COLOR": "1"])
        #expect(tmux.waitFor("NORMAL"), "\(tmux.capture())")
        tmux.send("A")
        #expect(tmux.waitFor("accepted 2 suggestions"))
        tmux.send("]", "X")
        #expect(tmux.waitFor("rejected 1 suggestion"))
        tmux.send("y")
        #expect(tmux.waitFor("from the previous item, as suggestions"), "\(tmux.capture())")
        tmux.send(":")
        tmux.type("accept 0.95")
        tmux.send("Enter")
        #expect(tmux.waitFor("accepted 1 suggestion scored 0.95 or more in 1 file"), "\(tmux.capture())")
        #expect(try sidecar(root, "p3.png").allSatisfy { !$0.isSuggestion })
        tmux.send("u")
        #expect(tmux.waitFor("undid"), "\(tmux.capture())")
        #expect(try sidecar(root, "p3.png").allSatisfy(\.isSuggestion))
        tmux.send(":")
        tmux.type("set order=uncertain")
        tmux.send("Enter")
        #expect(tmux.waitFor("least certain first") && tmux.waitFor("p4.png"), "p4 (0.60 against 0.55) is the least certain: \(tmux.capture())")
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
        #expect(try sidecar(root, "p1.png").map { "\($0.label) \($0.isSuggestion)" }.sorted() == ["cat false", "dog false"])
        #expect(try sidecar(root, "p2.png").filter { $0.source == "previous item" }.map(\.label).sorted() == ["cat", "dog"])
    }

    @Test(.enabled(if: toolsPresent))
    func ctrlCStopsSuggestAndKeepsWhatWasSaved() throws {
        let root = TemporaryDirectory()
        root.write("p/termlabel.toml", "[classes]\nlabels = [\"yes\"]\n")
        try PythonScript.run("""
        import sys
        from PIL import Image
        for n in range(1, 30):
            Image.new("RGB", (8, 8), (n, 90, 160)).save(f"{sys.argv[1]}/p{n:02d}.png")
        """, [root.url("p")])
        root.write("slow.py", "import json, sys, time\nfor line in sys.stdin:\n    time.sleep(0.3)\n    print(json.dumps({\"annotations\": [{\"type\": \"class\", \"label\": \"yes\", \"score\": 0.5}]}), flush=True)\n")
        let tmux = try TmuxSession("\(termlabel) suggest \(root.url("p")) --command 'python3 \(root.url("slow.py"))'", columns: 100, rows: 10,
                                   environment: ["TERM": "xterm-256color"])
        #expect(tmux.waitFor("items 3/29"), "\(tmux.capture())")
        // Ctrl-C's SIGINT, to termlabel alone (in tmux the key would reach the test's wrapper
        // shell too); the model runs in its own process group and is stopped by termlabel.
        let pid = try #require(tmux.commandProcess)
        kill(pid, SIGINT)
        #expect(tmux.waitFor("EXIT=130"), "\(tmux.capture())")
        #expect(tmux.capture().contains("stopped early (what was saved stays)"))
        let saved = (1..<30).filter { root.read(String(format: "p/p%02d.png.labels.json", $0)) != nil }.count
        #expect(saved >= 3 && saved < 29, "\(saved) items were answered before Ctrl-C")
    }
}
