import ArgumentParser
import LabelCells
import LabelCore
import LabelImaging
#if canImport(Glibc)
import Glibc
#endif

extension ColorDepth: ExpressibleByArgument {}

/// `termlabel render IMAGE`: the picture as half-block art on standard output, no TUI.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Print a picture as half-block art, fitted into COLS × ROWS cells keeping its aspect."
    )

    @Argument(help: "A PNG, JPEG, PPM/PGM/PNM or BMP picture.")
    var image: String

    @Option(help: "Width in cells (default: the terminal's width, or 80).")
    var cols: Int?

    @Option(help: "Height in cells (default: the terminal's height less one, or 24).")
    var rows: Int?

    @Option(help: "Colours: truecolor, 256, 16, 8 or none (default: what the terminal supports).")
    var colors: ColorDepth?

    @Flag(help: "Ordered dithering for 256 colours and fewer.")
    var dither = false

    @Flag(help: "Fill all COLS × ROWS cells, ignoring the picture's aspect.")
    var stretch = false

    @Option(help: ArgumentHelp("What transparent pixels are shown over.", valueName: "#rrggbb"))
    var background = "#000000"

    @Option(name: .customLong("max-megapixels"), help: "Refuse pictures with more pixels than this.")
    var maxMegapixels = 100

    func validate() throws {
        if let cols, cols < 1 { throw ValidationError("--cols must be at least 1") }
        if let rows, rows < 1 { throw ValidationError("--rows must be at least 1") }
        if RGB(hexString: background) == nil { throw ValidationError("--background must look like #rrggbb") }
    }

    func run() throws {
        let size = TerminalSize.current()
        let columns = cols ?? size?.columns ?? 80
        let lines = rows ?? size.map { max(1, $0.rows - 1) } ?? 24
        let header: ImageHeader
        do { header = try ImageHeader.read(image) } catch { throw CommandFailure(error.description) }
        let target = stretch ? ImageSize(width: columns, height: 2 * lines)
            : CellFit.pixelSize(of: header.uprightSize, columns: columns, rows: lines)
        let pixels: PixelImage
        do {
            pixels = try ImageDecoder(pixelBudget: maxMegapixels * 1_000_000).decode(image, resizedTo: target)
        } catch {
            throw CommandFailure(error.description)
        }
        let depth = ColorSupport.decide(environment: ProcessEnvironment.current, forced: colors, terminal: nil).depth
        let renderer = HalfBlockRenderer(depth: depth, dither: dither, background: RGB(hexString: background) ?? .black)
        FileHandleOutput.standardOutput.write(bytes: ANSIEncoder.encodeBytes(renderer.render(pixels)))
    }
}

/// The size of the terminal on standard output, if it is one.
enum TerminalSize {
    static func current() -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
