import ArgumentParser
import LabelSession
import LabelDataset
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// `termlabel demo [DIR]`: writes the sample dataset and opens it.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a small sample dataset (pictures, texts, termlabel.toml) and open it."
    )

    @OptionGroup var session: SessionOptions

    @Flag(help: "Only write the dataset; do not open it.")
    var writeOnly = false

    @Argument(help: "Where to write it (default: a new temporary folder).")
    var directory: String?

    func run() throws {
        let fileSystem = POSIXFileSystem()
        let folder: String
        if let directory {
            folder = PathName.absolute(directory, from: fileSystem.currentDirectory())
            if let names = try? fileSystem.listDirectory(folder), names.contains(where: { $0.hasSuffix(".labels.json") }) {
                throw CommandFailure("\(folder) already holds annotations; choose an empty folder so nothing is overwritten")
            }
        } else {
            let temporary = ProcessEnvironment.current["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var template = Array("\(temporary)/termlabel-demo-XXXXXX".utf8CString)
            guard let made = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
                throw CommandFailure("cannot create a temporary folder in \(temporary)")
            }
            folder = String(cString: made)
        }
        do {
            let written = try DemoDataset.write(to: folder, fileSystem: fileSystem)
            FileHandleOutput.standardOutput.write("wrote the demo dataset (\(written.count) files) to \(folder)\n")
        } catch {
            throw CommandFailure("cannot write the demo dataset to \(folder): \(error)")
        }
        guard !writeOnly else { return }
        try TUILauncher.run(paths: [folder], session: session.settings, dataset: DatasetSettings())
    }
}
