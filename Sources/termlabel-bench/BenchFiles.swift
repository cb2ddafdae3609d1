import ArgumentParser
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
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

    /// `count` small pictures `partK/imgN.png` in folders of 1,000 under `folder`, each with the
    /// sidecar `sidecar` gives for its number and name (none for nil), and `project` as its
    /// termlabel.toml.
    static func writePictures(in folder: String, count: Int, project: String, sidecar: (Int, String) -> Sidecar?) throws {
        let fileSystem = POSIXFileSystem()
        try fileSystem.createDirectories(folder)
        try PNGEncoder.write(PixelImage(width: 16, height: 12, pixels: [UInt8](repeating: 120, count: 16 * 12 * 4)), to: folder + "/seed.png")
        let png = try fileSystem.readFile(folder + "/seed.png")
        _ = unlink(folder + "/seed.png")
        for index in 0..<count {
            let sub = folder + "/part\(index / 1000)"
            if index % 1000 == 0 { try fileSystem.createDirectories(sub) }
            let name = "img\(index).png"
            try write(png, to: sub + "/" + name)
            if let made = sidecar(index, name) { try write(SidecarCodec.encode(made), to: sub + "/" + name + ".labels.json") }
        }
        try write(Array(project.utf8), to: folder + "/termlabel.toml")
    }
}

extension String {
    /// The text right-aligned in `width` columns, for the reports' tables.
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
