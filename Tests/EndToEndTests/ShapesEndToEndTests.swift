import Foundation
import LabelCore
import TestSupport
import Testing

/// Shapes drawn by keys on the real binary in tmux (issue 19), on scikit-image's pictures: a
/// polygon around the coffee cup, a five-point skeleton on the astronaut's face, the sky of
/// the rocket picture painted by region growing; each checked in the sidecar on disk.
@Suite(.enabled(if: RequiredTools.program("tmux") && RequiredTools.python("skimage")), .serialized) struct ShapesEndToEndTests {
    let termlabel = BuiltProducts.executable("termlabel")

    /// A folder with scikit-image's `name` picture saved as `file`, and `project` as termlabel.toml.
    func folder(_ name: String, _ file: String, project: String) throws -> TemporaryDirectory {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", project)
        try PythonScript.run("import sys, skimage.data, skimage.io; skimage.io.imsave(sys.argv[1], getattr(skimage.data, sys.argv[2])(), quality=95) "
                             + "if sys.argv[1].endswith('.jpg') else skimage.io.imsave(sys.argv[1], getattr(skimage.data, sys.argv[2])())",
                             [folder.url(file), name])
        return folder
    }

    func start(_ folder: TemporaryDirectory, _ file: String, noColor: Bool = false) throws -> TmuxSession {
        let tmux = try TmuxSession("\(termlabel) --annotator ana \(folder.url(file))", columns: 120, rows: 40,
                                   environment: ["TERM": "tmux-256color", "NO_COLOR": noColor ? "1" : "", "COLORTERM": "truecolor", "XDG_STATE_HOME": folder.url("state")])
        #expect(tmux.waitFor("NORMAL", seconds: 20), "\(tmux.capture())")
        return tmux
    }

    /// The keys that take the cursor from `from` to `to` with counted motions (`123l`).
    func moves(from: (x: Int, y: Int), to: (x: Int, y: Int)) -> String {
        var keys = ""
        if to.x != from.x { keys += "\(abs(to.x - from.x))" + (to.x > from.x ? "l" : "h") }
        if to.y != from.y { keys += "\(abs(to.y - from.y))" + (to.y > from.y ? "j" : "k") }
        return keys
    }

    func annotations(_ folder: TemporaryDirectory, _ file: String) -> [Annotation] {
        guard let bytes = folder.read(file + ".labels.json") else { return [] }
        return (try? SidecarCodec.decode(bytes, file: file).annotations) ?? []
    }

    @Test func aPolygonAroundTheCoffeeCup() throws {
        let folder = try folder("coffee", "coffee.png", project: "[polygons]\nlabels = [\"cup\", \"saucer\"]\n")
        let tmux = try start(folder, "coffee.png")
        // The cup's outline in the 600×400 picture, rim to handle, by eye.
        let outline = [(180, 60), (250, 20), (340, 22), (405, 70), (400, 190), (380, 240), (320, 265), (250, 300), (200, 295), (190, 230), (175, 150)]
        tmux.type("gg0p")
        #expect(tmux.waitFor("POLYGON"), "\(tmux.capture())")
        var cursor = (x: 0, y: 0)
        for vertex in outline {
            tmux.type(moves(from: cursor, to: vertex))
            tmux.send("Space")
            cursor = vertex
        }
        #expect(tmux.waitFor("vertex 11 of 11 at 175,150"), "\(tmux.capture())")
        tmux.send("Enter")
        #expect(tmux.waitFor("PICK"))
        tmux.type("1")
        #expect(tmux.waitFor("polygon cup, 11 vertices"), "\(tmux.capture())")
        let polygon = try #require(annotations(folder, "coffee.png").first?.polygon)
        #expect(polygon.points == outline.map { ShapePoint.centre(ofPixel: $0.0, $0.1) })
        #expect(polygon.bounds == BoxGeometry(x: 175, y: 20, width: 231, height: 281))
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func aFivePointSkeletonOnTheAstronautWithoutColour() throws {
        let project = """
        [keypoints.face]
        names = ["nose", "left_eye", "right_eye", "left_ear", "right_ear"]
        edges = [[0, 1], [0, 2], [1, 3], [2, 4]]
        """
        let folder = try folder("astronaut", "astronaut.png", project: project)
        let tmux = try start(folder, "astronaut.png", noColor: true)
        // Her face in the 512×512 picture: the ears under her hair are placed as hidden.
        let nose: (Int, Int) = (225, 122), leftEye: (Int, Int) = (245, 100), rightEye: (Int, Int) = (205, 100)
        let leftEar: (Int, Int) = (272, 115), rightEar: (Int, Int) = (178, 118)
        var cursor = (x: 256, y: 256)
        tmux.type("s")
        #expect(tmux.waitFor("face 1/5: nose"), "\(tmux.capture())")
        let steps: [((Int, Int), String)] = [(nose, "Space"), (leftEye, "Space"), (rightEye, "Space"), (leftEar, "o"), (rightEar, "o")]
        for (target, key) in steps {
            tmux.type(moves(from: cursor, to: target))
            tmux.send(key)
            cursor = target
        }
        #expect(tmux.waitFor("face: 5 of 5 points"), "\(tmux.capture())")
        let set = try #require(annotations(folder, "astronaut.png").first?.keypoints)
        #expect(set.skeleton == "face")
        let visible: [Keypoint] = [nose, leftEye, rightEye].map { Keypoint(x: Double($0.0) + 0.5, y: Double($0.1) + 0.5, visibility: .visible) }
        let hidden: [Keypoint] = [leftEar, rightEar].map { Keypoint(x: Double($0.0) + 0.5, y: Double($0.1) + 0.5, visibility: .hidden) }
        #expect(set.points == visible + hidden)
        // Without colour the points are drawn as characters: ● visible, ○ hidden.
        #expect(tmux.waitUntil { tmux.capture().contains("●") && tmux.capture().contains("○") }, "\(tmux.capture())")
        #expect(!tmux.capture(escapes: true).contains("38;5;"), "no colour codes with NO_COLOR")
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func theSkyOfTheRocketPaintedByRegionGrowing() throws {
        let folder = try folder("rocket", "rocket.jpg", project: "[masks]\nlabels = [\"sky\", \"ground\"]\n")
        let tmux = try start(folder, "rocket.jpg")
        // Three seeds down the sky's gradient (the 640×427 picture darkens upwards).
        var cursor = (x: 320, y: 213)
        tmux.type(moves(from: cursor, to: (250, 60)) + "m")
        #expect(tmux.waitFor("MASK"), "\(tmux.capture())")
        cursor = (250, 60)
        for seed in [(250, 60), (250, 200), (250, 300)] {
            tmux.type(moves(from: cursor, to: seed) + "g")
            cursor = seed
            #expect(tmux.waitFor("at tolerance 32"), "\(tmux.capture())")
        }
        tmux.send("Enter")
        #expect(tmux.waitFor("PICK"))
        tmux.type("1")
        #expect(tmux.waitFor("mask sky,"), "\(tmux.capture())")
        let mask = try #require(annotations(folder, "rocket.jpg").first?.mask)
        #expect(mask.height == 427 && mask.width == 640)
        let bitmap = try #require(mask.bitmap())
        func share(_ xs: Range<Int>, _ ys: Range<Int>) -> Double {
            var on = 0
            for y in ys { for x in xs where bitmap[x, y] { on += 1 } }
            return Double(on) / Double(xs.count * ys.count)
        }
        #expect(share(210..<300, 0..<330) > 0.9, "the open sky between the left tower and the rocket is painted")
        #expect(share(314..<328, 160..<330) < 0.05, "the white rocket is not")
        #expect(share(0..<640, 400..<427) < 0.2, "the lit ground below stays out")
        tmux.send(":", "q", "Enter")
        #expect(tmux.waitFor("EXIT=0"))
    }
}
