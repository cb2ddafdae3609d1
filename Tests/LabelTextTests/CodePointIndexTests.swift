import Foundation
import LabelText
import TestSupport
import Testing

@Suite struct CodePointIndexTests {
    /// Text long enough to span several 64 KiB chunks, with multi-byte characters placed so
    /// that some straddle chunk boundaries, and some invalid bytes.
    static func sample(invalid: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        var random = SeededRandomBytes(seed: 11)
        let pieces: [[UInt8]] = [Array("a".utf8), Array("é".utf8), Array("日".utf8), Array("😀".utf8), Array(" ".utf8), Array("\n".utf8)]
        while bytes.count < 300_000 {
            bytes += pieces[Int(random.next() % UInt64(pieces.count))]
            if invalid && random.next() % 5000 == 0 { bytes += [[0xFF], [0xE2, 0x82], [0x80, 0x80], [0xF0, 0x9F, 0x98]][Int(random.next() % 4)] }
        }
        return bytes
    }

    @Test(arguments: [false, true])
    func codePointsAndBytesRoundTripAcrossChunks(invalid: Bool) {
        let bytes = Self.sample(invalid: invalid)
        let file = MappedFile(path: "sample", content: bytes)
        let index = CodePointIndex(bytes: file.bytes)
        let decoded = Array(String(decoding: bytes, as: UTF8.self).unicodeScalars)
        #expect(index.totalCodePoints == decoded.count)
        // Every character start maps to its code point and back.
        var offset = 0, codePoint = 0
        var checked = 0
        bytes.withUnsafeBufferPointer { buffer in
            for piece in UTF8Pieces(buffer) {
                switch piece {
                case .valid(let range):
                    var position = range.lowerBound
                    while position < range.upperBound {
                        if position % 499 == 0 || (position % 65_536) < 5 {
                            #expect(index.codePoint(ofByte: position) == codePoint)
                            #expect(index.byteOffset(ofCodePoint: codePoint) == position)
                            checked += 1
                        }
                        let lead = buffer[position]
                        position += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                        codePoint += 1
                    }
                case .invalid(let range):
                    #expect(index.codePoint(ofByte: range.lowerBound) == codePoint)
                    #expect(index.byteOffset(ofCodePoint: codePoint) == range.lowerBound)
                    codePoint += 1
                    checked += 1
                }
                offset += 1
            }
        }
        #expect(checked > 300)
        #expect(index.byteOffset(ofCodePoint: decoded.count + 10) == bytes.count)
    }

    @Test(.enabled(if: RequiredTools.python("sys"))) func countsAgreeWithPythonReplace() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("mixed.txt", bytes: Self.sample(invalid: true))
        let python = try PythonScript.run("import sys; print(len(open(sys.argv[1], 'rb').read().decode('utf-8', 'replace')))", [path])
        let source = try TextSource(path: path, mode: .file)
        #expect(String(source.codePoints.totalCodePoints) == python.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(source.record(0)?.text.unicodeScalars.count == source.codePoints.totalCodePoints)
    }
}

/// A seeded byte sequence for building test text.
struct SeededRandomBytes {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state >> 33
    }
}
