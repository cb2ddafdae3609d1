import LabelCore
import LabelImaging
import TestSupport
import Testing

@Suite(.enabled(if: RequiredTools.python("PIL"))) struct ImageHeaderTests {
    let folder = TemporaryDirectory()

    @Test func sizesOfEveryFormatWithoutDecoding() throws {
        try PythonScript.run("""
        from PIL import Image
        im = Image.new("RGB", (37, 21), (200, 30, 40))
        for name in ["a.png", "a.jpg", "a.bmp", "a.ppm"]:
            im.save(name)
        im.convert("L").save("a.pgm")
        """, currentDirectory: folder.path)
        for name in ["a.png", "a.jpg", "a.bmp", "a.ppm", "a.pgm"] {
            #expect(try ImageHeader.read(folder.url(name)).uprightSize == ImageSize(width: 37, height: 21), "\(name)")
        }
        #expect(try ImageHeader.read(folder.url("a.jpg")).format == .jpeg)
    }

    @Test func exifOrientationSwapsTheUprightSize() throws {
        try PythonScript.run("""
        from PIL import Image
        for orientation in range(1, 9):
            im = Image.new("RGB", (40, 10))
            exif = Image.Exif()
            exif[0x0112] = orientation
            im.save(f"o{orientation}.jpg", exif=exif.tobytes())
        """, currentDirectory: folder.path)
        for orientation in 1...8 {
            let header = try ImageHeader.read(folder.url("o\(orientation).jpg"))
            #expect(header.orientation == orientation)
            #expect(header.uprightSize == (orientation >= 5 ? ImageSize(width: 10, height: 40) : ImageSize(width: 40, height: 10)))
        }
    }

    @Test func hostileHeadersGiveClearErrors() {
        folder.write("empty.png", "")
        folder.write("text.png", "hello")
        folder.write("short.png", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])
        folder.write("nosof.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xD9])
        #expect(throws: ImageError.truncated(file: folder.url("empty.png"), detail: "the file is empty")) { try ImageHeader.read(folder.url("empty.png")) }
        #expect(throws: ImageError.unknownFormat(file: folder.url("text.png"))) { try ImageHeader.read(folder.url("text.png")) }
        for name in ["short.png", "nosof.jpg"] {
            #expect(throws: ImageError.self) { try ImageHeader.read(folder.url(name)) }
        }
    }
}
