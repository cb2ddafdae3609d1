import LabelCells
import LabelCore
import LabelEditor
import LabelImaging
import LabelInput
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Polygons, keypoints and masks drawn by keys (DESIGN §11), checked in the sidecar on disk.
@Suite struct ShapeDrawingTests {
    static let project = """
    [boxes]
    labels = [ { name = "cat" } ]
    [polygons]
    labels = [ { name = "cup", color = "#ff8800" }, { name = "plate" } ]
    [masks]
    labels = [ { name = "sky", color = "#3060ff" }, { name = "ground" } ]
    [keypoints.face]
    names = [ "left_eye", "right_eye", "nose" ]
    edges = [ [0, 1], [0, 2], [1, 2] ]
    """

    /// 60×40: a blue sky (rows 0…14) over dark ground, a red square at x 20…29, y 20…29.
    static var picture: PixelImage {
        var image = PixelImage(width: 60, height: 40, color: RGBLike.dark)
        for y in 0...14 { for x in 0..<60 { image.setPixel(x, y, LabelCellsRGB.make(60, 110, 230)) } }
        for y in 20...29 { for x in 20...29 { image.setPixel(x, y, RGBLike.red) } }
        return image
    }

    func fixture(keymap: String? = nil, colorDepth: ColorDepth = .truecolor) throws -> EditorFixture {
        try EditorFixture(project: Self.project, pictures: ["scene.png": Self.picture], columns: 100, rows: 30, keymapName: keymap, colorDepth: colorDepth)
    }

    func annotations(_ fixture: EditorFixture) throws -> [Annotation] { try fixture.sidecar("scene.png")?.annotations ?? [] }

    @Test func aPolygonByKeysThenItsVerticesEditedAndUndone() throws {
        let fixture = try fixture()
        // The cursor starts at 30,20; place a triangle.
        fixture.type("p space 1 0 l space 1 0 j space ret 1")
        let polygons = try annotations(fixture).compactMap(\.polygon)
        #expect(polygons == [PolygonGeometry(points: [ShapePoint(x: 30.5, y: 20.5), ShapePoint(x: 40.5, y: 20.5), ShapePoint(x: 40.5, y: 30.5)])])
        #expect(try annotations(fixture).first?.label == "cup")
        #expect(fixture.editor.message?.text == "polygon cup, 3 vertices")
        // Edit: the second vertex dragged 5 left, a vertex inserted after it, then the first deleted.
        fixture.type("tab ret tab 5 h space 2 j ret")
        var points = try #require(try annotations(fixture).first?.polygon?.points)
        #expect(points == [ShapePoint(x: 30.5, y: 20.5), ShapePoint(x: 35.5, y: 20.5), ShapePoint(x: 35.5, y: 22.5), ShapePoint(x: 40.5, y: 30.5)])
        fixture.type("tab ret backspace ret")
        points = try #require(try annotations(fixture).first?.polygon?.points)
        #expect(points.count == 3 && points.first == ShapePoint(x: 35.5, y: 20.5))
        fixture.type("u u")
        #expect(try annotations(fixture).first?.polygon?.points.count == 3)
        #expect(try annotations(fixture).first?.polygon?.points[1] == ShapePoint(x: 40.5, y: 20.5))
    }

    @Test func aPolygonNeedsThreeVerticesAndBackspaceRemovesTheLast() throws {
        let fixture = try fixture()
        fixture.type("p space 5 l space ret")
        #expect(fixture.editor.message?.text == "a polygon needs at least 3 vertices (it has 2)")
        #expect(fixture.editor.mode.title == "POLYGON")
        fixture.type("5 j space backspace backspace")
        fixture.type("esc")
        #expect(fixture.editor.message?.text.contains("vertices were dropped") == true)
        #expect(try annotations(fixture).isEmpty)
    }

