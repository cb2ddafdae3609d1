import LabelCore
import LabelStore

/// Decides which files are images, which are text and which are not data at all.
public enum DataFileClassifier {
    /// Extensions read as images.
    public static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "jpe", "jfif", "ppm", "pgm", "pbm", "pnm", "bmp"]
    /// Extensions read as text without looking inside.
    public static let textExtensions: Set<String> = ["txt", "text", "md", "markdown", "rst", "jsonl", "ndjson", "log", "org", "adoc", "tex"]
    /// Extensions that are never data (configuration, exports, our own files).
    public static let ignoredExtensions: Set<String> = ["json", "toml", "yaml", "yml", "xml", "ann", "conf", "csv", "tsv", "journal", "lock"]

    /// Whether a name belongs to termlabel itself (sidecars, journals, temporary files, the project file).
    public static func isOwnFile(_ name: String) -> Bool {
        PathName.hasSuffix(name, Sidecar.fileSuffix) || PathName.hasSuffix(name, journalSuffix)
            || name == "termlabel.toml" || (name.utf8.first == UInt8(ascii: ".") && name.contains(".tmp-"))
    }

    /// A journal's file-name ending.
    static let journalSuffix = Sidecar.fileSuffix + Journal.suffix

    /// The kind of the file at `path`, or nil if it is not data. `explicit` files (named on the
    /// command line) are accepted as text whenever their start is UTF-8 text.
    public static func kind(of path: String, explicit: Bool, fileSystem: any FileSystem) -> ItemKind? {
        kind(of: path, named: PathName.baseName(path), explicit: explicit, fileSystem: fileSystem)
    }

    /// The same for a file whose name (without folder) is known already (a folder walk).
    static func kind(of path: String, named name: String, explicit: Bool, fileSystem: any FileSystem) -> ItemKind? {
        if isOwnFile(name) { return nil }
        // A folder walk asks this of every file: the usual extensions are told without making
        // a string.
        if let key = extensionKey(name) {
            if imageKeys.contains(key) { return .image }
            if textKeys.contains(key) { return .text }
        }
        let fileExtension = PathName.extensionOf(name: name)
        if imageExtensions.contains(fileExtension) { return .image }
        if textExtensions.contains(fileExtension) { return .text }
        if ignoredExtensions.contains(fileExtension) && !explicit { return nil }
        guard explicit || fileExtension.isEmpty else { return nil }
        guard let prefix = try? fileSystem.readPrefix(path, count: 64 << 10) else { return nil }
        return looksLikeText(prefix) ? .text : nil
    }

    /// A name's extension, lowercased ASCII of up to eight bytes, packed into a number; nil
    /// for none, a longer one, or one beyond ASCII.
    static func extensionKey(_ name: String) -> UInt64? {
        var name = name
        return name.withUTF8 { bytes -> UInt64? in
            guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot > 0, bytes.count - dot - 1 <= 8 else { return nil }
            var key: UInt64 = 0
            for byte in bytes[(dot + 1)...] {
                guard byte < 0x80 else { return nil }
                key = key << 8 | UInt64((65...90).contains(byte) ? byte + 32 : byte)
            }
            return key
        }
    }

    static let imageKeys = Set(imageExtensions.compactMap { extensionKey("x." + $0) })
    static let textKeys = Set(textExtensions.compactMap { extensionKey("x." + $0) })

    /// Whether bytes read from the start of a file look like UTF-8 text (no NUL, valid UTF-8
    /// except perhaps a sequence cut at the end of the sample).
    public static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(0) { return false }
        guard let bad = UTF8Validation.firstInvalidOffset(in: bytes) else { return true }
        return bad >= bytes.count - 3 && bytes.count >= (64 << 10) - 3
    }
}
