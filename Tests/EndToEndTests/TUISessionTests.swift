import Foundation
import LabelCore
import TestSupport
import Testing

/// The TUI on the real binary in tmux: keys in, screen and sidecars checked.
@Suite(.enabled(if: RequiredTools.program("tmux")), .serialized) struct TUISessionTests {
    let termlabel = BuiltProducts.executable("termlabel")

    func demo() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        let result = ProcessRunner.run(termlabel, ["demo", "--write-only", folder.url("demo")])
        #expect(result.status == 0, "\(result.standardError)")
        return folder
    }

    func session(_ folder: TemporaryDirectory, _ arguments: String = "", columns: Int = 100, rows: Int = 30,
                 environment: [String: String] = [:]) throws -> TmuxSession {
        // `swift test` itself runs with NO_COLOR set; each session says what it wants.
        var env = ["TERM": "tmux-256color", "XDG_STATE_HOME": folder.url("state"), "XDG_CONFIG_HOME": folder.url("config"), "COLORTERM": "", "NO_COLOR": ""]
        env.merge(environment) { $1 }
        return try TmuxSession("\(termlabel) --annotator ana \(arguments) \(folder.url("demo"))", columns: columns, rows: rows, environment: env)
    }

    func classes(in folder: TemporaryDirectory) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in folder.list("demo/pictures") where name.hasSuffix(".labels.json") {
            let sidecar = try SidecarCodec.decode(try #require(folder.read("demo/pictures/" + name)), file: name)
            for annotation in sidecar.annotations where annotation.isClassification {
                #expect(annotation.author == "ana")
                result[sidecar.file] = annotation.label
            }
        }
        return result
    }

    /// The README's first command, as a new user types it (`swift run termlabel demo`, run here
    /// as the built binary): the demo once crashed right after writing its dataset.
    @Test func theReadmeDemoCommandOpensThePictureAndQuits() throws {
        let folder = TemporaryDirectory()
        let env = ["TERM": "tmux-256color", "XDG_STATE_HOME": folder.url("state"), "XDG_CONFIG_HOME": folder.url("config"),
                   "TMPDIR": folder.path, "NO_COLOR": ""]
        let tmux = try TmuxSession("\(termlabel) demo", columns: 100, rows: 30, environment: env)
        #expect(tmux.waitFor("NORMAL", seconds: 20), "\(tmux.capture())")
        #expect(tmux.capture().contains("pictures/scene1.png"))
        #expect(tmux.capture().contains("▀"), "the picture is drawn")
        #expect(tmux.capture().contains("?: keys and label guidelines"), "the first screen says where the keys are")
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"), "\(tmux.capture())")
        #expect(tmux.capture().contains("wrote the demo dataset"))
        #expect(!tmux.capture().contains("Can't read a value"))
    }

    @Test func classifyTenUndoTwoAndQuit() throws {
        let folder = try demo()
        let tmux = try session(folder)
        #expect(tmux.waitFor("NORMAL"))
        tmux.send("c")
        #expect(tmux.waitFor("CLASS"))
        for key in ["1", "2", "3", "1", "1", "2", "3", "3", "2", "1"] {
            tmux.send(key)
            usleep(60_000)
        }
        #expect(tmux.waitFor("11/41"))
        tmux.send("Escape", "u", "u")
        #expect(tmux.waitFor("undid class ambiguous"))
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
        // Pictures come in natural order (scene2 before scene10); the last two classes were undone.
        let expected = ["scene1.png": "clear", "scene2.png": "ambiguous", "scene3.png": "discard", "scene4.png": "clear",
                        "scene5.png": "clear", "scene6.png": "ambiguous", "scene7.png": "discard", "scene8.png": "discard"]
        #expect(try classes(in: folder) == expected)
    }

    @Test func aHangUpRightAfterAClassKeyLosesNothing() throws {
        let folder = try demo()
        let tmux = try session(folder)
        #expect(tmux.waitFor("NORMAL"))
        tmux.send("c", "2")
        let pid = try #require(tmux.commandProcess)
        kill(pid, SIGHUP)
        #expect(tmux.waitFor("EXIT="))
        #expect(try classes(in: folder) == ["scene1.png": "ambiguous"])
        // The terminal was given back: the shell's output is on a normal screen.
        #expect(!tmux.capture().contains("CLASS"))
    }

    @Test func resizingWhileRunningKeepsWorking() throws {
        let folder = try demo()
        let tmux = try session(folder, columns: 100, rows: 30)
        #expect(tmux.waitFor("NORMAL"))
        for (columns, rows) in [(40, 10), (200, 60), (1, 1), (10, 3), (80, 24)] {
            tmux.resize(columns: columns, rows: rows)
            usleep(150_000)
        }
        #expect(tmux.waitFor("Classes"), "the panel is back at 80 columns")
        let lines = tmux.capture().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix(" NORMAL  pictures/scene1.png") })
        tmux.send("c", "1", "Escape", ":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
        #expect(try classes(in: folder) == ["scene1.png": "clear"])
    }

    @Test func noColorMeansNoColourEscapes() throws {
        let folder = try demo()
        let tmux = try session(folder, environment: ["NO_COLOR": "1"])
        #expect(tmux.waitFor("NORMAL"))
        let screen = tmux.capture(escapes: true)
        // Attributes (reverse, bold) and "default colour" (39/49) may remain; colours may not.
        let codes = screen.components(separatedBy: "\u{1B}[").dropFirst().compactMap { $0.split(separator: "m").first }
        let colours = codes.flatMap { $0.split(separator: ";") }.filter { part in
            guard let value = Int(part) else { return false }
            return ((30...48).contains(value) && value != 39) || (90...107).contains(value)
        }
        #expect(colours.isEmpty, "\(Set(colours))")
        #expect(screen.contains("Classes"))
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    /// COLORTERM=truecolor (or --colors truecolor) on a 256-colour TERM: the editor switches to
    /// the terminal's `-direct` entry (ncurses-term, which the README installs) and draws 24-bit.
    @Test(arguments: [["COLORTERM": "truecolor"], ["COLORTERM": ""]])
    func twentyFourBitColourWhenAskedFor(_ environment: [String: String]) throws {
        let folder = try demo()
        let tmux = try session(folder, environment[""] ?? (environment["COLORTERM"] == "" ? "--colors truecolor" : ""), environment: environment)
        #expect(tmux.waitFor("NORMAL"))
        #expect(tmux.waitUntil { tmux.capture(escapes: true).contains("\u{1B}[38;2;") }, "\(tmux.capture())")
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func colourIsUsedWhenTheTerminalHasIt() throws {
        let folder = try demo()
        let tmux = try session(folder)
        #expect(tmux.waitFor("NORMAL"))
        #expect(tmux.waitUntil { tmux.capture(escapes: true).contains("\u{1B}[38;5;") })
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }
}
