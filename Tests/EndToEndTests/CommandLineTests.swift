import Foundation
import LabelCore
import TestSupport
import Testing

/// The command-line tools on the real binary: output, exit status and files on disk.
@Suite struct CommandLineTests {
    let termlabel = BuiltProducts.executable("termlabel")

    @Test func helpAndVersion() {
        let help = ProcessRunner.run(termlabel, ["--help"])
        #expect(help.status == 0)
        for command in ["validate", "stats"] { #expect(help.standardOutput.contains(command)) }
        #expect(ProcessRunner.run(termlabel, ["--version"]).standardOutput.hasPrefix("0."))
        let stats = ProcessRunner.run(termlabel, ["stats", "--help"])
        #expect(stats.status == 0 && stats.standardOutput.contains("--json"))
    }

    /// A hostile file name and label (an OSC title change, an OSC 52 clipboard write, a screen
    /// reset, a bidi override) reach the terminal only as placeholders; JSON keeps them escaped.
    @Test func printedFileNamesAndLabelsAreInert() throws {
        let folder = TemporaryDirectory()
        let name = "a\u{1B}]0;pwned\u{07}\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}c\u{202E}.txt"
        let label = "x\u{1B}[2J\u{9B}31m"
        folder.write("termlabel.toml", "[classes]\nlabels = [\"pos\"]\n")
        folder.write(name, "good")
        folder.write(name + ".labels.json", bytes: SidecarCodec.encode(Sidecar(file: name, kind: .text, annotations: [Make.classification("c", label)])))
        for arguments in [["validate", "."], ["stats", "."]] {
            let result = ProcessRunner.run(termlabel, arguments, currentDirectory: folder.path)
            let printed = result.standardOutput + result.standardError
            #expect(!printed.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" || $0 == "\u{202E}" },
                    "\(arguments[0]): \(printed.debugDescription)")
            #expect(printed.contains(arguments[0] == "validate" ? "^[]0;pwned^G" : "x^[[2J<U+009B>31m"), "\(arguments[0]): \(printed)")
        }
        let json = ProcessRunner.run(termlabel, ["stats", "--json", "."], currentDirectory: folder.path)
        #expect(json.standardOutput.contains("\\u001b[2J"))
    }

    /// `export -o` into the dataset once replaced a data file; now no export replaces a data
    /// file, sidecar or termlabel.toml (even through a symlinked folder), and other existing
    /// files only with --force.
    @Test func exportsNeverReplaceDataFilesAndAskBeforeReplacingOthers() throws {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[boxes]\nlabels = [\"cat\"]\n[classes]\nlabels = [\"pos\"]\n")
        folder.write("labels/a.txt", "a text item, not YOLO")
        folder.write("labels/a.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "a.txt", kind: .text, annotations: [Make.classification("c", "pos")])))
        folder.write("a.ppm", "P3\n2 2\n255\n0 0 0 0 0 0 0 0 0 0 0 0\n")
        folder.write("a.ppm.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "a.ppm", kind: .image, image: ImageSize(width: 2, height: 2),
                                                                                 annotations: [Make.box("b", "cat", 0, 0, 1, 1)])))
        let yolo = ProcessRunner.run(termlabel, ["export", "--format", "yolo", "-o", ".", "."], currentDirectory: folder.path)
        #expect(yolo.status != 0)
        #expect(yolo.standardError.contains("labels/a.txt is a file of the dataset"), "\(yolo.standardError)")
        #expect(folder.text("labels/a.txt") == "a text item, not YOLO")
        let forced = ProcessRunner.run(termlabel, ["export", "--format", "yolo", "--force", "-o", ".", "."], currentDirectory: folder.path)
        #expect(forced.status != 0 && folder.text("labels/a.txt") == "a text item, not YOLO", "--force never covers data files")

        let out = TemporaryDirectory()
        #expect(symlink(folder.path, out.url("link")) == 0)
        let through = ProcessRunner.run(termlabel, ["export", "--format", "csv", "-o", out.url("link/labels/a.txt"), folder.path])
        #expect(through.status != 0 && folder.text("labels/a.txt") == "a text item, not YOLO")

