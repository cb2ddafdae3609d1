import Foundation
import LabelCore
import LabelStore
import TestSupport
import Testing

/// Two annotators on two clones of one repository, with git as the engine and termlabel's merge
/// driver: labels from both sides come together without a conflict git would report, and the
/// same annotation changed on both sides is kept twice and flagged (DESIGN §10).
@Suite(.serialized) struct GitTeamTests {
    let termlabel = BuiltProducts.executable("termlabel")
    static let toolsPresent = RequiredTools.program("git") && RequiredTools.program("tmux") && RequiredTools.python("PIL")

    func git(_ arguments: [String], in directory: String) -> ProcessResult {
        ProcessRunner.run("/usr/bin/env", ["git"] + arguments, environment: [
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
            "HOME": directory, "GIT_CONFIG_NOSYSTEM": "1",
        ], currentDirectory: directory)
    }

    /// A COCO file of one box by `annotator` on each picture in `range` (the same box for everyone).
    func coco(_ range: ClosedRange<Int>) -> String {
        let images = (0..<50).map { "{\"id\": \($0 + 1), \"file_name\": \"pictures/p\($0).png\", \"width\": 32, \"height\": 24}" }
        let boxes = range.map { "{\"id\": \($0 + 1), \"image_id\": \($0 + 1), \"category_id\": 1, \"bbox\": [\($0 % 10), 2, 12, 10]}" }
        return "{\"images\": [\(images.joined(separator: ","))], \"categories\": [{\"id\": 1, \"name\": \"cat\"}], \"annotations\": [\(boxes.joined(separator: ","))]}"
    }

