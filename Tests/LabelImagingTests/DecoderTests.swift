import LabelCells
import LabelCore
import LabelImaging
import TestSupport
import Testing

/// Each decoder on files written by other encoders (Pillow, ImageMagick), compared with what
/// Pillow decodes from the same file.
@Suite(.enabled(if: RequiredTools.python("PIL") && RequiredTools.imageMagick)) struct DecoderTests {
    let folder = TemporaryDirectory()

    /// Writes the fixtures and, for each, Pillow's upright RGBA pixels as `<name>.rgba`.
    func makeFixtures() throws -> [String] {
        let listing = try PythonScript.run("""
        import subprocess, math
        from PIL import Image, ImageOps
        w, h = 61, 37
        base = Image.new("RGBA", (w, h))
        px = base.load()
        for y in range(h):
            for x in range(w):
                px[x, y] = (x * 4 % 256, y * 7 % 256, int(127 + 120 * math.sin((x + y) / 6)), 255 if x < 40 else int(255 * y / (h - 1)))
        rgb = base.convert("RGB")
        names = []
        def save(image, name, **options):
            image.save(name, **options)
            names.append(name)
        save(rgb, "rgb8.png")
        save(base, "rgba8.png")
        save(rgb.convert("L"), "grey8.png")
        save(base.convert("LA"), "greyalpha.png")
        save(rgb.convert("1"), "bits1.png")
        pal = rgb.convert("P", palette=Image.ADAPTIVE, colors=32)
        pal.info["transparency"] = 3
        save(pal, "palette.png")
        for name, args in [("rgb16.png", ["-depth", "16"]), ("interlaced.png", ["-interlace", "PNG"]),
                           ("grey16.png", ["-colorspace", "Gray", "-depth", "16"])]:
            subprocess.run(["/usr/bin/convert", "rgba8.png"] + args + [name], check=True)
            names.append(name)
        save(rgb, "baseline.jpg", quality=92)
        save(rgb, "progressive.jpg", quality=92, progressive=True)
        save(rgb.convert("L"), "grey.jpg", quality=92)
        save(rgb.convert("CMYK"), "cmyk.jpg", quality=95)
        save(rgb, "p6.ppm")
        save(rgb.convert("L"), "p5.pgm")
        save(rgb.convert("1"), "p4.pbm")
        save(rgb, "rgb24.bmp")
        save(rgb.convert("P", palette=Image.ADAPTIVE, colors=200), "pal8.bmp")
        save(rgb.convert("1"), "bits1.bmp")
        save(base, "rgba32.bmp")
        subprocess.run(["/usr/bin/convert", "rgb8.png", "-colors", "16", "-compress", "RLE", "BMP3:rle.bmp"], check=True)
        names.append("rle.bmp")
        subprocess.run(["/usr/bin/convert", "rgb8.png", "-colors", "200", "-compress", "RLE", "BMP3:rle8.bmp"], check=True)
        names.append("rle8.bmp")
        for name in names:
            with Image.open(name) as image:
                upright = ImageOps.exif_transpose(image).convert("RGBA")
                if name.startswith("rgba32") and upright.getextrema()[3] == (0, 0):
                    upright.putalpha(255)
                open(name + ".rgba", "wb").write(upright.tobytes())
                print(name, upright.width, upright.height)
        """, currentDirectory: folder.path)
        return listing.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
    }

    func reference(_ name: String) throws -> [UInt8] { try #require(folder.read(name + ".rgba")) }

    /// The largest difference of one channel between two RGBA buffers (colour ignored where both are transparent).
    func maximumDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var worst = 0
        for index in stride(from: 0, to: min(a.count, b.count), by: 4) {
            if a[index + 3] == 0 && b[index + 3] == 0 { continue }
            for channel in 0..<4 { worst = max(worst, abs(Int(a[index + channel]) - Int(b[index + channel]))) }
        }
        return worst
    }

    @Test func everyFormatDecodesLikePillowDoes() throws {
        let names = try makeFixtures()
        #expect(names.count == 22)
        for name in names {
            let picture = try ImageDecoder().decode(folder.url(name))
            #expect(picture.image.size == ImageSize(width: 61, height: 37), "\(name)")
            #expect(picture.fullSize == ImageSize(width: 61, height: 37), "\(name)")
            let expected = try reference(name)
            #expect(picture.image.pixels.count == expected.count, "\(name)")
            // JPEG decoders may round differently (CMYK goes through two conversions).
            let tolerance = name == "cmyk.jpg" ? 12 : name.hasSuffix(".jpg") ? 3 : name.contains("16") ? 1 : 0
            #expect(maximumDifference(picture.image.pixels, expected) <= tolerance, "\(name)")
        }
    }

    @Test func headerSizeMatchesTheDecodedSize() throws {
        for name in try makeFixtures() {
            #expect(try ImageHeader.read(folder.url(name)).uprightSize == ImageSize(width: 61, height: 37), "\(name)")
        }
    }

    @Test func plainNetpbmAndSixteenBitSamples() throws {
        folder.write("p1.pbm", "P1\n# comment\n3 2\n010\n1 0 1\n")
        folder.write("p2.pgm", "P2 2 1 10 0 10\n")
        folder.write("p3.ppm", "P3\n1 1\n255\n255 128 0\n")
        folder.write("p5-16.pgm", bytes: Array("P5 2 1 65535\n".utf8) + [0xFF, 0xFF, 0x80, 0x00])
        let p1 = try ImageDecoder().decode(folder.url("p1.pbm")).image
        #expect((0..<3).map { p1.pixel($0, 0).rgb } == [.white, .black, .white])
        #expect((0..<3).map { p1.pixel($0, 1).rgb } == [.black, .white, .black])
        let p2 = try ImageDecoder().decode(folder.url("p2.pgm")).image
        #expect(p2.pixel(0, 0).rgb == .black && p2.pixel(1, 0).rgb == .white)
        #expect(try ImageDecoder().decode(folder.url("p3.ppm")).image.pixel(0, 0).rgb == RGB(255, 128, 0))
        let p5 = try ImageDecoder().decode(folder.url("p5-16.pgm")).image
        #expect(p5.pixel(0, 0).rgb == .white && p5.pixel(1, 0).rgb == RGB(128, 128, 128))
    }

    @Test func jpegsAreReducedInTheDCTDomainWhenFewerPixelsAreNeeded() throws {
        try PythonScript.run("""
        from PIL import Image
        Image.new("RGB", (800, 600), (30, 160, 90)).save("big.jpg", quality=90)
        """, currentDirectory: folder.path)
        let quarter = try ImageDecoder().decode(folder.url("big.jpg"), minimumSize: ImageSize(width: 190, height: 140))
        #expect(quarter.reduction == 4)
        #expect(quarter.image.size == ImageSize(width: 200, height: 150))
        #expect(quarter.fullSize == ImageSize(width: 800, height: 600))
        let color = quarter.image.pixel(100, 75).rgb
        #expect(abs(Int(color.green) - 160) <= 3)
        #expect(try ImageDecoder().decode(folder.url("big.jpg"), minimumSize: ImageSize(width: 500, height: 10)).reduction == 1)
        let fitted = try ImageDecoder().decode(folder.url("big.jpg"), resizedTo: ImageSize(width: 80, height: 60))
        #expect(fitted.size == ImageSize(width: 80, height: 60))
    }
}