        let first = ProcessRunner.run(termlabel, ["export", "--format", "coco", "-o", out.path, folder.path])
        #expect(first.status == 0, "\(first.standardError)")
        out.write("coco.json", "mine")
        let second = ProcessRunner.run(termlabel, ["export", "--format", "coco", "-o", out.path, folder.path])
        #expect(second.status != 0 && second.standardError.contains("coco.json already exists; pass --force"))
        #expect(out.text("coco.json") == "mine")
        let replaced = ProcessRunner.run(termlabel, ["export", "--format", "coco", "--force", "-o", out.path, folder.path])
        #expect(replaced.status == 0 && out.text("coco.json")?.hasPrefix("{") == true)
    }

    /// Each file is judged by its own nearest termlabel.toml, and stats fails (naming the file)
    /// rather than counting an unreadable sidecar as an unlabeled item (issues 12, 13).
    @Test func severalProjectsAreEachJudgedByTheirOwnLabels() {
        let folder = TemporaryDirectory()
        for (project, label) in [("a", "pos"), ("b", "cat")] {
            folder.write("\(project)/termlabel.toml", "[classes]\nlabels = [\"\(label)\"]\n")
            folder.write("\(project)/t.txt", "text")
            folder.write("\(project)/t.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "t.txt", kind: .text,
                                                                                           annotations: [Make.classification("c", label)])))
        }
        let validate = ProcessRunner.run(termlabel, ["validate", "a", "b"], currentDirectory: folder.path)
        #expect(validate.status == 0, "\(validate.standardOutput)\(validate.standardError)")
        let stats = ProcessRunner.run(termlabel, ["stats", "--json", "a", "b"], currentDirectory: folder.path)
        #expect(stats.status == 0 && stats.standardOutput.contains("\"pos\"") && stats.standardOutput.contains("\"cat\""))
        folder.write("b/t.txt.labels.json", "{ broken")
        let broken = ProcessRunner.run(termlabel, ["stats", "a", "b"], currentDirectory: folder.path)
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("error: 1 file not counted because its sidecar could not be read, e.g. "), "\(broken.standardError)")
    }

    @Test func errorsAreOneLineOnStandardError() {
        let result = ProcessRunner.run(termlabel, ["stats", "/no/such/place"])
        #expect(result.status != 0)
        #expect(result.standardError.hasPrefix("error: no images or text files found in /no/such/place"))
        #expect(result.standardOutput.isEmpty)
        let unknown = ProcessRunner.run(termlabel, ["--frobnicate"])
        #expect(unknown.status != 0)
        #expect(unknown.standardError.hasPrefix("error: "))
    }

    @Test func validateListsProblemsAndFailsOnlyWhenThereAreAny() {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[classes]\nlabels = [\"pos\", \"neg\"]\n")
        folder.write("a.txt", "good")
        folder.write("a.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "a.txt", kind: .text,
                                                                               annotations: [Make.classification("c", "pos")])))
        let clean = ProcessRunner.run(termlabel, ["validate", "."], currentDirectory: folder.path)
        #expect(clean.status == 0, "\(clean.standardOutput)\(clean.standardError)")
        #expect(clean.standardOutput.isEmpty)

        folder.write("b.txt", "bad")
        folder.write("b.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "b.txt", kind: .text,
                                                                               annotations: [Make.classification("c", "meh")])))
        folder.write("c.txt", "worse")
        folder.write("c.txt.labels.json", "{\"format\": \"termlabel-sidecar\",\n\"version\": 1, \"annotations\": [")
        let failing = ProcessRunner.run(termlabel, ["validate", "."], currentDirectory: folder.path)
        #expect(failing.status == 1)
        let lines = failing.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines.contains { $0.hasPrefix("b.txt.labels.json:") && $0.contains("class \"meh\" (c): the label is not one of the project's classes: pos, neg") })
        #expect(lines.contains { $0.hasPrefix("c.txt.labels.json:2:") && $0.contains("truncated") })
        #expect(failing.standardError == "error: 2 problems in 3 data files\n")
        #expect(folder.text("c.txt.labels.json")?.hasSuffix("[") == true, "validate never rewrites")
    }

    @Test func statsAsTableAndJSON() throws {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[text]\nrecords = \"jsonl\"\n[classes]\nlabels = [\"pos\", \"neg\"]\n")
        folder.write("t.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\"}\n{\"text\": \"c\"}\n")
        folder.write("t.jsonl.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "t.jsonl", kind: .text,
            annotations: [Make.classification("c", "pos", record: 1, author: "ana")], marks: [Mark(state: .done, record: 2, author: "bo")])))
        let table = ProcessRunner.run(termlabel, ["stats", folder.path])
        #expect(table.status == 0)
        #expect(table.standardOutput.contains("items        3"))
        #expect(table.standardOutput.contains("class pos  1"))
        #expect(table.standardOutput.contains("class neg  0"), "a project label nobody used yet is listed: \(table.standardOutput)")
        let json = ProcessRunner.run(termlabel, ["stats", "--json", folder.path])
        let object = try #require(try JSONParser.parse(json.standardOutput).objectValue)
        #expect(object["items"] == .int(3))
        #expect(object["done"] == .int(1))
        #expect(object["annotators"]?.objectValue?["ana"]?.objectValue?["annotations"] == .int(1))
    }

    /// A second `stats` comes from the summary cache and says the same; an edit made by another
    /// program (Python rewriting the sidecar in place) shows at once; `--no-cache` writes none.
    @Test(.enabled(if: RequiredTools.python("json"))) func statsKeepSummariesAndSeeEditsMadeElsewhere() throws {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[classes]\nlabels = [\"pos\", \"neg\"]\n")
        for name in ["a.txt", "b.txt"] {
            folder.write(name, "text\n")
            folder.write(name + ".labels.json", bytes: SidecarCodec.encode(Sidecar(file: name, kind: .text, annotations: [Make.classification("c", "pos", author: "ana")])))
        }
        let cache = folder.url("cache")
        let untouched = ProcessRunner.run(termlabel, ["stats", "--no-cache", folder.path], environment: ["XDG_CACHE_HOME": cache])
        #expect(untouched.status == 0)
        #expect(!folder.exists("cache"), "--no-cache keeps nothing")
        // Sidecars written just now are not kept (they might change again within the clock's tick).
        let fresh = ProcessRunner.run(termlabel, ["stats", folder.path], environment: ["XDG_CACHE_HOME": cache])
        #expect(fresh.standardOutput == untouched.standardOutput)
        try PythonScript.run("""
        import os, sys, time
        old = time.time() - 60
        for name in ("a.txt.labels.json", "b.txt.labels.json"):
            os.utime(os.path.join(sys.argv[1], name), (old, old))
        """, [folder.path])
        let first = ProcessRunner.run(termlabel, ["stats", folder.path], environment: ["XDG_CACHE_HOME": cache])
        let second = ProcessRunner.run(termlabel, ["stats", folder.path], environment: ["XDG_CACHE_HOME": cache])
        #expect(first.standardOutput == untouched.standardOutput && second.standardOutput == untouched.standardOutput)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: cache + "/termlabel"))?.count == 1, "one cache file for the dataset")
        try PythonScript.run("""
        import json, sys
        path = sys.argv[1] + "/b.txt.labels.json"
        sidecar = json.load(open(path))
        sidecar["annotations"][0]["label"] = "neg"
        json.dump(sidecar, open(path, "w"))
        """, [folder.path])
        let edited = ProcessRunner.run(termlabel, ["stats", folder.path], environment: ["XDG_CACHE_HOME": cache])
        #expect(edited.standardOutput.contains("class pos  1") && edited.standardOutput.contains("class neg  1"), "\(edited.standardOutput)")
    }
}