    @Test(.enabled(if: toolsPresent))
    func twoClonesMergeWithoutConflictsAndConflictsAreKeptAndFlagged() throws {
        let root = TemporaryDirectory()
        #expect(git(["init", "--bare", "-b", "main", "origin.git"], in: root.path).status == 0)
        #expect(git(["clone", "origin.git", "seed"], in: root.path).status == 0)
        try PythonScript.run("""
        import os, sys
        from PIL import Image
        for number in range(50):
            Image.new("RGB", (32, 24), (number * 5, 80, 120)).save(os.path.join(sys.argv[1], "pictures", f"p{number}.png"))
        """, [{ root.write("seed/pictures/.keep", ""); return root.url("seed") }()])
        root.write("seed/corpus.jsonl", (0..<30).map { "{\"text\": \"Ana met Bo number \($0).\"}" }.joined(separator: "\n") + "\n")
        root.write("seed/termlabel.toml", "[text]\nrecords = \"jsonl\"\n[boxes]\nlabels = [{ name = \"cat\", id = 1 }]\n[spans]\nlabels = [\"PER\"]\n")
        #expect(git(["add", "-A"], in: root.url("seed")).status == 0)
        #expect(git(["commit", "-qm", "data"], in: root.url("seed")).status == 0)
        #expect(git(["push", "-q", "origin", "HEAD:main"], in: root.url("seed")).status == 0)

        for (name, person, pictures, records) in [("a", "ana", 0...34, 0...19), ("b", "bo", 15...49, 10...29)] {
            let clone = root.url(name)
            #expect(git(["clone", "-q", "origin.git", name], in: root.path).status == 0)
            let setup = ProcessRunner.run(termlabel, ["git-setup"], currentDirectory: clone)
            #expect(setup.status == 0 && setup.standardOutput.contains("merge.termlabel.driver"), "\(setup.standardError)")
            #expect(ProcessRunner.run(termlabel, ["git-setup"], currentDirectory: clone).standardOutput.hasSuffix("already set up; nothing changed\n"))
            root.write("\(name)-coco.json", coco(pictures))
            let boxes = ProcessRunner.run(termlabel, ["import", "--format", "coco", "--annotator", person, root.url("\(name)-coco.json")], currentDirectory: clone)
            #expect(boxes.status == 0, "\(boxes.standardError)")
            root.write("\(name)-spans.jsonl", records.map { "{\"text\": \"Ana met Bo number \($0).\", \"spans\": [{\"start\": 0, \"end\": 3, \"label\": \"PER\"}]}" }.joined(separator: "\n") + "\n")
            let spans = ProcessRunner.run(termlabel, ["import", "--format", "spacy", "--annotator", person, root.url("\(name)-spans.jsonl")], currentDirectory: clone)
            #expect(spans.status == 0, "\(spans.standardError)")
            // And by hand, in a terminal: the first picture marked done.
            let tmux = try TmuxSession("\(termlabel) --annotator \(person) pictures", columns: 100, rows: 30, environment: ["TERM": "xterm-256color"], directory: clone)
            #expect(tmux.waitFor("NORMAL", seconds: 20), "\(tmux.capture())")
            tmux.send("Enter", ":", "q", "Enter")
            #expect(tmux.waitFor("EXIT=0"), "\(tmux.capture())")
            #expect(git(["add", "-A"], in: clone).status == 0)
            let commit = git(["commit", "-qm", "labels by \(person)"], in: clone)
            #expect(commit.status == 0, "\(commit.standardError)")
        }
        #expect(git(["push", "-q", "origin", "HEAD:main"], in: root.url("a")).status == 0)
        let pull = git(["pull", "-q", "--no-rebase", "origin", "main"], in: root.url("b"))
        #expect(pull.status == 0, "git completes the merge: \(pull.standardOutput) \(pull.standardError)")

        let merged = root.url("b")
        let shared = try SidecarCodec.decode(try #require(root.read("b/pictures/p20.png.labels.json")), file: "p20")
        #expect(Set(shared.annotations.compactMap(\.author)) == ["ana", "bo"], "both people's boxes on a shared picture")
        let boxCount = (0..<50).reduce(0) { total, number in
            total + ((try? SidecarCodec.decode(root.read("b/pictures/p\(number).png.labels.json") ?? [], file: "p"))?.annotations.count ?? 0)
        }
        #expect(boxCount == 35 + 35, "every box of both")
        let corpus = try SidecarCodec.decode(try #require(root.read("b/corpus.jsonl.labels.json")), file: "corpus")
        #expect(corpus.annotations.filter { $0.author == "ana" }.count == 20 && corpus.annotations.filter { $0.author == "bo" }.count == 20,
                "every span of both on the corpus")
        #expect(ProcessRunner.run(termlabel, ["validate", "."], currentDirectory: merged).status == 0)
        let agree = ProcessRunner.run(termlabel, ["agree", "--json", "."], currentDirectory: merged)
        let pairs = try JSONParser.parse(agree.standardOutput)["boxes"]?["pairs"]?.arrayValue?.first
        // The 20 pictures both boxed agree; the first picture ana boxed and bo only marked done.
        #expect(pairs?["items"] == .int(21) && pairs?["matched"] == .int(20) && pairs?["only_a"] == .int(1) && pairs?["only_b"] == .int(0),
                "\(agree.standardOutput)")
        let first = try SidecarCodec.decode(try #require(root.read("b/pictures/p0.png.labels.json")), file: "p0")
        #expect(Set(first.marks.filter { $0.state == .done }.compactMap(\.author)) == ["ana", "bo"], "both done marks, made in the editor")

        // The same box relabeled differently on both machines.
        #expect(git(["push", "-q", "origin", "HEAD:main"], in: merged).status == 0)
        #expect(git(["pull", "-q", "--no-rebase", "origin", "main"], in: root.url("a")).status == 0)
        for (name, label) in [("a", "dog"), ("b", "fox")] {
            var sidecar = try SidecarCodec.decode(try #require(root.read("\(name)/pictures/p20.png.labels.json")), file: "p20")
            let index = try #require(sidecar.annotations.firstIndex { $0.author == "ana" })
            sidecar.annotations[index].label = label
            root.write("\(name)/pictures/p20.png.labels.json", bytes: SidecarCodec.encode(sidecar))
            #expect(git(["commit", "-qam", "relabel to \(label)"], in: root.url(name)).status == 0)
        }
        #expect(git(["push", "-q", "origin", "HEAD:main"], in: root.url("a")).status == 0)
        let conflicting = git(["pull", "--no-rebase", "origin", "main"], in: root.url("b"))
        #expect(conflicting.status == 0, "git completes the merge: \(conflicting.standardOutput) \(conflicting.standardError)")
        #expect(conflicting.standardError.contains("pictures/p20.png.labels.json: merge conflict:"), "\(conflicting.standardError)")
        let result = try SidecarCodec.decode(try #require(root.read("b/pictures/p20.png.labels.json")), file: "p20")
        #expect(Set(result.annotations.map(\.label)) == ["cat", "dog", "fox"], "both versions beside bo's box")
        #expect(result.annotations.contains { $0.extra["conflict_of"] != nil })
        #expect(result.marks.contains { $0.state == .flagged && $0.note?.contains("merge conflict") == true })
        let validate = ProcessRunner.run(termlabel, ["validate", "."], currentDirectory: merged)
        #expect(validate.status == 1 && validate.standardOutput.contains("an unresolved merge conflict with"), "\(validate.standardOutput)")
    }

    @Test(.enabled(if: toolsPresent))
    func theHookFoldsJournalsAndRefusesUnreadableSidecars() throws {
        let root = TemporaryDirectory()
        #expect(git(["init", "-q", "-b", "main", "repo"], in: root.path).status == 0)
        let repo = root.url("repo")
        #expect(ProcessRunner.run(termlabel, ["git-setup"], currentDirectory: repo).status == 0)
        root.write("repo/notes.txt", "hello\n")
        root.write("repo/notes.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "notes.txt", kind: .text)))
        // A name git would quote (non-ASCII), staged beside it.
        root.write("repo/café.txt", "hi\n")
        root.write("repo/café.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "café.txt", kind: .text)))
        #expect(git(["add", "café.txt", "café.txt.labels.json"], in: repo).status == 0)
        // A pending edit in the journal, as the editor leaves it for large sidecars.
        let journal = Journal.header() + Journal.line(for: Transaction([.add(Make.classification("c1", "pos", author: "ana"))]))
        root.write("repo/notes.txt.labels.json.journal", bytes: journal)
        #expect(git(["add", "notes.txt", "notes.txt.labels.json"], in: repo).status == 0)
        let commit = git(["commit", "-qm", "labels"], in: repo)
        #expect(commit.status == 0, "\(commit.standardError)")
        let committed = git(["show", "HEAD:notes.txt.labels.json"], in: repo).standardOutput
        #expect(committed.contains("\"c1\""), "the commit holds the journal's edit: \(committed)")
        #expect(!root.exists("repo/notes.txt.labels.json.journal"))

        // A picture kept by git-annex whose content is not on this machine: the sidecar is.
        root.write("repo/away.png.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "away.png", kind: .image)))
        root.write("repo/away.png.labels.json.journal", bytes: Journal.header() + Journal.line(for: Transaction([.add(Make.box("b1", "cat", 1, 1, 2, 2))])))
        #expect(git(["add", "away.png.labels.json"], in: repo).status == 0)
        let away = git(["commit", "-qm", "away"], in: repo)
        #expect(away.status == 0 && git(["show", "HEAD:away.png.labels.json"], in: repo).standardOutput.contains("\"b1\""), "\(away.standardError)")

        root.write("repo/notes.txt.labels.json", "{\"format\": \"termlabel-sidecar\", \"annotations\": [")
        #expect(git(["add", "notes.txt.labels.json"], in: repo).status == 0)
        let refused = git(["commit", "-qm", "broken"], in: repo)
        #expect(refused.status != 0 && refused.standardError.contains("commit refused"), "\(refused.standardError)")
    }
}

/// The README's "Teams on many machines" commands, run as written (the server made a local
/// bare repository), in a real terminal where the editor opens between them.
@Suite struct GitReadmeTests {
    let termlabel = BuiltProducts.executable("termlabel")

    @Test(.enabled(if: GitTeamTests.toolsPresent))
    func theSixCommandsOfTheReadmeWork() throws {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOfFile: package.appendingPathComponent("README.md").path, encoding: .utf8)
        let section = try #require(readme.split(separator: "## Teams on many machines").last)
        let block = try #require(section.split(separator: "```sh\n").dropFirst().first?.split(separator: "```").first)
        let commands = block.split(separator: "\n").map(String.init)
        #expect(commands.count == 6, "\(commands)")

        let root = TemporaryDirectory()
        let team = GitTeamTests()
        #expect(team.git(["init", "-q", "-b", "main", "seed"], in: root.path).status == 0)
        try PythonScript.run("from PIL import Image; import sys; Image.new('RGB', (32, 24), (200, 80, 40)).save(sys.argv[1])",
                             [{ root.write("seed/pictures/.keep", ""); return root.url("seed/pictures/p0.png") }()])
        root.write("seed/termlabel.toml", "[boxes]\nlabels = [\"cat\"]\n")
        #expect(team.git(["add", "-A"], in: root.url("seed")).status == 0 && team.git(["commit", "-qm", "data"], in: root.url("seed")).status == 0)
        #expect(team.git(["clone", "-q", "--bare", "seed", "server/labels.git"], in: root.path).status == 0)

        root.write("work/.keep", "")
        let script = commands.map { $0.replacingOccurrences(of: "SERVER:labels.git", with: root.url("server/labels.git")) }.joined(separator: " && ")
        let products = String(termlabel.dropLast("/termlabel".count))
        let tmux = try TmuxSession(script, columns: 100, rows: 30, environment: [
            "PATH": products + ":/usr/local/bin:/usr/bin:/bin", "TERM": "xterm-256color", "HOME": root.path,
            "GIT_AUTHOR_NAME": "ana", "GIT_AUTHOR_EMAIL": "ana@example.org", "GIT_COMMITTER_NAME": "ana", "GIT_COMMITTER_EMAIL": "ana@example.org",
        ], directory: root.url("work"))
        #expect(tmux.waitFor("NORMAL", seconds: 30), "\(tmux.capture())")
        tmux.send("Enter", ":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0", seconds: 30), "\(tmux.capture())")
        let pushed = team.git(["show", "main:pictures/p0.png.labels.json"], in: root.url("server/labels.git"))
        #expect(pushed.status == 0 && pushed.standardOutput.contains("\"done\""), "the done mark reached the server: \(pushed.standardError) \(team.git(["log", "--stat", "main"], in: root.url("server/labels.git")).standardOutput) \(tmux.capture())")
        #expect(team.git(["config", "merge.termlabel.driver"], in: root.url("work/labels")).standardOutput.contains("merge-sidecars %O %A %B %P"))
    }
}
