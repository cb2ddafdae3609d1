import LabelCore

/// What a picture's header says, read without decoding any pixels.
public struct ImageHeader: Hashable, Sendable {
    public let format: ImageFormat
    /// The size as stored in the file.
    public let storedWidth: Int
    public let storedHeight: Int
    /// EXIF orientation 1–8 (1: as stored), for JPEG; 1 for other formats.
    public let orientation: Int
    /// Whether the picture has one colour channel (grey), as VOC's `depth` records.
    public var isGreyscale = false

    /// A header with the given fields.
    public init(format: ImageFormat, storedWidth: Int, storedHeight: Int, orientation: Int, isGreyscale: Bool = false) {
        self.format = format
        self.storedWidth = storedWidth
        self.storedHeight = storedHeight
        self.orientation = orientation
        self.isGreyscale = isGreyscale
    }

    /// The size after the orientation is applied: what boxes are measured in.
    public var uprightSize: ImageSize {
        orientation >= 5 ? ImageSize(width: storedHeight, height: storedWidth) : ImageSize(width: storedWidth, height: storedHeight)
    }

    /// Reads the header of the picture at `path` (only the bytes it needs).
    public static func read(_ path: String) throws(ImageError) -> ImageHeader {
        let file = try FileBytes(path: path)
        return try parse(path: path, size: file.size) { file.read(at: $0, count: $1) }
    }

    /// The header of a picture already read into memory.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(ImageError) -> ImageHeader {
        try parse(path: path, size: bytes.count) { offset, count in
            guard offset >= 0, offset < bytes.count else { return [] }
            return Array(bytes[offset..<min(bytes.count, offset + count)])
        }
    }

    static func parse(path: String, size: Int, read: (Int, Int) -> [UInt8]) throws(ImageError) -> ImageHeader {
        let start = read(0, 64)
        guard let format = ImageFormat.detect(start) else {
            if start.isEmpty { throw .truncated(file: path, detail: "the file is empty") }
            throw .unknownFormat(file: path)
        }
        switch format {
        case .png: return try pngHeader(start, path: path)
        case .jpeg: return try JPEGMarkers.header(path: path, size: size, read: read)
        case .netpbm:
            let header = try NetpbmHeader.parse(read(0, 4096), path: path)
            return ImageHeader(format: .netpbm, storedWidth: header.width, storedHeight: header.height, orientation: 1, isGreyscale: header.channels == 1)
        case .bmp:
            let header = try BMPHeader.parse(read(0, 256), path: path)
            return ImageHeader(format: .bmp, storedWidth: header.width, storedHeight: header.height, orientation: 1)
        }
    }

    static func pngHeader(_ bytes: [UInt8], path: String) throws(ImageError) -> ImageHeader {
        guard bytes.count >= 24 else { throw .truncated(file: path, detail: "the PNG header is cut short") }
        guard Array(bytes[12..<16]) == Array("IHDR".utf8) else { throw .corrupt(file: path, detail: "the PNG does not start with an IHDR chunk") }
        let width = Int(BigEndian.uint32(bytes, 16)), height = Int(BigEndian.uint32(bytes, 20))
        guard width > 0, height > 0, width < 1 << 31, height < 1 << 31 else {
            throw .corrupt(file: path, detail: "the PNG claims a size of \(width)×\(height)")
        }
        // Colour types 0 and 4 are grey and grey with alpha.
        return ImageHeader(format: .png, storedWidth: width, storedHeight: height, orientation: 1,
                           isGreyscale: bytes.count > 25 && (bytes[25] == 0 || bytes[25] == 4))
    }
}

enum BigEndian {
    static func uint32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    static func uint16(_ bytes: [UInt8], _ offset: Int) -> Int {
        Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }
}
