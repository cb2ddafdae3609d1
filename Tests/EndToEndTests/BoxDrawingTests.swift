import Foundation
import LabelCore
import TestSupport
import Testing

/// Boxes on the real binary in tmux, on a picture whose object sits at known pixels.
@Suite(.enabled(if: RequiredTools.program("tmux") && RequiredTools.python("PIL")), .serialized) struct BoxDrawingTests {
    let termlabel = BuiltProducts.executable("termlabel")

    /// 200×150 with a red object at x 37…86, y 21…50 (50×30).
    func picture() throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        try PythonScript.run("""
        from PIL import Image, ImageDraw
        im = Image.new("RGB", (200, 150), (30, 30, 30))
        ImageDraw.Draw(im).rectangle([37, 21, 86, 50], fill=(220, 40, 40))
        im.save("target.png")
        """, currentDirectory: folder.path)
        return folder
    }

    func start(_ folder: TemporaryDirectory, columns: Int = 100, rows: Int = 30, noColor: String = "", keymap: String? = nil) throws -> TmuxSession {
        let keymapOption = keymap.map { " --keymap \($0)" } ?? ""
        let tmux = try TmuxSession("\(termlabel) --annotator ana\(keymapOption) --boxes cat,dog \(folder.url("target.png"))", columns: columns, rows: rows,
                                   environment: ["TERM": "tmux-256color", "NO_COLOR": noColor, "COLORTERM": "", "XDG_STATE_HOME": folder.url("state")])
        #expect(tmux.waitFor("100,75"))
        return tmux
    }

    func boxes(_ folder: TemporaryDirectory) throws -> [Annotation] {
        guard let bytes = folder.read("target.png.labels.json") else { return [] }
        return try SidecarCodec.decode(bytes, file: "target.png.labels.json").annotations.filter { $0.box != nil }
    }

    /// Waits until the sidecar holds exactly these boxes (label and geometry).
    func expectBoxes(_ folder: TemporaryDirectory, _ tmux: TmuxSession, _ expected: [(String, BoxGeometry)],
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let matched = tmux.waitUntil(seconds: 5) {
            let found = ((try? boxes(folder)) ?? []).map { ($0.label, $0.box) }
            return found.count == expected.count && zip(found, expected).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        }
        #expect(matched, "\(String(describing: try? boxes(folder)))", sourceLocation: sourceLocation)
    }

    /// With NO_COLOR set, a drawn box is framed with line drawing, then Enter marks the picture
    /// done right after drawing (the walkthrough's two findings, on the real binary).
    @Test func withoutColourBoxesAreFramedAndEnterAfterDrawingMarksDone() throws {
        let folder = try picture()
        let tmux = try start(folder, noColor: "1")
        tmux.type("b9l9j")
        tmux.send("Enter")
        tmux.type("1")
        expectBoxes(folder, tmux, [("cat", BoxGeometry(x: 100, y: 75, width: 10, height: 10))])
        #expect(tmux.waitUntil { tmux.capture().contains("─") && tmux.capture().contains(" cat ") }, "\(tmux.capture())")
        #expect(!tmux.capture(escapes: true).contains("38;5;"), "no colour codes with NO_COLOR")
        tmux.send("Enter")
        #expect(tmux.waitUntil {
            (try? folder.read("target.png.labels.json").map { try SidecarCodec.decode($0, file: "s") })??.marks.contains { $0.state == .done } == true
        })
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    /// Esc and an arrow typed together (one write, as a fast typist or a slow link sends
    /// them) are Esc then the arrow: the arrow once came back as the character "ą".
    @Test func escapeFollowedAtOnceByAnArrowIsBothKeys() throws {
        let folder = try picture()
        let tmux = try start(folder)
        tmux.tmux(["send-keys", "-t", tmux.target, "Escape", "Left", "Escape", "Up"])
        #expect(tmux.waitFor("99,74"), "\(tmux.capture())")
        #expect(!tmux.capture().contains("does nothing"))
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    /// A tight box in ten keys on the real binary: far steps, a rough box, `t` snaps it to the
    /// object's edges (each side within a pixel: here exactly), Enter, then the label key.
    @Test func aTightBoxInTenKeys() throws {
        let folder = try picture()
        let tmux = try start(folder)
        let keys = ["K", "K", "H", "b", "5", "H", "3", "K", "t", "Enter"]
        for key in keys { tmux.send(key) }
        #expect(tmux.waitFor("PICK"), "\(tmux.capture())")
        tmux.send("1")
        expectBoxes(folder, tmux, [("cat", BoxGeometry(x: 37, y: 21, width: 50, height: 30))])
        #expect(keys.count == 10)
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func keysDrawRelabelMoveUndoRedoDelete() throws {
        let folder = try picture()
        let tmux = try start(folder)
        tmux.type("63h54k")
        #expect(tmux.waitFor("37,21"))
        tmux.type("b49l29j")
        tmux.send("Enter")
        #expect(tmux.waitFor("PICK"))
        tmux.type("1")
        expectBoxes(folder, tmux, [("cat", BoxGeometry(x: 37, y: 21, width: 50, height: 30))])
        tmux.send("Tab")
        tmux.type("r2")
        expectBoxes(folder, tmux, [("dog", BoxGeometry(x: 37, y: 21, width: 50, height: 30))])
        tmux.send("Enter")
        #expect(tmux.waitFor("BOX"))
        tmux.type("2l1j")
        tmux.send("Enter")
        tmux.send("Enter")
        expectBoxes(folder, tmux, [("dog", BoxGeometry(x: 37, y: 21, width: 52, height: 31))])
        tmux.type("u")
        expectBoxes(folder, tmux, [("dog", BoxGeometry(x: 37, y: 21, width: 50, height: 30))])
        tmux.send("C-r")
        expectBoxes(folder, tmux, [("dog", BoxGeometry(x: 37, y: 21, width: 52, height: 31))])
        tmux.send("Tab")
        tmux.type("d")
        expectBoxes(folder, tmux, [])
        tmux.type(":q")
        tmux.send("Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func aBoxAtEightTimesZoomAndOneAtFit() throws {
        let folder = try picture()
        let tmux = try start(folder)
        tmux.type("63h54k+++++")  // fit (0.37×) → 1/2, 1, 2, 4, 8
        #expect(tmux.waitFor("37,21  8×"))
        tmux.type("b49l29j ")
        #expect(tmux.waitFor("PICK"))
        tmux.type("1")
        expectBoxes(folder, tmux, [("cat", BoxGeometry(x: 37, y: 21, width: 50, height: 30))])
        tmux.type("=")
        #expect(tmux.waitFor("fit"))
        tmux.type("gg0b199l149j")
        tmux.send("Enter")
        tmux.type("2")
        expectBoxes(folder, tmux, [("dog", BoxGeometry(x: 0, y: 0, width: 200, height: 150)), ("cat", BoxGeometry(x: 37, y: 21, width: 50, height: 30))])
    }

    @Test func theMouseDrawsABox() throws {
        let folder = try picture()
        let tmux = try start(folder)
        // X10 mouse reports (tmux-256color's kmous): ESC [ M, button + 32, column + 33, row + 33.
        func report(_ button: Int, _ column: Int, _ row: Int) -> String {
            "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + column))) + String(UnicodeScalar(UInt8(33 + row)))
        }
        // A person clicks on the picture they see: the first frame is out.
        #expect(tmux.waitFor("NORMAL"))
        // Press, drag and release a moment apart, as a hand makes them (separate sends are
        // separate tmux clients: without the pause their order is not kept).
        for event in [report(0, 10, 4), report(32, 30, 12), report(3, 30, 12)] {
            tmux.type(event)
            usleep(100_000)
        }
        #expect(tmux.waitFor("PICK"))
        tmux.type("1")
        #expect(tmux.waitUntil(seconds: 5) { ((try? boxes(folder)) ?? []).count == 1 })
        let box = try #require(try boxes(folder).first?.box)
        // Cells 10…30 across and rows 4…12 at about 2.7 pixels per display pixel.
        #expect((20...35).contains(box.x) && (15...30).contains(box.y), "\(box)")
        #expect((45...65).contains(box.width) && (35...55).contains(box.height))
        // A click on the box selects it.
        tmux.type(report(0, 20, 8))
        #expect(tmux.waitFor("box cat"))
    }
}
