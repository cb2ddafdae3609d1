import Foundation
import LabelCore
import LabelImaging
import TestSupport
import Testing

/// Mutated pictures through the decoders, in-process: 2,000 files, none may trap, none may
/// take two seconds, and memory stays bounded because every decode runs under a 4-megapixel
/// budget (at most 16 MB of pixels; the tiny-PNG check stops libpng allocating for a lie).
@Suite(.enabled(if: RequiredTools.python("PIL"))) struct FuzzDecoderTests {
    let folder = TemporaryDirectory()

    /// Small valid seeds of every format (JPEG baseline and progressive from Pillow).
    func seeds() throws -> [String: [UInt8]] {
        try PythonScript.run("""
        from PIL import Image, ImageDraw
        im = Image.new("RGB", (23, 17), (40, 80, 120))
        ImageDraw.Draw(im).ellipse([3, 2, 18, 14], fill=(220, 40, 40))
        im.save("seed.jpg", quality=80)
        im.save("seed-progressive.jpg", quality=70, progressive=True)
        im.convert("L").save("seed-grey.jpg")
        im.save("seed.png")
        im.convert("P", palette=Image.ADAPTIVE, colors=8).save("seed-palette.png")
        im.convert("RGBA").save("seed-alpha.png")
        im.save("seed.bmp")
        im.convert("P", palette=Image.ADAPTIVE, colors=16).save("seed8.bmp")
        im.save("seed.ppm")
        im.convert("L").save("seed.pgm")
        """, currentDirectory: folder.path)
        var result: [String: [UInt8]] = [:]
        for name in folder.list() where name.hasPrefix("seed") { result[name] = folder.read(name) }
        return result
    }

    @Test func twoThousandMutatedPicturesNeitherTrapNorHang() throws {
        let seeds = try seeds().sorted { $0.key < $1.key }
        #expect(seeds.count == 10)
        var mutator = Mutator(seed: 2026)
        var decoded = 0, refused = 0, slowest = 0.0
        let decoder = ImageDecoder(pixelBudget: 4_000_000)
        for round in 0..<2_000 {
            let (name, bytes) = seeds[round % seeds.count]
            let path = folder.write("m\(round % 50)-" + name, bytes: mutator.mutate(bytes))
            let started = Date()
            do {
                _ = try ImageHeader.read(path)
                let picture = try decoder.decode(path)
                #expect(picture.image.pixels.count == picture.image.width * picture.image.height * 4)
                _ = try decoder.decode(path, resizedTo: ImageSize(width: 8, height: 6))
                decoded += 1
            } catch {
                #expect(error.file == path)
                refused += 1
            }
            slowest = max(slowest, Date().timeIntervalSince(started))
        }
        #expect(decoded + refused == 2_000)
        #expect(decoded > 100 && refused > 100, "the mutations reach both outcomes: \(decoded) decoded, \(refused) refused")
        #expect(slowest < 2, "the slowest file took \(slowest) s")
    }
}
