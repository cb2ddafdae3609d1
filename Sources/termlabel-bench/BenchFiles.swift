import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// Writing the generated datasets of the benchmarks.
enum BenchFiles {
    /// Writes `bytes` to `path` (replacing it), or fails naming the file.
    static func write(_ bytes: [UInt8], to path: String) throws {
        guard let file = fopen(path, "w") else { throw ValidationError("cannot write \(path)") }
        defer { fclose(file) }
        guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw ValidationError("cannot write \(path)") }
    }
}

extension String {
    /// The text right-aligned in `width` columns, for the reports' tables.
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
