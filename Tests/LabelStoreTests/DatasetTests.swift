import Foundation
import LabelConfig
import LabelCore
import LabelDataset
import LabelStore
import TestSupport
import Testing

@Suite struct DatasetTests {
    let folder = TemporaryDirectory()

    @Test func foldersAreWalkedRecursivelyInNaturalOrder() throws {
        for name in ["img10.png", "img2.png", "img1.jpg", "sub2/b.txt", "sub10/a.txt", "sub2/notes.md", "corpus.jsonl",
                     ".hidden.png", ".git/config.txt", "img2.png.labels.json", "export.json", "termlabel.toml", "data.csv", "README"] {
            folder.write(name, name == "termlabel.toml" ? "" : "text")
        }
        folder.write("blob.bin", bytes: [0, 1, 2, 0xFF])
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path]))
        #expect(dataset.files.map(\.relativePath) == ["corpus.jsonl", "img1.jpg", "img2.png", "img10.png", "README",
                                                       "sub2/b.txt", "sub2/notes.md", "sub10/a.txt"])
        #expect(dataset.files.map(\.kind) == [.text, .image, .image, .image, .text, .text, .text, .text])
        #expect(dataset.root == folder.path)
    }

    @Test func oldTemporarySidecarsLeftByACrashAreRemovedAndUnreadablePicturesNamed() throws {
        folder.write("a.txt", "text")
        let stale = folder.write(".a.txt.labels.json.tmp-Ab12Cd", "{half")
        let fresh = folder.write(".a.txt.labels.json.tmp-Zz99Yy", "{being written")
        var old = [timeval(tv_sec: 1_000_000, tv_usec: 0), timeval(tv_sec: 1_000_000, tv_usec: 0)]
        #expect(utimes(stale, &old) == 0)
        folder.write("clip.webp", "RIFF")
        folder.write("sub/anim.GIF", "GIF89a")
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path]))
        #expect(!folder.exists(".a.txt.labels.json.tmp-Ab12Cd"))
        #expect(folder.exists(".a.txt.labels.json.tmp-Zz99Yy"), "a temporary file that may still be written stays: \(fresh)")
        #expect(dataset.warnings.contains { $0.hasPrefix("skipped 2 pictures in formats termlabel cannot read (.gif, .webp)") }, "\(dataset.warnings)")
    }

    @Test func namedFilesAreTakenAsTheyAreAndSidecarsMeanTheirData() throws {
        folder.write("script.py", "print('hi')\n")
        folder.write("a.png", "x")
        folder.write("a.png.labels.json", "{}")
        folder.write("blob.bin", bytes: [0, 0, 0])
        let dataset = try Dataset.open(OpenOptions(paths: [folder.url("script.py"), folder.url("a.png.labels.json"),
                                                           folder.url("blob.bin"), folder.url("missing.txt")]))
        #expect(dataset.files.map(\.relativePath) == ["script.py", "a.png"])
        #expect(dataset.warnings.contains { $0.contains("blob.bin") && $0.contains("neither an image") })
        #expect(dataset.warnings.contains { $0.contains("missing.txt: no such file or folder") })
    }

    /// Pictures and texts are told by their extension in any case; what is not plainly one of
    /// them is looked into or left out, as before the walk learnt to skip making strings.
    @Test func extensionsAreToldInAnyCase() {
        for (name, content) in [("A.PNG", "x"), ("b.Jpeg", "x"), ("c.TXT", "words"), ("d.tar.gz", "words"), ("e.", "words"), ("f.pngx", "words"),
                                ("g.éPNG", "words"), ("h.markdown", "words"), ("i.JSON", "{}"), ("j.bin", "\u{0}")] {
            folder.write(name, content)
        }
        let kinds = Dictionary(uniqueKeysWithValues: ((try? Dataset.open(OpenOptions(paths: [folder.path])))?.files ?? []).map { ($0.relativePath, $0.kind) })
        #expect(kinds == ["A.PNG": .image, "b.Jpeg": .image, "c.TXT": .text, "e.": .text, "h.markdown": .text])
    }

    @Test func nothingToOpenIsAClearError() {
        folder.write("x.json", "{}")
        #expect {
            _ = try Dataset.open(OpenOptions(paths: [folder.path]))
        } throws: { error in
            (error as? DatasetError)?.description.contains("no images or text files found") ?? false
        }
    }

    @Test func theProjectFileIsFoundInAParentAndSetsTheRoot() throws {
        folder.write("termlabel.toml", "[spans]\nlabels = [\"PER\"]\n[text]\nrecords = \"lines\"\n")
        folder.write("deep/er/x.txt", "a\nb\n")
        let dataset = try Dataset.open(OpenOptions(paths: [folder.url("deep/er")]))
        #expect(dataset.projectFile == folder.url("termlabel.toml"))
        #expect(dataset.root == folder.path)
        #expect(dataset.files.map(\.relativePath) == ["deep/er/x.txt"])
        #expect(dataset.settings.spans.labels.map(\.name) == ["PER"])
        #expect(dataset.settings.records == .lines)
    }

    @Test func aBrokenProjectFileStopsWithItsLine() {
        folder.write("termlabel.toml", "[classes\n")
        folder.write("a.txt", "x")
        #expect {
            _ = try Dataset.open(OpenOptions(paths: [folder.path]))
        } throws: { error in
            (error as? DatasetError)?.description.hasPrefix(folder.url("termlabel.toml") + ":1:") ?? false
        }
    }

    @Test func labelOptionsCreateTheProjectFile() throws {
        folder.write("a.png", "x")
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path], classes: ["cat", "dog"], createProjectFile: true))
        #expect(dataset.settings.classes.labels.map(\.name) == ["cat", "dog"])
        #expect(dataset.settings.classes.advance)
        let written = try ProjectFile.parse(try #require(folder.text("termlabel.toml")), file: "t").settings
        #expect(written.classes.labels.map(\.name) == ["cat", "dog"])
        // Next time, the file alone gives the labels.
        #expect(try Dataset.open(OpenOptions(paths: [folder.path])).settings.classes.labels.count == 2)
    }

    @Test func labelOptionsOnAProjectAddTheNewLabelsToItsFile() throws {
        folder.write("termlabel.toml", "# our project\n[classes]\nlabels = [ { name = \"cat\", help = \"Cats.\" } ]\n")
        folder.write("a.png", "x")
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path], classes: ["cat", "bird"], boxes: ["tail"], createProjectFile: true))
        #expect(dataset.warnings.isEmpty, "\(dataset.warnings)")
        let text = try #require(folder.text("termlabel.toml"))
        #expect(text.hasPrefix("# our project\n"), "the file is edited, not rewritten")
        let written = try ProjectFile.parse(text, file: "t").settings
        #expect(written.classes.labels.map(\.name) == ["cat", "bird"])
        #expect(written.classes.labels.first?.help == "Cats.")
        #expect(written.boxes.labels.map(\.name) == ["tail"])
        // Commands that only read (validate, stats) never write the project file.
        let before = folder.text("termlabel.toml")
        _ = try Dataset.open(OpenOptions(paths: [folder.path], classes: ["fish"]))
        #expect(folder.text("termlabel.toml") == before)
    }

    @Test func recordsAndTextFieldGivenToTheEditorStayWithTheProject() throws {
        folder.write("termlabel.toml", "# mine\n[classes]\nlabels = [\"a\"]\n")
        folder.write("c.jsonl", "{\"body\": \"x\"}\n")
        var options = OpenOptions(paths: [folder.path], records: .jsonl, textField: "body", createProjectFile: true)
        _ = try Dataset.open(options)
        let settings = try ProjectFile.parse(try #require(folder.text("termlabel.toml")), file: "t").settings
        #expect(settings.records == .jsonl && settings.textField == "body")
        #expect(folder.text("termlabel.toml")?.hasPrefix("# mine\n") == true)
        options.createProjectFile = false
        options.textField = "title"
        _ = try Dataset.open(options)
        #expect(try ProjectFile.parse(try #require(folder.text("termlabel.toml")), file: "t").settings.textField == "body", "read-only commands never write it")
    }

    @Test func theAnnotatorComesFromTheOptionThenEnvironmentThenProjectThenUser() throws {
        folder.write("termlabel.toml", "annotator = \"proj\"\n")
        folder.write("a.txt", "x")
        let options = OpenOptions(paths: [folder.path])
        #expect(try Dataset.open(options, environment: ["TERMLABEL_ANNOTATOR": "env", "USER": "u"]).settings.annotator == "env")
        #expect(try Dataset.open(options, environment: ["USER": "u"]).settings.annotator == "proj")
        var named = options
        named.annotator = "cli"
        #expect(try Dataset.open(named, environment: ["TERMLABEL_ANNOTATOR": "env"]).settings.annotator == "cli")
        folder.write("termlabel.toml", "")
        #expect(try Dataset.open(options, environment: ["USER": "u"]).settings.annotator == "u")
    }

    @Test func sidecarsBesideTheDataAreNamedWhenAMirrorIsUsed() throws {
        folder.write("a.txt", "x")
        folder.write("a.txt.labels.json", "{}")
        let mirror = TemporaryDirectory()
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path], sidecarsDirectory: mirror.path))
        #expect(dataset.warnings.contains { $0.hasPrefix("1 sidecar beside the data (e.g. ") && $0.contains("a.txt.labels.json") && $0.hasSuffix("open without it to see it") },
                "\(dataset.warnings)")
        #expect(try Dataset.open(OpenOptions(paths: [folder.path])).warnings.isEmpty)
    }

    @Test func sidecarPathsBesideOrMirrored() {
        let beside = SidecarLocator(dataRoot: "/data")
        #expect(beside.sidecarPath(for: "/data/photos/cat.png") == "/data/photos/cat.png.labels.json")
        let mirror = SidecarLocator(dataRoot: "/data", mirrorRoot: "/home/ana/labels")
        #expect(mirror.sidecarPath(for: "/data/photos/cat.png") == "/home/ana/labels/photos/cat.png.labels.json")
        #expect(mirror.journalPath(for: "/data/c.txt") == "/home/ana/labels/c.txt.labels.json.journal")
    }

    @Test func pathHelpers() {
        #expect(PathName.absolute("../b/./c", from: "/x/y") == "/x/b/c")
        // Relative paths name what is inside the base, by whole components, in any script.
        #expect(PathName.relative("/data/zoë/été.png", to: "/data/zoë") == "été.png")
        #expect(PathName.relative("/data/zoë/été.png", to: "/data/") == "zoë/été.png")
        #expect(PathName.relative("/data/zoëx/a.png", to: "/data/zoë") == "/data/zoëx/a.png")
        #expect(PathName.relative("/data", to: "/data") == ".")
        #expect(PathName.relative("/data/a", to: "/") == "data/a")
        #expect(PathName.relative("/other/a", to: "/data") == "/other/a")
        #expect(PathName.commonAncestor(["/a/b/c", "/a/b/d/e", "/a/bx"]) == "/a")
        #expect(PathName.parent("/a/b/") == "/a")
        #expect(PathName.parent("name") == ".")
        #expect(PathName.fileExtension("/x/Photo.JPG") == "jpg")
        #expect(PathName.fileExtension("/x/.bashrc") == "")
    }
}
