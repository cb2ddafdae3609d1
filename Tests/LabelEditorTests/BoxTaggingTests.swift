import LabelCells
import LabelCore
import LabelEditor
import LabelImaging
import Testing

/// Boxes by keys on a picture whose object is at known pixels, checked on disk after each step.
@Suite struct BoxTaggingTests {
    /// 200×150, dark, with a red object at x 37…86, y 21…50.
    static var picture: PixelImage {
        var image = PixelImage(width: 200, height: 150, color: RGBLike.dark)
        for y in 21...50 { for x in 37...86 { image.setPixel(x, y, RGBLike.red) } }
        return image
    }

    func fixture() throws -> EditorFixture {
        try EditorFixture(pictures: ["target.png": Self.picture], columns: 120, rows: 40)
    }

    func boxes(_ fixture: EditorFixture) throws -> [Annotation] {
        try fixture.sidecar("target.png")?.annotations.filter { $0.box != nil } ?? []
    }

    @Test func drawAMatchingBoxThenRelabelMoveUndoRedoDelete() throws {
        let fixture = try fixture()
        // The cursor starts in the middle, at 100,75.
        fixture.type("6 3 h 5 4 k b 4 9 l 2 9 j ret 1")
        #expect(try boxes(fixture).map(\.box) == [BoxGeometry(x: 37, y: 21, width: 50, height: 30)])
        #expect(try boxes(fixture).first?.label == "cat")
        #expect(fixture.editor.message?.text == "box cat 37,21 50×30")
        fixture.type("tab r 2")
        #expect(try boxes(fixture).map(\.label) == ["dog"])
        // Enter edits the selected box: the far corner, then the whole box.
        fixture.type("ret 3 l ret ret")
        #expect(try boxes(fixture).map(\.box) == [BoxGeometry(x: 37, y: 21, width: 53, height: 30)])
        fixture.type("tab ret m 1 0 h ret ret")
        #expect(try boxes(fixture).map(\.box) == [BoxGeometry(x: 27, y: 21, width: 53, height: 30)])
        fixture.type("u")
        #expect(try boxes(fixture).map(\.box) == [BoxGeometry(x: 37, y: 21, width: 53, height: 30)])
        fixture.type("u")
        #expect(try boxes(fixture).map(\.box) == [BoxGeometry(x: 37, y: 21, width: 50, height: 30)])
        fixture.type("C-r C-r")
        #expect(try boxes(fixture).map(\.box) == [BoxGeometry(x: 27, y: 21, width: 53, height: 30)])
        fixture.type("tab d")
        #expect(try boxes(fixture).isEmpty)
    }

    @Test func boxesStayInsideThePictureAndAtLeastOnePixel() throws {
        let fixture = try fixture()
        fixture.type("b 5 0 0 l 5 0 0 j ret 1")
        #expect(try boxes(fixture).map(\.box) == [BoxGeometry(x: 100, y: 75, width: 100, height: 75)])
        fixture.type("g g 0 b ret 2")
        #expect(try boxes(fixture).contains { $0.box == BoxGeometry(x: 0, y: 0, width: 1, height: 1) && $0.label == "dog" })
        fixture.type("tab ret m 9 9 9 l 9 9 9 j ret ret")
        #expect(try boxes(fixture).allSatisfy { $0.box?.fits(in: ImageSize(width: 200, height: 150)) == true })
    }

    @Test func escapeCancelsAnUnfinishedBox() throws {
        let fixture = try fixture()
        fixture.type("b 1 0 l esc")
        #expect(fixture.editor.mode == .normal)
        fixture.type("b 1 0 l ret esc")
        #expect(try boxes(fixture).isEmpty)
    }

    @Test func zoomKeepsTheCursorAndFitReturns() throws {
        let fixture = try fixture()
        fixture.type("+ + +")
        // From fit (0.425×) the steps are 1/2×, 1×, 2×.
        #expect(fixture.screen[38].contains("100,75  2×"))
        fixture.type("=")
        #expect(fixture.screen[38].contains("100,75  fit"))
    }

    @Test func atHighZoomTheBoxOutlineFramesTheCornerPixelInsteadOfTheCursorFrame() throws {
        let fixture = try fixture()
        fixture.type("+ + + + +")
        #expect(fixture.screen[38].contains("100,75  8×"))
        // The dark theme's crosshair and selection colours, counted over the picture only.
        let crosshair = Color.rgb(LabelCellsRGB.make(0xff, 0xd7, 0x5f)), selection = Color.rgb(LabelCellsRGB.make(0x44, 0x47, 0x5a))
        func cells(_ color: Color) -> Int {
            let grid = fixture.renderDecoded()
            var count = 0
            for y in 0..<37 { for x in 0..<80 where grid[x, y].style.foreground == color || grid[x, y].style.background == color { count += 1 } }
            return count
        }
        // The cursor pixel (8×4 cells) is framed: 20 cells, and 14 cells of crosshair arms.
        #expect(cells(crosshair) == 34)
        #expect(cells(selection) == 0)
        fixture.type("b")
        // Drawing, the box's thick outline frames that pixel and only the arms stay.
        #expect(cells(crosshair) == 14)
        #expect(cells(selection) == 8 * 4 - 4 * 2)
    }

    @Test func aPictureWithNoObjectsIsATrueNegative() throws {
        let fixture = try fixture()
        fixture.type("ret")
        let sidecar = try #require(try fixture.sidecar("target.png"))
        #expect(sidecar.annotations.isEmpty)
        #expect(sidecar.marks.map(\.state) == [.done])
        #expect(sidecar.image == ImageSize(width: 200, height: 150))
    }
}

enum RGBLike {
    static let dark = LabelCellsRGB.make(30, 30, 30)
    static let red = LabelCellsRGB.make(220, 40, 40)
}
