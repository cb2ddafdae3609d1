/// The picture formats termlabel reads, told apart by their first bytes (not their name).
public enum ImageFormat: String, Sendable, CaseIterable {
    case png, jpeg, netpbm, bmp

    /// The format whose signature starts `bytes`, if any.
    public static func detect(_ bytes: some Collection<UInt8>) -> ImageFormat? {
        let start = Array(bytes.prefix(8))
        if start.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if start.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if start.starts(with: [0x42, 0x4D]) { return .bmp }
        if start.count >= 2, start[0] == UInt8(ascii: "P"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(start[1]) { return .netpbm }
        return nil
    }
}
