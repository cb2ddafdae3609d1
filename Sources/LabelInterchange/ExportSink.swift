import LabelDataset
import LabelStore

/// Where an export's bytes go: one file, standard output, or files in a folder. Files that
/// exist are replaced atomically (a temporary file renamed into place), so an interrupted
/// export never leaves half of one; new files of a folder export are written in place (a
/// half-written one is removed on failure). Nothing is flushed file by file: an export can be
/// made again, and ten thousand flushes take longer than the rest. Single-file formats
/// stream their output in chunks, so a large export does not sit in memory whole.
public final class ExportSink {
    /// Where the output goes.
    public enum Destination {
        case file(String)
        case standardOutput
        case folder(String)
    }

    public let destination: Destination
    /// How much output a streaming exporter gathers before handing it on.
    static let chunkSize = 1 << 20
    let fileSystem: any FileSystem
    /// Receives standard output chunk by chunk; without it the bytes collect in `standardOutput`.
    let standardOutputWriter: (([UInt8]) -> Void)?
    /// What went to standard output, when no writer was given.
    public private(set) var standardOutput: [UInt8] = []
    public private(set) var written: [String] = []
    private var createdFolders: Set<String> = []
    /// `written`, for lookups.
    private var writtenPaths: Set<String> = []
    private var stream: WritableFile?
    /// Whether files that exist before the export may be replaced (`--force`); data files,
    /// sidecars and the project file never are.
    public let replacesExisting: Bool
    /// The files an export must never replace, found by inode so that links and symlinked
    /// folders lead to them too; worked out only when a target already exists.
    var protectedFiles: () -> Set<UInt64> = { [] }
    private lazy var protectedInodes: Set<UInt64> = protectedFiles()

    /// A sink writing to `destination` through `fileSystem`; standard output goes to `standardOutputWriter` if given.
    public init(_ destination: Destination, fileSystem: any FileSystem = POSIXFileSystem(), replacesExisting: Bool = false,
                standardOutputWriter: (([UInt8]) -> Void)? = nil) {
        self.destination = destination
        self.fileSystem = fileSystem
        self.replacesExisting = replacesExisting
        self.standardOutputWriter = standardOutputWriter
    }

    /// Refuses to replace an existing file that is part of the dataset, or (without
    /// `replacesExisting`) any file that exists before the export; returns the file's stamp,
    /// nil when there is none yet.
    @discardableResult
    func checkReplaceable(_ path: String) throws(InterchangeError) -> FileStamp? {
        guard let stamp = fileSystem.stamp(of: path) else { return nil }
        if writtenPaths.contains(path) {
            // Two items map to one output file (a.png and a.jpg both become labels/a.txt).
            throw InterchangeError("\(path) would be written twice: two data files share a name apart from the extension")
        }
        if stamp.isDirectory { throw InterchangeError("\(path) is a folder; give a file name with -o") }
        if protectedInodes.contains(stamp.inode) {
            throw InterchangeError("\(path) is a file of the dataset (data, sidecar or termlabel.toml); an export never replaces it, choose another -o")
        }
        guard replacesExisting else {
            throw InterchangeError("\(path) already exists; pass --force to replace it, or export somewhere else")
        }
        return stamp
    }

    /// Writes the export's one output (single-file formats) at once.
    func emit(_ bytes: [UInt8]) throws(InterchangeError) {
        try append(bytes)
        try finish()
    }

    /// Appends a chunk of a single-file export's output; `finish` puts the file in place.
    func append(_ bytes: [UInt8]) throws(InterchangeError) {
        switch destination {
        case .standardOutput:
            if let standardOutputWriter { standardOutputWriter(bytes) } else { standardOutput += bytes }
        case .file(let path):
            do {
                if stream == nil {
                    try makeFolder(PathName.parent(path))
                    stream = try fileSystem.createTemporaryFile(in: PathName.parent(path), prefix: "." + PathName.baseName(path) + ".tmp-")
                }
                if let stream { try fileSystem.write(bytes, to: stream) }
            } catch {
                abandon()
                throw InterchangeError(error.description)
            }
        case .folder(let folder):
            throw InterchangeError("\(folder): this format writes one file; give a file name with -o")
        }
    }