/// EXIF orientations 1–8 are applied so every file looks the same upright.
@Suite(.enabled(if: RequiredTools.python("PIL"))) struct OrientationTests {
    @Test func allEightOrientationsComeOutUpright() throws {
        let folder = TemporaryDirectory()
        // An upright 48×32 picture of four solid quadrants, stored with the inverse of each
        // orientation's transform, so that applying the orientation gives it back.
        try PythonScript.run("""
        from PIL import Image
        upright = Image.new("RGB", (48, 32))
        colors = [(220, 30, 30), (30, 200, 40), (30, 40, 220), (240, 220, 30)]
        for i, color in enumerate(colors):
            upright.paste(color, ((i % 2) * 24, (i // 2) * 16, (i % 2) * 24 + 24, (i // 2) * 16 + 16))
        inverse = {1: None, 2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
                   5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_90, 7: Image.Transpose.TRANSVERSE, 8: Image.Transpose.ROTATE_270}
        for orientation in range(1, 9):
            stored = upright if inverse[orientation] is None else upright.transpose(inverse[orientation])
            exif = Image.Exif()
            exif[0x0112] = orientation
            stored.save(f"o{orientation}.jpg", quality=95, exif=exif.tobytes())
        """, currentDirectory: folder.path)
        let expected: [(Int, Int, RGB)] = [(12, 8, RGB(220, 30, 30)), (36, 8, RGB(30, 200, 40)), (12, 24, RGB(30, 40, 220)), (36, 24, RGB(240, 220, 30))]
        for orientation in 1...8 {
            let path = folder.url("o\(orientation).jpg")
            let picture = try ImageDecoder().decode(path)
            #expect(picture.image.size == ImageSize(width: 48, height: 32), "orientation \(orientation)")
            #expect(picture.fullSize == ImageSize(width: 48, height: 32))
            for (x, y, color) in expected {
                let got = picture.image.pixel(x, y).rgb
                let close = abs(Int(got.red) - Int(color.red)) + abs(Int(got.green) - Int(color.green)) + abs(Int(got.blue) - Int(color.blue)) < 30
                #expect(close, "orientation \(orientation) at \(x),\(y): \(got)")
            }
            let fitted = try ImageDecoder().decode(path, resizedTo: ImageSize(width: 4, height: 2))
            #expect(fitted.pixel(0, 0).rgb.red > 150 && fitted.pixel(3, 1).rgb.green > 150, "orientation \(orientation), reduced")
        }
    }
}

