import Foundation

/// A fresh folder under the system's temporary folder, removed when the value goes away.
public final class TemporaryDirectory: @unchecked Sendable {
    public let path: String

    /// Creates the folder.
    public init(prefix: String = "termlabel-test") {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        let template = "\(base)/\(prefix)-XXXXXX"
        var bytes = Array(template.utf8CString)
        let made = bytes.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, let result = mkdtemp(base) else { return nil }
            return String(cString: result)
        }
        path = made ?? "\(base)/\(prefix)-\(UUID().uuidString)"
        if made == nil { try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    }

    deinit {
        // Folders made read-only by a test must become writable again to be removed.
        _ = try? Process.run(URL(fileURLWithPath: "/bin/chmod"), arguments: ["-R", "u+rwx", path]).waitUntilExit()
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `name` inside the folder.
    public func url(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` (creating folders) and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, bytes: Array(text.utf8)) }

    /// Writes `bytes` to `name` (creating folders) and returns its path.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) -> String {
        let full = url(name)
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // Not FileManager.createFile: it writes through a /tmp/TemporaryDirectory.* folder that it
        // leaves behind (dozens per test run).
        try? Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    /// The bytes of `name`, or nil if it does not exist.
    public func read(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: url(name)).map { [UInt8]($0) }
    }

    /// The text of `name`, or nil if it does not exist.
    public func text(_ name: String) -> String? { read(name).map { String(decoding: $0, as: UTF8.self) } }

    /// Whether `name` exists.
    public func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: url(name)) }

    /// The names in the folder `name` (default: the root), sorted.
    public func list(_ name: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: name.isEmpty ? path : url(name))) ?? []).sorted()
    }
}
