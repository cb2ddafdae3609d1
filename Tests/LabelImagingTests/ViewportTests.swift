import LabelCore
import LabelImaging
import Testing

@Suite struct ViewportTests {
    @Test func fitCentresThePictureOnWholeDisplayPixels() {
        let viewport = Viewport(imageSize: ImageSize(width: 4000, height: 3000), columns: 200, rows: 60)
        #expect(viewport.scale == 0.04)
        #expect(viewport.isFitted)
        #expect(viewport.displayPixel(x: 0, y: 0) == (20, 0))
        #expect(viewport.displayPixel(x: 3999, y: 2999) == (179, 119))
        #expect(viewport.imagePixel(displayX: 19, displayY: 5) == nil)
        #expect(viewport.zoomDescription == "fit")
    }

    /// Every display pixel inside the picture maps to an image pixel whose span holds it,
    /// and every image pixel's span maps back to that pixel — at every zoom level.
    @Test(arguments: [nil] + Viewport.zoomLevels.map { Optional($0) })
    func pixelsAndDisplayPixelsMapBothWays(scale: Double?) {
        var viewport = Viewport(imageSize: ImageSize(width: 641, height: 479), columns: 97, rows: 31)
        if let scale { viewport.zoom(to: scale, aroundX: 320, y: 240) }
        var inside = 0
        for displayY in 0..<viewport.displayHeight {
            for displayX in 0..<viewport.displayWidth {
                guard let pixel = viewport.imagePixel(displayX: displayX, displayY: displayY) else { continue }
                inside += 1
                let span = viewport.displaySpan(x: pixel.x, y: pixel.y)
                #expect(span.x.contains(displayX) && span.y.contains(displayY), "display \(displayX),\(displayY) at scale \(viewport.scale)")
            }
        }
        #expect(inside > 0)
        if viewport.scale >= 1 {
            let s = Int(viewport.scale)
            for (x, y) in [(320, 240), (300, 250), (330, 233)] {
                let span = viewport.displaySpan(x: x, y: y)
                #expect(span.x.count == s && span.y.count == s)
                for displayX in span.x where (0..<viewport.displayWidth).contains(displayX) {
                    for displayY in span.y where (0..<viewport.displayHeight).contains(displayY) {
                        #expect(viewport.imagePixel(displayX: displayX, displayY: displayY)! == (x, y))
                    }
                }
            }
        }
    }

    @Test func zoomKeepsTheCursorInPlaceAndSnapsToWholePixels() {
        var viewport = Viewport(imageSize: ImageSize(width: 1000, height: 800), columns: 100, rows: 40)
        let before = viewport.displayPixel(x: 400, y: 300)
        viewport.zoomIn(aroundX: 400, y: 300)
        #expect(viewport.scale == 0.125)
        let after = viewport.displayPixel(x: 400, y: 300)
        #expect(abs(after.x - before.x) <= 1 && abs(after.y - before.y) <= 1)
        for _ in 0..<6 { viewport.zoomIn(aroundX: 400, y: 300) }
        #expect(viewport.scale == 8)
        #expect(viewport.originX == viewport.originX.rounded())
        #expect(viewport.zoomDescription == "8×")
        let cursor = viewport.displayPixel(x: 400, y: 300)
        #expect((0..<100).contains(cursor.x) && (0..<80).contains(cursor.y))
        for _ in 0..<20 { viewport.zoomOut(aroundX: 400, y: 300) }
        #expect(viewport.isFitted)
    }

    @Test func panningStopsAtTheEdgesAndFollowsTheCursor() {
        var viewport = Viewport(imageSize: ImageSize(width: 1000, height: 800), columns: 100, rows: 40)
        viewport.zoom(to: 4, aroundX: 0, y: 0)
        #expect(viewport.originX == 0 && viewport.originY == 0)
        viewport.pan(columns: -10, rows: -10)
        #expect(viewport.originX == 0 && viewport.originY == 0)
        viewport.pan(columns: 10_000, rows: 10_000)
        #expect(viewport.originX == 975 && viewport.originY == 780)
        viewport.ensureVisible(x: 100, y: 100)
        let shown = viewport.displaySpan(x: 100, y: 100)
        #expect(shown.x.lowerBound >= 2 && shown.x.upperBound <= 98)
        #expect(shown.y.lowerBound >= 4 && shown.y.upperBound <= 76)
    }

    @Test func resizingKeepsAFittedPictureFitted() {
        var viewport = Viewport(imageSize: ImageSize(width: 300, height: 200), columns: 80, rows: 24)
        viewport.resize(columns: 200, rows: 60)
        #expect(viewport.isFitted && viewport.scale == min(200.0 / 300, 120.0 / 200))
        viewport.resize(columns: 1, rows: 1)
        #expect(viewport.scale > 0)
        #expect(viewport.imagePixel(displayX: 0, displayY: 0) != nil)
    }

    @Test func theSamplerShowsCrispPixelsWhenZoomedIn() {
        var picture = PixelImage(width: 4, height: 4, color: .black)
        picture.setPixel(1, 1, .white)
        var viewport = Viewport(imageSize: ImageSize(width: 4, height: 4), columns: 8, rows: 4)
        viewport.zoom(to: 2, aroundX: 0, y: 0)
        let shown = ViewportSampler.sample(DecodedPicture(image: picture, fullSize: picture.size, reduction: 1), viewport: viewport)
        #expect(shown.width == 8 && shown.height == 8)
        var white: [(x: Int, y: Int)] = []
        for y in 0..<8 {
            for x in 0..<8 where shown.pixel(x, y).rgb == .white && shown.pixel(x, y).alpha == 255 { white.append((x, y)) }
        }
        let span = viewport.displaySpan(x: 1, y: 1)
        #expect(white.count == 4)
        #expect(white.allSatisfy { span.x.contains($0.x) && span.y.contains($0.y) })
    }
}
