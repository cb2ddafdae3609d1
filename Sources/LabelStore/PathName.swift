/// Small, pure helpers for slash-separated paths.
public enum PathName {
    /// `directory/name`, without doubling the slash.
    public static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        if name.hasPrefix("/") { return name }
        var joined = directory
        joined.reserveCapacity(directory.utf8.count + 1 + name.utf8.count)
        if directory.utf8.last != UInt8(ascii: "/") { joined.append("/") }
        joined.append(name)
        return joined
    }

    /// The folder part of a path (`.` for a bare name, `/` for the root).
    public static func parent(_ path: String) -> String {
        // Over UTF-8 ('/' is one byte and never part of another character): asked of every
        // file of a dataset when it is split by project.
        let slash = UInt8(ascii: "/")
        let bytes = path.utf8
        var end = bytes.endIndex
        while bytes.distance(from: bytes.startIndex, to: end) > 1, bytes[bytes.index(before: end)] == slash { end = bytes.index(before: end) }
        guard let cut = bytes[..<end].lastIndex(of: slash) else { return "." }
        if cut == bytes.startIndex { return "/" }
        return String(Substring(bytes[..<cut]))
    }

    /// The last component of a path.
    public static func baseName(_ path: String) -> String {
        // Over UTF-8 ('/' is one byte and never part of another character): a dataset walk
        // asks this of every file.
        let bytes = path.utf8
        var end = bytes.endIndex
        while bytes.distance(from: bytes.startIndex, to: end) > 1, bytes[bytes.index(before: end)] == UInt8(ascii: "/") { end = bytes.index(before: end) }
        let trimmed = bytes[bytes.startIndex..<end]
        guard let slash = trimmed.lastIndex(of: UInt8(ascii: "/")) else { return String(Substring(trimmed)) }
        return String(Substring(trimmed[trimmed.index(after: slash)...]))
    }

    /// The lowercased extension without the dot (`""` if none).
    public static func fileExtension(_ path: String) -> String { extensionOf(name: baseName(path)) }

    /// The lowercased extension of a file name (no folder part) without the dot.
    public static func extensionOf(name: String) -> String {
        let bytes = name.utf8
        guard let dot = bytes.lastIndex(of: UInt8(ascii: ".")), dot != bytes.startIndex else { return "" }
        let tail = bytes[bytes.index(after: dot)...]
        // Extensions worth knowing are ASCII; lowercasing bytes avoids Unicode case mapping.
        if tail.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: tail.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self)
        }
        return String(Substring(tail)).lowercased()
    }

    /// Whether `name` ends with `suffix`, compared as UTF-8 bytes (no grapheme breaking).
    public static func hasSuffix(_ name: String, _ suffix: String) -> Bool {
        let fast = name.utf8.withContiguousStorageIfAvailable { bytes in
            suffix.utf8.withContiguousStorageIfAvailable { tail in
                bytes.count >= tail.count && UnsafeBufferPointer(rebasing: bytes[(bytes.count - tail.count)...]).elementsEqual(tail)
            }
        }
        if let fast = fast ?? nil { return fast }
        let bytes = name.utf8, tail = suffix.utf8
        guard bytes.count >= tail.count else { return false }
        return bytes.suffix(tail.count).elementsEqual(tail)
    }

    /// `path` relative to `base` when it lies inside it, else `path` unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        if path == base { return "." }
        // Over the bytes: asked of every file of a dataset (100,000 at the first screen).
        var path = path, base = base
        let inside: String? = path.withUTF8 { whole in
            base.withUTF8 { prefix in
                let slash = UInt8(ascii: "/")
                let endsInSlash = prefix.last == slash
                let cut = endsInSlash ? prefix.count : prefix.count + 1
                guard whole.count >= cut, UnsafeBufferPointer(rebasing: whole[..<prefix.count]).elementsEqual(prefix),
                      endsInSlash || whole[prefix.count] == slash else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: whole[cut...]), as: UTF8.self)
            }
        }
        return inside ?? path
    }

    /// `path` made absolute against `directory` and with `.`/`..` components resolved textually.
    public static func absolute(_ path: String, from directory: String) -> String {
        let full = path.hasPrefix("/") ? path : join(directory, path)
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The deepest folder containing every path in `paths` (all absolute).
    public static func commonAncestor(_ paths: [String]) -> String {
        guard var common = paths.first?.split(separator: "/") else { return "/" }
        for path in paths.dropFirst() {
            let parts = path.split(separator: "/")
            var shared = 0
            while shared < min(common.count, parts.count) && common[shared] == parts[shared] { shared += 1 }
            common = Array(common.prefix(shared))
        }
        return "/" + common.joined(separator: "/")
    }
}