/// Truncated, bit-flipped and lying files: a clear error naming the file, never a crash.
@Suite(.enabled(if: RequiredTools.python("PIL"))) struct HostileImageTests {
    let folder = TemporaryDirectory()

    func fixtures() throws -> [String: [UInt8]] {
        try PythonScript.run("""
        from PIL import Image
        import math
        im = Image.new("RGB", (90, 70))
        im.putdata([(x * 3 % 256, y * 3 % 256, (x * y) % 256) for y in range(70) for x in range(90)])
        im.save("a.png"); im.save("a.jpg", quality=90); im.save("p.jpg", progressive=True); im.save("a.bmp"); im.save("a.ppm")
        im.convert("P").save("i.png", interlace=1)
        """, currentDirectory: folder.path)
        var result: [String: [UInt8]] = [:]
        for name in ["a.png", "a.jpg", "p.jpg", "a.bmp", "a.ppm", "i.png"] { result[name] = folder.read(name) }
        return result
    }

    @Test func truncatedFilesFailWithTheFileNamed() throws {
        for (name, bytes) in try fixtures() {
            for fraction in [0.02, 0.1, 0.5, 0.9, 0.99] {
                let cut = Array(bytes.prefix(Int(Double(bytes.count) * fraction)))
                let path = folder.write("cut-\(fraction)-\(name)", bytes: cut)
                #expect {
                    _ = try ImageDecoder().decode(path)
                } throws: { error in
                    guard let error = error as? ImageError else { return false }
                    return error.file == path && error.description.hasPrefix(path + ": ")
                }
            }
        }
    }

    @Test func bitFlippedFilesNeverCrash() throws {
        var random = SeededRandom(seed: 7)
        var failures = 0, successes = 0
        for (name, bytes) in try fixtures() {
            for round in 0..<40 {
                var damaged = bytes
                for _ in 0..<(1 + round % 8) {
                    let index = Int(random.next() % UInt64(damaged.count))
                    damaged[index] ^= UInt8(1 << (random.next() % 8))
                }
                let path = folder.write("flip-\(round)-\(name)", bytes: damaged)
                do {
                    let picture = try ImageDecoder(pixelBudget: 10_000_000).decode(path)
                    #expect(picture.image.pixels.count == picture.image.width * picture.image.height * 4)
                    successes += 1
                } catch {
                    #expect(error.file == path)
                    failures += 1
                }
            }
        }
        #expect(failures + successes == 240)
    }

    @Test func aBombHeaderIsRefusedBeforeAllocating() throws {
        // Valid headers (PNG with a correct CRC) claiming 100,000 × 100,000 pixels.
        try PythonScript.run("""
        import struct, zlib
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
        png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)) + chunk(b"IEND", b"")
        open("bomb.png", "wb").write(png)
        sof = b"\\xff\\xc0" + struct.pack(">HBHHB", 17, 8, 65000, 65000, 3) + b"\\x01\\x22\\x00\\x02\\x11\\x01\\x03\\x11\\x01"
        open("bomb.jpg", "wb").write(b"\\xff\\xd8" + sof + b"\\xff\\xd9")
        bmp = b"BM" + struct.pack("<IHHI", 54, 0, 0, 54) + struct.pack("<IiiHHIIiiII", 40, 100000, 100000, 1, 24, 0, 0, 0, 0, 0, 0)
        open("bomb.bmp", "wb").write(bmp)
        open("bomb.ppm", "wb").write(b"P6\\n100000 100000\\n255\\n")
        """, currentDirectory: folder.path)
        for name in ["bomb.png", "bomb.jpg", "bomb.bmp", "bomb.ppm"] {
            #expect {
                _ = try ImageDecoder().decode(folder.url(name))
            } throws: { error in
                guard case .tooLarge(let file, let width, let height, _) = error as? ImageError else { return false }
                return file == folder.url(name) && width * height > 100_000_000
            }
        }
        #expect(try ImageHeader.read(folder.url("bomb.png")).uprightSize == ImageSize(width: 100_000, height: 100_000))
    }
}

