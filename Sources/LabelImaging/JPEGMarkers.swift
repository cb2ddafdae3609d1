/// Walks a JPEG's marker segments to find its size and EXIF orientation without decoding.
enum JPEGMarkers {
    static func header(path: String, size: Int, read: (Int, Int) -> [UInt8]) throws(ImageError) -> ImageHeader {
        var offset = 2
        var orientation = 1
        while offset + 4 <= size {
            let head = read(offset, 4)
            guard head.count == 4 else { break }
            guard head[0] == 0xFF else { throw .corrupt(file: path, detail: "no JPEG marker at byte \(offset)") }
            let marker = head[1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }
            let length = BigEndian.uint16(head, 2)
            guard length >= 2 else { throw .corrupt(file: path, detail: "a JPEG segment at byte \(offset) has length \(length)") }
            let isFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if marker == 0xE1 {
                let segment = read(offset + 4, min(length - 2, 65_533))
                if let found = exifOrientation(segment) { orientation = found }
            } else if isFrame {
                let frame = read(offset + 4, 6)
                guard frame.count == 6 else { throw .truncated(file: path, detail: "the JPEG frame header is cut short") }
                let height = BigEndian.uint16(frame, 1), width = BigEndian.uint16(frame, 3)
                guard width > 0, height > 0 else { throw .corrupt(file: path, detail: "the JPEG claims a size of \(width)×\(height)") }
                // The sixth byte of the frame header counts the components: 1 is grey.
                return ImageHeader(format: .jpeg, storedWidth: width, storedHeight: height, orientation: orientation, isGreyscale: frame[5] == 1)
            } else if marker == 0xDA || marker == 0xD9 {
                break
            }
            offset += 2 + length
        }
        throw .truncated(file: path, detail: "no JPEG frame header before the end of the file")
    }

    /// The orientation tag (0x0112) of IFD0 in an APP1 `Exif` segment, if valid (1–8).
    static func exifOrientation(_ segment: [UInt8]) -> Int? {
        guard segment.count >= 14, segment.starts(with: Array("Exif".utf8) + [0, 0]) else { return nil }
        let tiff = Array(segment[6...])
        let little: Bool
        switch (tiff[0], tiff[1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ at: Int) -> Int? {
            guard at >= 0, at + 2 <= tiff.count else { return nil }
            return little ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
        }
        func u32(_ at: Int) -> Int? {
            guard let high = u16(little ? at + 2 : at), let low = u16(little ? at : at + 2) else { return nil }
            return high << 16 | low
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for entry in 0..<min(count, 512) {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at) else { return nil }
            if tag == 0x0112 {
                guard let type = u16(at + 2), type == 3, let value = u16(at + 8), (1...8).contains(value) else { return nil }
                return value
            }
        }
        return nil
    }
}