    @Test func aSkeletonPlacedPointByPointWithAHiddenAndASkippedPoint() throws {
        let fixture = try fixture()
        fixture.type("s")
        #expect(fixture.editor.message?.text.hasPrefix("face 1/3: left_eye") == true)
        fixture.type("space 6 l o s")
        let set = try #require(try annotations(fixture).first?.keypoints)
        #expect(set == KeypointSet(skeleton: "face", points: [
            Keypoint(x: 30.5, y: 20.5, visibility: .visible), Keypoint(x: 36.5, y: 20.5, visibility: .hidden), .unlabeled,
        ]))
        #expect(try annotations(fixture).first?.label == "face")
        // Edited later: the nose placed, the rest kept.
        fixture.type("tab ret tab tab 4 j space")
        #expect(try annotations(fixture).first?.keypoints?.points[2] == Keypoint(x: 36.5, y: 24.5, visibility: .visible))
        #expect(try annotations(fixture).first?.keypoints?.points[0] == Keypoint(x: 30.5, y: 20.5, visibility: .visible))
    }

    @Test func aMaskGrownFromTheSkyThenBrushedAndErased() throws {
        let fixture = try fixture()
        fixture.type("g g m g")
        #expect(fixture.editor.message?.text.hasPrefix("grew 900 pixels") == true)
        fixture.type("ret 1")
        var mask = try #require(try annotations(fixture).first?.mask)
        var bitmap = try #require(mask.bitmap())
        #expect(bitmap.area == 900 && bitmap.bounds == BoxGeometry(x: 0, y: 0, width: 60, height: 15))
        #expect(try annotations(fixture).first?.label == "sky")
        // Edit: a brush of radius 2 stroked down from 30,17 to 30,20, then a radius-1 eraser there.
        fixture.type("tab ret 3 0 l 1 7 j 2 p 3 j p 1 x ret")
        mask = try #require(try annotations(fixture).first?.mask)
        bitmap = try #require(mask.bitmap())
        #expect(bitmap[30, 17] && bitmap[32, 20] && bitmap[30, 22])
        #expect(!bitmap[30, 20] && !bitmap[31, 20] && !bitmap[30, 19] && !bitmap[30, 23])
    }

    @Test func aPolygonFilledIntoAMask() throws {
        let fixture = try fixture()
        fixture.type("p 1 0 h space 1 0 l space 1 0 j space 1 0 h space ret 2")
        fixture.type("5 k 5 l m f ret 2")
        let mask = try #require(try annotations(fixture).compactMap(\.mask).first)
        let polygon = try #require(try annotations(fixture).compactMap(\.polygon).first)
        #expect(mask.bitmap() == PolygonRaster.bitmap(polygon, height: 40, width: 60))
        #expect(try annotations(fixture).first { $0.mask != nil }?.label == "ground")
    }

    @Test func withTheArrowsKeymap() throws {
        let fixture = try fixture(keymap: "arrows")
        fixture.type("C-p space right right right space down down down space ret ret")
        #expect(try annotations(fixture).compactMap(\.polygon).first?.points.count == 3)
        fixture.type("C-k space right o del")
        #expect(try annotations(fixture).compactMap(\.keypoints).first?.labeledCount == 2)
        fixture.type("C-home C-t F4 ret ret")
        #expect(try annotations(fixture).compactMap(\.mask).first.flatMap { $0.bitmap()?.area } == 900)
    }

    @Test func aPolygonTypedOnTheCommandLineWithFractions() throws {
        let fixture = try fixture()
        fixture.type(":")
        fixture.typeText("polygon 1.5 2 30,4.25 20 30.5")
        fixture.type("ret ret")
        #expect(try annotations(fixture).first?.polygon?.points == [ShapePoint(x: 1.5, y: 2), ShapePoint(x: 30, y: 4.25), ShapePoint(x: 20, y: 30.5)])
        fixture.type(":")
        fixture.typeText("polygon 1 2 3 4")
        fixture.type("ret")
        #expect(fixture.editor.message?.text.hasPrefix("usage: :polygon") == true)
        fixture.type(":")
        fixture.typeText("polygon 1 2 3 4 99 5")
        fixture.type("ret")
        #expect(fixture.editor.message?.text == "a vertex lies outside the 60×40 picture")
    }

    /// The mouse: clicks add vertices, a click on a vertex picks it and a drag moves it; in MASK a drag paints.
    @Test func theMouseDrawsPolygonsAndPaintsMasks() throws {
        let fixture = try fixture()
        _ = fixture.screen
        fixture.type("p")
        // The 60×40 picture at fit in the 100×30 view: find the cells of three pixels.
        func cell(_ x: Int, _ y: Int) -> (column: Int, row: Int) {
            var best = (column: 0, row: 0), distance = Int.max
            for row in 0..<30 {
                for column in 0..<100 {
                    guard let pixel = fixture.editor.pixel(atColumn: column, row: row) else { continue }
                    let away = abs(pixel.x - x) + abs(pixel.y - y)
                    if away < distance { (best, distance) = ((column, row), away) }
                }
            }
            return best
        }
        for (x, y) in [(10, 10), (40, 10), (40, 30)] {
            let at = cell(x, y)
            fixture.editor.handle(.mouse(MouseEvent(.press, column: at.column, row: at.row)))
        }
        #expect(fixture.editor.mode.polygonDraft?.points.count == 3)
        let first = cell(10, 10), moved = cell(15, 12)
        fixture.editor.handle(.mouse(MouseEvent(.press, column: first.column, row: first.row)))
        fixture.editor.handle(.mouse(MouseEvent(.drag, column: moved.column, row: moved.row)))
        #expect(fixture.editor.mode.polygonDraft?.points.count == 3, "a click on a vertex picks it instead of adding one")
        fixture.type("ret 1")
        let polygon = try #require(try annotations(fixture).first?.polygon)
        #expect(polygon.points[0].pixel == (15, 12) || abs(polygon.points[0].x - 15.5) < 1.5, "\(polygon.points)")
        fixture.type("m")
        let start = cell(5, 35), end = cell(50, 35)
        fixture.editor.handle(.mouse(MouseEvent(.press, column: start.column, row: start.row)))
        fixture.editor.handle(.mouse(MouseEvent(.drag, column: end.column, row: end.row)))
        #expect(fixture.editor.mode.title == "MASK", "\(fixture.editor.message?.text ?? "")")
        fixture.type("ret 2")
        let mask = try #require(try annotations(fixture).compactMap(\.mask).first?.bitmap())
        #expect(mask.bounds.map { $0.width >= 40 } == true, "a stroke across: \(String(describing: mask.bounds))")
    }

    /// Without colour, the whole screen: a polygon as a dotted outline with its tag, a mask as
    /// a ░ pattern, a skeleton's points ● and ○.
    @Test func withoutColourShapesAreCharacters() throws {
        let fixture = try EditorFixture(project: Self.project, pictures: ["scene.png": Self.picture], columns: 46, rows: 12, colorDepth: ColorDepth.none)
        fixture.folder.write("scene.png.labels.json", """
        {"format": "termlabel-sidecar", "version": 1, "file": "scene.png", "kind": "image", "image": {"width": 60, "height": 40}, "marks": [],
         "annotations": [
          {"id": "p", "type": "polygon", "label": "cup", "points": [[10, 10], [40, 10], [40, 35]]},
          {"id": "m", "type": "mask", "label": "sky", "rle": {"size": [40, 60], "counts": "\(MaskRLE(Self.corner).counts)"}},
          {"id": "k", "type": "keypoints", "label": "face", "skeleton": "face", "points": [[50, 30, 2], [56, 30, 1], [0, 0, 0]]}]}
        """)
        fixture.editor = try fixture.makeEditor(columns: 46, rows: 12)
        // (The cursor's cell may sit on the "decoding…" note, so the wait looks for a part of it.)
        var lines = fixture.editor.render().lines
        for _ in 0..<2000 where lines.contains(where: { $0.contains("decod") }) {
            usleep(10_000)
            lines = fixture.editor.render().lines
        }
        // The picture itself is drawn in shades (░▒) without colour.
        #expect(lines == [
            "        ╱▒╱▒╱▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒        ",
            "         sky  cup ▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒        ",
            "        ▒▒▒▒▒················▒▒▒▒▒▒▒▒▒        ",
            "        ░░░░░░░··░░░░░░░░░░░·░░░░░░░░░        ",
            "                 ···        ·                 ",
            "                  ░░··░┼    ·                 ",
            "                  ░░░░···   ·     face        ",
            "                  ░░░░░  ·· ·    ●··○         ",
            "                           ··                 ",
            "                                              ",
            " NORMAL  scene.png                 30,20  1/1 ",
            "                                              ",
        ])
    }

    /// The top-left 10×6 pixels.
    static var corner: Bitmap {
        var bitmap = Bitmap(height: 40, width: 60)
        for y in 0..<6 { for x in 0..<10 { bitmap[x, y] = true } }
        return bitmap
    }

    /// Help in a shape mode says what its motions drag and the words a binding adds.
    @Test func helpInMaskModeSaysWhatMotionsDo() throws {
        let fixture = try EditorFixture(project: Self.project, pictures: ["scene.png": Self.picture], columns: 120, rows: 40)
        fixture.type("m ?")
        let lines = fixture.screen.joined(separator: "\n")
        #expect(lines.contains("Keys in MASK mode"))
        #expect(lines.contains("Cursor left (a pixel, or a character), painting or erasing with the brush down"), "\(lines)")
        #expect(lines.contains("Add the region of similar colour around the cursor (`erase`: take it out) — with `erase`"))
    }

    @Test func shapesNeedTheirLabelsAndAPicture() throws {
        let fixture = try EditorFixture(project: "[boxes]\nlabels = [\"cat\"]\n", pictures: ["a.png": Self.picture])
        fixture.type("p")
        #expect(fixture.editor.message?.text == "no polygon labels yet: add one with :label add polygon NAME")
        fixture.type("s")
        #expect(fixture.editor.message?.text.hasPrefix("no skeletons yet") == true)
    }
}
