import LabelCore

/// Why a merge could not be made; git then reports an ordinary conflict and OURS is untouched.
public struct SidecarMergeError: Error, CustomStringConvertible {
    public let description: String
}

/// `termlabel merge-sidecars BASE OURS THEIRS [PATH]`: the files git hands a merge driver,
/// merged three ways and the result written atomically over OURS (DESIGN §10).
public struct SidecarMergeDriver {
    public let fileSystem: any FileSystem

    /// A driver reading and writing through `fileSystem`.
    public init(fileSystem: any FileSystem = POSIXFileSystem()) { self.fileSystem = fileSystem }

    /// Merges; returns one line per conflict. `path` is the sidecar's place in the working
    /// tree: a journal of pending edits beside it is folded into OURS first (its edits were made
    /// on top of OURS), and removed once the merged sidecar holds them.
    public func merge(base: String, ours: String, theirs: String, path: String?) throws(SidecarMergeError) -> [String] {
        let name = path ?? ours
        let baseSidecar = try read(base, as: "\(name) (common ancestor)", emptyAllowed: true)
        var oursSidecar = try read(ours, as: "\(name) (ours)", emptyAllowed: false)
        let theirsSidecar = try read(theirs, as: "\(name) (theirs)", emptyAllowed: false)
        var journal: String?
        if let path, fileSystem.stamp(of: path + Journal.suffix) != nil {
            let journalPath = path + Journal.suffix
            do {
                let (transactions, _) = try Journal.read(try fileSystem.readFile(journalPath), file: journalPath)
                var document = Document(sidecar: oursSidecar)
                for transaction in transactions { document.perform(transaction) }
                oursSidecar = document.sidecar
                journal = journalPath
            } catch {
                throw SidecarMergeError(description: "\(journalPath): pending edits cannot be read (\(error)); not merged, so git reports a conflict")
            }
        }
        let merge = SidecarMerge(base: baseSidecar, ours: oursSidecar, theirs: theirsSidecar)
        do { try AtomicFileWriter(fileSystem: fileSystem).write(SidecarCodec.encode(merge.result), to: ours) } catch {
            throw SidecarMergeError(description: "\(ours): cannot write the merged sidecar: \(error.description)")
        }
        if let journal { try? fileSystem.removeFile(journal) }
        return merge.conflicts.map { "\(name): merge conflict: \($0); flagged" }
    }

    func read(_ path: String, as label: String, emptyAllowed: Bool) throws(SidecarMergeError) -> Sidecar {
        let bytes: [UInt8]
        do { bytes = try fileSystem.readFile(path) } catch {
            throw SidecarMergeError(description: "\(label): cannot read \(path): \(error.reason)")
        }
        // git gives an empty ancestor when both sides added the file.
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            guard emptyAllowed else { throw SidecarMergeError(description: "\(label): the file is empty") }
            return Sidecar(file: "", kind: nil)
        }
        do { return try SidecarCodec.decode(bytes, file: label) } catch {
            throw SidecarMergeError(description: "\(error.description); not merged, so git reports a conflict")
        }
    }
}
