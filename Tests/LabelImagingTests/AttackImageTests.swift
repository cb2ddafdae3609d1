import Foundation
import LabelCore
import LabelImaging
import TestSupport
import Testing

/// Pictures built to break the decoders (issue 12): each fails with the file named, within a
/// small memory budget, and never traps.
@Suite struct AttackImageTests {
    let folder = TemporaryDirectory()

    /// A 2×2, 32-bit BI_BITFIELDS bitmap with the given channel masks.
    func bitfieldsBMP(masks: [UInt32], compression: UInt32 = 3, pixels: [UInt32] = [0xFFFF_FFFF, 0x1234_5678, 0, 0x8000_0000]) -> [UInt8] {
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
        let dataOffset: UInt32 = 14 + 40 + 12
        var bytes: [UInt8] = Array("BM".utf8) + le32(dataOffset + 16) + le32(0) + le32(dataOffset)
        bytes += le32(40) + le32(2) + le32(2) + le16(1) + le16(32) + le32(compression) + le32(16) + le32(0) + le32(0) + le32(0) + le32(0)
        for mask in masks.prefix(3) { bytes += le32(mask) }
        for pixel in pixels { bytes += le32(pixel) }
        return bytes
    }

    @Test func bitFieldMasksOfEveryShapeDecodeWithoutTrapping() throws {
        var random = SeededRandom(seed: 12)
        var cases: [[UInt32]] = [[0xFFFF_FFFF, 0xFF00, 0xFF], [0x7FFF_FFFF, 0, 0], [0x8000_0001, 0x0F0F_0F0F, 0xFFFF_FFFF]]
        for _ in 0..<200 {
            cases.append((0..<3).map { _ in UInt32(truncatingIfNeeded: random.next()) })
        }
        for (index, masks) in cases.enumerated() {
            let path = folder.write("mask\(index).bmp", bytes: bitfieldsBMP(masks: masks))
            let picture = try ImageDecoder().decode(path)
            #expect(picture.image.width == 2 && picture.image.height == 2)
        }
        // A full 32-bit red mask on a white pixel is full red (rows are stored bottom-up).
        let white = try ImageDecoder().decode(folder.write("white.bmp", bytes: bitfieldsBMP(masks: [0xFFFF_FFFF, 0, 0])))
        #expect(Array(white.image.pixels[8..<11]) == [255, 0, 0])
    }

    @Test func aTinyPNGClaimingAHugeSizeIsRefusedBeforeDecoding() throws {
        // 99,999,999 × 1, under the 100-megapixel budget, in a 69-byte file.
        try PythonScript.run("""
        import struct, zlib
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
        ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 99999999, 1, 8, 6, 0, 0, 0))
        png = b"\\x89PNG\\r\\n\\x1a\\n" + ihdr + chunk(b"IDAT", zlib.compress(b"\\x00" * 8)) + chunk(b"IEND", b"")
        open("long.png", "wb").write(png)
        """, currentDirectory: folder.path)
        let path = folder.url("long.png")
        let started = Date()
        #expect {
            _ = try ImageDecoder().decode(path)
        } throws: { error in
            guard case .truncated(let file, let detail) = error as? ImageError else { return false }
            return file == path && detail.contains("99999999×1")
        }
        #expect(throws: ImageError.self) { _ = try ImageDecoder().decode(path, resizedTo: ImageSize(width: 80, height: 1)) }
        #expect(Date().timeIntervalSince(started) < 5, "refused from the header, not after decoding")
    }
}
