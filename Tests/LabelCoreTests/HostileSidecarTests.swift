import LabelCore
import Testing

/// Numbers a hostile or broken sidecar may hold (issue 12): refused with the file, line and
/// field named, never a trap in arithmetic further on.
@Suite struct HostileSidecarTests {
    func sidecar(box: String = "\"x\": 1, \"y\": 2, \"width\": 3, \"height\": 4", score: String? = nil) -> [UInt8] {
        let scoreField = score.map { ", \"status\": \"suggested\", \"score\": \($0)" } ?? ""
        return Array("""
        {"format": "termlabel-sidecar", "version": 1, "file": "a.png", "kind": "image",
         "image": {"width": 640, "height": 480},
         "annotations": [{"id": "b1", "type": "box", "label": "cat", \(box)\(scoreField)}]}
        """.utf8)
    }

    @Test(arguments: ["\"x\": 9223372036854775807, \"y\": 0, \"width\": 1, \"height\": 1",
                      "\"x\": 0, \"y\": 0, \"width\": 9223372036854775807, \"height\": 1",
                      "\"x\": -9223372036854775807, \"y\": 0, \"width\": 1, \"height\": 1",
                      "\"x\": 0, \"y\": 0, \"width\": 1, \"height\": 4294967296"])
    func coordinatesBeyondAnyPictureAreRefusedWithTheFieldNamed(_ fields: String) throws {
        #expect {
            _ = try SidecarCodec.decode(sidecar(box: fields), file: "a.png.labels.json")
        } throws: { error in
            guard let error = error as? SidecarError, case .invalidField(let file, let line, let message) = error else { return false }
            return file == "a.png.labels.json" && line == 3 && message.contains("beyond any picture")
        }
    }

    @Test(arguments: ["1e999", "-1e999"])
    func scoresThatAreNotFiniteAreRefused(_ score: String) throws {
        #expect {
            _ = try SidecarCodec.decode(sidecar(score: score), file: "a.png.labels.json")
        } throws: { error in
            "\(error)".contains("\"score\" is too large")
        }
    }

    @Test func largeButFiniteScoresAndEdgeCoordinatesAreKept() throws {
        let decoded = try SidecarCodec.decode(sidecar(box: "\"x\": 2147483648, \"y\": 0, \"width\": 1, \"height\": 1", score: "1e17"),
                                              file: "a.png.labels.json")
        #expect(decoded.annotations.first?.score == 1e17)
        #expect(decoded.annotations.first?.box?.x == 2_147_483_648)
    }

    @Test func fitsNeverOverflows() {
        let size = ImageSize(width: 640, height: 480)
        #expect(!BoxGeometry(x: Int.max, y: 0, width: Int.max, height: 1).fits(in: size))
        #expect(!BoxGeometry(x: 1, y: 0, width: Int.max, height: 1).fits(in: size))
        #expect(BoxGeometry(x: 600, y: 400, width: 40, height: 80).fits(in: size))
        #expect(!BoxGeometry(x: 601, y: 400, width: 40, height: 80).fits(in: size))
    }
}

/// Annotation ids: eight base-36 characters from one random draw each (issue 14's import speed).
@Suite struct IdentifierTests {
    @Test func idsAreEightBase36CharactersAndDistinct() {
        let ids = (0..<10_000).map { _ in RandomIdentifiers().newIdentifier() }
        #expect(ids.allSatisfy { $0.count == 8 && $0.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } })
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids.map { $0.last }).count > 20, "every position varies")
    }
}
