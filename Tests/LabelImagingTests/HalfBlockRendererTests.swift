import LabelCells
import LabelCore
import LabelImaging
import Testing

@Suite struct HalfBlockRendererTests {
    static let red = RGB(255, 0, 0), blue = RGB(0, 0, 255), white = RGB.white, black = RGB.black

    func image(_ rows: [[RGB]]) -> PixelImage {
        var image = PixelImage(width: rows[0].count, height: rows.count, color: .black)
        for (y, row) in rows.enumerated() { for (x, color) in row.enumerated() { image.setPixel(x, y, color) } }
        return image
    }

    @Test func eachCellShowsTwoVerticalPixels() {
        let checker = image([[Self.white, Self.black, Self.white], [Self.black, Self.white, Self.black],
                             [Self.red, Self.red, Self.blue], [Self.red, Self.blue, Self.blue]])
        let grid = HalfBlockRenderer(depth: .truecolor).render(checker)
        #expect(grid.lines == ["▀▀▀", " ▀ "])
        #expect(grid[0, 0].style == Style(foreground: .rgb(.white), background: .rgb(.black)))
        #expect(grid[1, 0].style == Style(foreground: .rgb(.black), background: .rgb(.white)))
        #expect(grid[0, 1].style.background == .rgb(Self.red))
        #expect(grid[1, 1].style == Style(foreground: .rgb(Self.red), background: .rgb(Self.blue)))
        #expect(grid[2, 1].style.background == .rgb(Self.blue))
    }

    @Test func anOddHeightLeavesTheLastLowerHalfEmpty() {
        let grid = HalfBlockRenderer(depth: .truecolor).render(image([[Self.red, Self.blue], [Self.red, Self.red], [Self.white, Self.blue]]))
        #expect(grid.lines == [" ▀", "▀▀"])
        #expect(grid[0, 1].style == Style(foreground: .rgb(.white), background: .terminalDefault))
        #expect(grid[1, 1].style == Style(foreground: .rgb(Self.blue), background: .terminalDefault))
    }

    @Test func transparentPixelsShowTheBackground() {
        var picture = PixelImage(width: 1, height: 2, color: Self.red)
        picture.setPixel(0, 1, Self.red, alpha: 0)
        let grid = HalfBlockRenderer(depth: .truecolor, background: RGB(10, 20, 30)).render(picture)
        #expect(grid[0, 0].style == Style(foreground: .rgb(Self.red), background: .rgb(10, 20, 30)))
        var half = PixelImage(width: 1, height: 1, color: .white)
        half.setPixel(0, 0, .white, alpha: 128)
        #expect(HalfBlockRenderer(depth: .truecolor).render(half)[0, 0].style.foreground == .rgb(128, 128, 128))
    }

    @Test func a256ColourGradientUsesOnlyTheCubeAndTheGreyRamp() {
        var gradient = PixelImage(width: 64, height: 2, color: .black)
        for x in 0..<64 {
            gradient.setPixel(x, 0, RGB(UInt8(x * 4), UInt8(255 - x * 4), 128))
            gradient.setPixel(x, 1, RGB(UInt8(x * 4), UInt8(x * 4), UInt8(x * 4)))
        }
        let grid = HalfBlockRenderer(depth: .palette256).render(gradient)
        for x in 0..<64 {
            let cell = grid[x, 0]
            guard case .indexed(let bottom) = cell.style.background else {
                Issue.record("cell \(x) has no indexed background")
                continue
            }
            if cell.text == "▀", case .indexed(let top) = cell.style.foreground { #expect(top >= 16) }
            #expect(bottom >= 16)
            #expect(bottom == 16 || bottom == 231 || bottom >= 232 || [59, 102, 145, 188].contains(bottom), "greys stay grey")
        }
    }

    @Test func candidateSearchMatchesTheExhaustiveSearch() {
        var generator = SystemRandomNumberGenerator()
        var colors = (0..<20_000).map { _ in RGB(UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator), UInt8.random(in: 0...255, using: &generator)) }
        colors += (0...255).map { RGB(UInt8($0), UInt8($0), UInt8($0)) }
        let mismatches = colors.filter { TerminalPalette.nearest256($0) != TerminalPalette.nearest256Exhaustive($0) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test func sixteenAndEightColoursAndNoColour() {
        let picture = image([[Self.red, Self.white], [Self.blue, Self.black]])
        let sixteen = HalfBlockRenderer(depth: .palette16).render(picture)
        #expect(sixteen[0, 0].style == Style(foreground: .indexed(9), background: .indexed(4)))
        let eight = HalfBlockRenderer(depth: .palette8).render(picture)
        #expect(eight[0, 0].style == Style(foreground: .indexed(1), background: .indexed(4)))
        let none = HalfBlockRenderer(depth: .none).render(image([[Self.white, Self.black, RGB(128, 128, 128)], [Self.black, Self.white, RGB(128, 128, 128)]]))
        #expect(none.lines == ["▀▄▒"])
        #expect(none[0, 0].style == .plain)
    }

    @Test func ditheringBreaksUpFlatBandsButKeepsTheAverage() {
        let flat = PixelImage(width: 16, height: 16, color: RGB(120, 120, 120))
        let plain = HalfBlockRenderer(depth: .palette256).render(flat)
        let dithered = HalfBlockRenderer(depth: .palette256, dither: true).render(flat)
        #expect(Set(plain.cells.map(\.style)).count == 1)
        #expect(Set(dithered.cells.flatMap { [$0.style.foreground, $0.style.background] }).count > 1)
    }

    @Test func fittingKeepsTheAspectWithSquareHalfCells() {
        #expect(CellFit.pixelSize(of: ImageSize(width: 4000, height: 3000), columns: 200, rows: 60) == ImageSize(width: 160, height: 120))
        #expect(CellFit.pixelSize(of: ImageSize(width: 100, height: 10), columns: 80, rows: 24) == ImageSize(width: 80, height: 8))
        #expect(CellFit.pixelSize(of: ImageSize(width: 3, height: 3), columns: 80, rows: 24) == ImageSize(width: 48, height: 48))
    }

    @Test func areaAveragingIsExactAndUpscalingIsNearest() {
        let stripes = image([[Self.white, Self.black, Self.white, Self.black]])
        let half = AreaResampler.resize(stripes, width: 2, height: 1)
        #expect(half.pixel(0, 0).rgb == RGB(128, 128, 128))
        let third = AreaResampler.resize(image([[Self.white, Self.white, Self.black]]), width: 2, height: 1)
        // Output 0 covers input 0 and half of input 1 (all white); output 1 half white, one black.
        #expect(third.pixel(0, 0).rgb == .white)
        #expect(third.pixel(1, 0).rgb == RGB(85, 85, 85))
        let grown = AreaResampler.resize(image([[Self.red, Self.blue]]), width: 4, height: 2)
        #expect((0..<4).map { grown.pixel($0, 1).rgb } == [Self.red, Self.red, Self.blue, Self.blue])
    }
}
