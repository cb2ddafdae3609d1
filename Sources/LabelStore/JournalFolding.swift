import LabelCore

/// Pending edits of a journal applied to a sidecar's content, without the store (and so without
/// the data file: a git merge, or a picture held by git-annex that is not there).
public enum JournalFolding {
    /// `sidecar` with the transactions of the journal at `journalPath` applied.
    public static func folded(_ sidecar: Sidecar, journal journalPath: String, fileSystem: any FileSystem) throws(SidecarError) -> Sidecar {
        let bytes: [UInt8]
        do { bytes = try fileSystem.readFile(journalPath) } catch {
            throw .unreadable(file: journalPath, reason: error.reason)
        }
        var document = Document(sidecar: sidecar)
        for transaction in try Journal.read(bytes, file: journalPath).transactions { document.perform(transaction) }
        return document.sidecar
    }

    /// Folds the journal beside the sidecar at `sidecarPath` into it: the sidecar rewritten
    /// atomically with the edits, then the journal removed.
    public static func fold(sidecarPath: String, fileSystem: any FileSystem) throws(SidecarError) {
        let journalPath = sidecarPath + Journal.suffix
        let current: [UInt8]
        do { current = try fileSystem.readFile(sidecarPath) } catch {
            throw .unreadable(file: sidecarPath, reason: error.reason)
        }
        let sidecar = try folded(try SidecarCodec.decode(current, file: sidecarPath), journal: journalPath, fileSystem: fileSystem)
        do { try AtomicFileWriter(fileSystem: fileSystem).write(SidecarCodec.encode(sidecar), to: sidecarPath) } catch {
            throw .unreadable(file: sidecarPath, reason: "cannot write: \(error.description)")
        }
        try? fileSystem.removeFile(journalPath)
    }
}