    /// Ends a single-file export: the temporary file is renamed over the target.
    func finish() throws(InterchangeError) {
        switch destination {
        case .standardOutput:
            written.append("standard output")
        case .file(let path):
            if stream == nil { try append([]) }
            guard let file = stream else { return }
            stream = nil
            do {
                try checkReplaceable(path)
            } catch {
                try? fileSystem.close(file)
                try? fileSystem.removeFile(file.path)
                throw error
            }
            do {
                try fileSystem.close(file)
                try fileSystem.rename(file.path, to: path)
            } catch {
                try? fileSystem.removeFile(file.path)
                throw InterchangeError(error.description)
            }
            written.append(path)
            writtenPaths.insert(path)
        case .folder:
            break
        }
    }

    /// Removes a half-written temporary file after a failure.
    func abandon() {
        guard let file = stream else { return }
        stream = nil
        try? fileSystem.close(file)
        try? fileSystem.removeFile(file.path)
    }

    /// Writes one file of a folder export, at `relativePath` inside the folder.
    func emit(_ bytes: [UInt8], at relativePath: String) throws(InterchangeError) {
        guard case .folder(let folder) = destination else {
            throw InterchangeError("this format writes a folder of files; give a folder with -o")
        }
        try write(bytes, to: PathName.join(folder, relativePath))
    }

    /// Puts a symbolic link at `relativePath` inside the folder, leading to the data file
    /// `target` (a YOLO layout that training tools read without copying the pictures). A link
    /// already leading there is kept; one leading elsewhere is replaced only with `--force`.
    func link(at relativePath: String, to target: String) throws(InterchangeError) {
        guard case .folder(let folder) = destination else {
            throw InterchangeError("this format writes a folder of files; give a folder with -o")
        }
        let path = PathName.join(folder, relativePath)
        if writtenPaths.contains(path) {
            throw InterchangeError("\(path) would be written twice: two data files share a name apart from the extension")
        }
        let existing = fileSystem.symbolicLinkTarget(path)
        if existing == target {
            written.append(path)
            writtenPaths.insert(path)
            return
        }
        if existing != nil {
            guard replacesExisting else { throw InterchangeError("\(path) already exists; pass --force to replace it, or export somewhere else") }
        } else {
            try checkReplaceable(path)
        }
        do throws(FileSystemError) {
            if existing != nil || fileSystem.stamp(of: path) != nil { try fileSystem.removeFile(path) }
            try makeFolder(PathName.parent(path))
            try fileSystem.createSymbolicLink(path, to: target)
        } catch {
            throw InterchangeError(error.description)
        }
        written.append(path)
        writtenPaths.insert(path)
    }

    /// The folder of a folder export.
    public var folder: String? {
        if case .folder(let folder) = destination { return folder }
        return nil
    }

    func write(_ bytes: [UInt8], to path: String) throws(InterchangeError) {
        let existing = try checkReplaceable(path)
        do throws(FileSystemError) {
            try makeFolder(PathName.parent(path))
            if existing == nil {
                // A new file has no old content to protect: written in place, it costs half
                // the time of a temporary file and a rename (ten thousand YOLO files add up).
                let file = try fileSystem.openForAppending(path)
                do throws(FileSystemError) {
                    try fileSystem.write(bytes, to: file)
                    try fileSystem.close(file)
                } catch {
                    try? fileSystem.close(file)
                    try? fileSystem.removeFile(path)
                    throw error
                }
            } else {
                try AtomicFileWriter(fileSystem: fileSystem).write(bytes, to: path, durable: false)
            }
        } catch {
            throw InterchangeError(error.description)
        }
        written.append(path)
        writtenPaths.insert(path)
    }

    private func makeFolder(_ folder: String) throws(FileSystemError) {
        guard !createdFolders.contains(folder) else { return }
        try fileSystem.createDirectories(folder)
        createdFolders.insert(folder)
    }
}
