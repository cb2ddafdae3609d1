import LabelCore

/// Tuning of how the store writes.
public struct StoreOptions: Sendable {
    /// Sidecars larger than this take edits through the journal instead of a full rewrite.
    public var journalThreshold: Int
    /// The journal is folded into the sidecar once it grows past this many bytes
    /// (or half the sidecar's size, whichever is larger).
    public var compactionThreshold: Int

    /// Options with the given thresholds (defaults: journal above 128 KiB, fold above 1 MiB).
    public init(journalThreshold: Int = 128 << 10, compactionThreshold: Int = 1 << 20) {
        self.journalThreshold = journalThreshold
        self.compactionThreshold = compactionThreshold
    }
}

/// What a newly created sidecar needs to know about its data file.
public struct DataFileDescription: Sendable {
    public var kind: ItemKind
    public var imageSize: ImageSize?

    /// A description of a data file of `kind`.
    public init(kind: ItemKind, imageSize: ImageSize? = nil) {
        self.kind = kind
        self.imageSize = imageSize
    }
}

/// The one stateful owner of sidecars on disk. Every edit is on disk before `apply` returns:
/// under an exclusive lock on the data file it re-reads the sidecar if another process changed
/// it, applies the edit to that fresh copy, and writes it atomically (or, for very large
/// sidecars, appends it to a journal that is flushed first and folded in later).
/// Not thread-safe: one editor thread drives it.
public final class SidecarStore {
    public let fileSystem: any FileSystem
    public let locator: SidecarLocator
    public let options: StoreOptions
    private let writer: AtomicFileWriter
    private var entries: [String: Entry] = [:]

    private struct DiskState: Equatable {
        var sidecar: FileStamp?
        var journal: FileStamp?
    }

    /// A reference type, so that changing a document in place never copies it.
    private final class Entry {
        let dataPath: String
        let sidecarPath: String
        let journalPath: String
        var document: Document
        var disk = DiskState()
        /// Why the sidecar or journal could not be read; the item is then read-only.
        var loadError: SidecarError?
        var loadProblem: String? { loadError?.description }
        /// Why the sidecar could not be written (e.g. a read-only folder).
        var writeProblem: String?
        /// What in the sidecar termlabel could not write back unchanged or would not edit
        /// (duplicate ids, boxes outside the picture, another file's sidecar): shown, not edited.
        var contentProblem: String?
        var readOnlyReason: String? { loadProblem ?? contentProblem ?? writeProblem }
        /// What the data file is, as the opener described it.
        var description: DataFileDescription?
        var sidecarBytes = 0
        var journalBytes = 0
        /// Bytes of the journal that hold complete lines (a torn last line is cut off first).
        var journalCompleteLength = 0
        var fragments = AnnotationFragmentCache()

        init(dataPath: String, sidecarPath: String, journalPath: String, document: Document) {
            self.dataPath = dataPath
            self.sidecarPath = sidecarPath
            self.journalPath = journalPath
            self.document = document
        }
    }

    /// A store writing through `fileSystem`, placing sidecars as `locator` says.
    public init(fileSystem: any FileSystem = POSIXFileSystem(), locator: SidecarLocator, options: StoreOptions = StoreOptions()) {
        self.fileSystem = fileSystem
        self.locator = locator
        self.options = options
        writer = AtomicFileWriter(fileSystem: fileSystem)
    }

    // MARK: - Reading

    /// Opens (or returns the already open) document of a data file.
    @discardableResult
    public func open(_ dataPath: String, as description: DataFileDescription) -> Document {
        if let entry = entries[dataPath] { return entry.document }
        let entry = load(dataPath, description: description)
        entries[dataPath] = entry
        return entry.document
    }

    /// The open document of a data file, if it was opened.
    public func document(_ dataPath: String) -> Document? { entries[dataPath]?.document }

    /// Why the document cannot be edited, or nil if it can.
    public func readOnlyReason(_ dataPath: String) -> String? { entries[dataPath]?.readOnlyReason }

    /// Why the document's sidecar or journal could not be read, or nil if it was read fine.
    public func loadProblem(_ dataPath: String) -> String? { entries[dataPath]?.loadProblem }

    /// What in the document's sidecar makes it unsafe to edit (duplicate ids, a box outside
    /// the picture, another file's sidecar), if anything.
    public func contentProblem(_ dataPath: String) -> String? { entries[dataPath]?.contentProblem }

    /// The error that made the document's sidecar or journal unreadable, if any.
    public func loadError(_ dataPath: String) -> SidecarError? { entries[dataPath]?.loadError }

    /// The sidecar path of a data file.
    public func sidecarPath(for dataPath: String) -> String { locator.sidecarPath(for: dataPath) }

    /// Re-reads a document if another process changed its sidecar; returns whether it changed.
    @discardableResult
    public func refresh(_ dataPath: String) -> Bool {
        guard let entry = entries[dataPath] else { return false }
        guard currentDisk(entry) != entry.disk else { return false }
        let revision = entry.document.revision
        reload(entry)
        return entry.document.revision != revision
    }

    private func load(_ dataPath: String, description: DataFileDescription) -> Entry {
        let sidecarPath = locator.sidecarPath(for: dataPath)
        let fresh = Sidecar(file: PathName.baseName(dataPath), kind: description.kind, image: description.imageSize)
        let entry = Entry(dataPath: dataPath, sidecarPath: sidecarPath, journalPath: locator.journalPath(for: dataPath),
                          document: Document(sidecar: fresh))
        entry.description = description
        reload(entry)
        if entry.document.header.kind == nil { entry.document.header.kind = description.kind }
        if entry.document.header.image == nil, let size = description.imageSize { entry.document.header.image = size }
        entry.writeProblem = writabilityProblem(sidecarPath)
        return entry
    }

    private func currentDisk(_ entry: Entry) -> DiskState {
        DiskState(sidecar: fileSystem.stamp(of: entry.sidecarPath), journal: fileSystem.stamp(of: entry.journalPath))
    }

    /// Reads sidecar and journal into the entry; on a bad file the entry becomes read-only.
    private func reload(_ entry: Entry) {
        let disk = currentDisk(entry)
        do throws(SidecarError) {
            var sidecar: Sidecar
            if disk.sidecar != nil {
                let read = try SidecarStore.readSidecar(entry.sidecarPath, fileSystem: fileSystem)
                sidecar = read.sidecar
                entry.sidecarBytes = read.size
            } else {
                sidecar = entry.document.header
                sidecar.annotations = []
                sidecar.marks = []
                entry.sidecarBytes = 0
            }
            // Keep what we know of the data file when the sidecar on disk lacks it.
            if sidecar.kind == nil { sidecar.kind = entry.document.header.kind }
            if sidecar.image == nil { sidecar.image = entry.document.header.image }
            if sidecar.file.isEmpty { sidecar.file = PathName.baseName(entry.dataPath) }
            var journal: (transactions: [Transaction], completeLength: Int, size: Int)?
            if disk.journal != nil { journal = try SidecarStore.readJournal(entry.journalPath, fileSystem: fileSystem) }
            entry.contentProblem = SidecarStore.contentProblem(sidecar, dataPath: entry.dataPath, sidecarPath: entry.sidecarPath,
                                                               description: entry.description)
            // Only now that everything parsed is the in-memory document replaced.
            entry.document.reload(from: sidecar)
            for transaction in journal?.transactions ?? [] { entry.document.perform(transaction) }
            entry.journalBytes = journal?.size ?? 0
            entry.journalCompleteLength = journal?.completeLength ?? 0
            entry.disk = disk
            entry.loadError = nil
        } catch {
            entry.loadError = error
            entry.disk = disk
        }
    }

    private static func readSidecar(_ path: String, fileSystem: any FileSystem) throws(SidecarError) -> (sidecar: Sidecar, size: Int) {
        let bytes: [UInt8]
        do { bytes = try fileSystem.readFile(path) } catch { throw SidecarError.unreadable(file: path, reason: error.reason) }
        return (try SidecarCodec.decode(bytes, file: path), bytes.count)
    }

    private static func readJournal(_ path: String, fileSystem: any FileSystem) throws(SidecarError)
        -> (transactions: [Transaction], completeLength: Int, size: Int) {
        let bytes: [UInt8]
        do { bytes = try fileSystem.readFile(path) } catch { throw SidecarError.unreadable(file: path, reason: error.reason) }
        let read = try Journal.read(bytes, file: path)
        return (read.transactions, read.completeLength, bytes.count)
    }

    /// The document of a data file as its sidecar and journal hold it, read without opening it
    /// in a store (safe on any thread: nothing is written or kept): nil when the data file has
    /// neither, the error when they cannot be read.
    /// `present`: whether each exists, when the caller knows already (a look per file saved).
    public static func read(_ dataPath: String, locator: SidecarLocator, fileSystem: any FileSystem,
                            present: (sidecar: Bool, journal: Bool)? = nil) -> Result<Document?, SidecarError> {
        let sidecarPath = locator.sidecarPath(for: dataPath), journalPath = locator.journalPath(for: dataPath)
        let hasSidecar = present?.sidecar ?? (fileSystem.stamp(of: sidecarPath) != nil)
        let hasJournal = present?.journal ?? (fileSystem.stamp(of: journalPath) != nil)
        guard hasSidecar || hasJournal else { return .success(nil) }
        do throws(SidecarError) {
            var sidecar = hasSidecar ? try readSidecar(sidecarPath, fileSystem: fileSystem).sidecar : Sidecar(file: PathName.baseName(dataPath), kind: nil)
            if sidecar.file.isEmpty { sidecar.file = PathName.baseName(dataPath) }
            var document = Document(sidecar: sidecar)
            if hasJournal {
                for transaction in try readJournal(journalPath, fileSystem: fileSystem).transactions { document.perform(transaction) }
            }
            return .success(document)
        } catch {
            return .failure(error)
        }
    }

    /// The document as `read` gives it, or nil when there is none or it cannot be read
    /// (opening it in the store names the problem).
    public static func peek(_ dataPath: String, locator: SidecarLocator, fileSystem: any FileSystem) -> Document? {
        (try? read(dataPath, locator: locator, fileSystem: fileSystem).get()) ?? nil
    }

    /// The first thing in a sidecar that makes it unsafe to edit: an edit would silently
    /// change it (a duplicate id gets renamed) or build on something `validate` rejects.
    static func contentProblem(_ sidecar: Sidecar, dataPath: String, sidecarPath: String, description: DataFileDescription?) -> String? {
        let dataName = PathName.baseName(dataPath)
        if !sidecar.file.isEmpty, sidecar.file != dataName {
            return "\(sidecarPath) says it belongs to \(sidecar.file), not \(dataName); it is shown but not edited"
        }
        if let kind = sidecar.kind, let expected = description?.kind, kind != expected {
            return "\(sidecarPath) is for \(kind.rawValue), but \(dataName) is \(expected.rawValue); it is shown but not edited"
        }
        var seen = Set<String>()
        for annotation in sidecar.annotations where !seen.insert(annotation.id).inserted {
            return "\(sidecarPath): two annotations have the id \"\(annotation.id)\" (termlabel validate lists them); fix one by hand to edit this item"
        }
        if let size = sidecar.image ?? description?.imageSize {
            for annotation in sidecar.annotations {
                if let box = annotation.box, !box.fits(in: size) {
                    return "\(sidecarPath): box \(annotation.id) (\(box.summary)) does not fit the \(size.width)×\(size.height) picture; "
                        + "fix it by hand (termlabel validate lists such problems) to edit this item"
                }
                if let problem = ShapeCheck.geometryProblem(annotation.shape, in: size) {
                    return "\(sidecarPath): \(annotation.shape.typeName) \(annotation.id): \(problem); "
                        + "fix it by hand (termlabel validate lists such problems) to edit this item"
                }
            }
        }
        for mark in sidecar.marks where !Mark.knownStates.contains(mark.state) {
            return "\(sidecarPath): a mark in the state \"\(mark.state.rawValue)\" that this version does not know; it is shown but not edited"
        }
        return nil
    }

    private func writabilityProblem(_ sidecarPath: String) -> String? {
        var directory = PathName.parent(sidecarPath)
        // A mirror folder may not exist yet: its nearest existing ancestor must be writable.
        while fileSystem.stamp(of: directory) == nil && directory != "/" && directory != "." {
            directory = PathName.parent(directory)
        }
        // No write bit at all counts even for root, whom access(2) lets write anything.
        if let stamp = fileSystem.stamp(of: sidecarPath), !fileSystem.isWritableFile(sidecarPath) || stamp.permissions & 0o222 == 0 {
            // A read-only sidecar is someone's decision (a frozen gold set): respected, not renamed over.
            return "\(sidecarPath) is read-only (its permissions forbid writing), so it is shown but not changed; make it writable to edit it"
        }
        if fileSystem.isWritableDirectory(directory) { return nil }
        let wayOut = locator.mirrorRoot == nil ? "open with --sidecars DIR to keep sidecars in another folder" : "give --sidecars a folder you can write to"
        return "the folder \(directory) is not writable, so \(PathName.baseName(sidecarPath)) cannot be saved there; \(wayOut)"
    }

    // MARK: - Editing

    /// Applies one transaction to each of many documents, as an import does, and returns the
    /// ones that failed. A document without a sidecar yet gets it in batches: the new sidecars
    /// are written to temporary files, flushed together (one file-system sync per batch instead
    /// of one per file), then renamed into place, and each folder is synced once at the end: each
    /// sidecar is complete or absent whatever happens, and all are durable when this returns.
    /// A document that already has a sidecar (or a journal) takes the ordinary path of `apply`.
    public func applyAll(_ changes: [(dataPath: String, transaction: Transaction)], batch: Int = 256) -> [(dataPath: String, error: StoreError)] {
        var failures: [(dataPath: String, error: StoreError)] = []
        var ordinary: [(dataPath: String, transaction: Transaction)] = []
        var folders: Set<String> = []
        var start = 0
        while start < changes.count {
            let chunk = changes[start..<min(start + batch, changes.count)]
            start += chunk.count
            var staged: [(entry: Entry, document: Document, file: WritableFile, bytes: Int, lock: FileLock)] = []
            for change in chunk {
                guard let entry = entries[change.dataPath] else {
                    failures.append((change.dataPath, .readOnly(file: change.dataPath, reason: "\(change.dataPath): the document was not opened")))
                    continue
                }
                if let reason = entry.readOnlyReason {
                    failures.append((change.dataPath, .readOnly(file: entry.sidecarPath, reason: reason)))
                    continue
                }
                guard entry.disk == DiskState(), currentDisk(entry) == DiskState(), !change.transaction.isEmpty else {
                    ordinary.append(change)
                    continue
                }
                let lock: FileLock
                do { lock = try fileSystem.lockExclusively(change.dataPath) } catch {
                    failures.append((change.dataPath, .lockFailed(file: change.dataPath, reason: error.reason)))
                    continue
                }
                // Someone may have written a sidecar since: then the ordinary path merges with it.
                guard currentDisk(entry) == DiskState() else {
                    fileSystem.unlock(lock)
                    ordinary.append(change)
                    continue
                }
                var updated = entry.document
                updated.apply(change.transaction)
                let sidecar = updated.sidecar
                let bytes = SidecarCodec.encode(header: sidecar, sortedAnnotations: sidecar.annotations, sortedMarks: sidecar.marks, cache: &entry.fragments)
                let folder = PathName.parent(entry.sidecarPath)
                do throws(FileSystemError) {
                    try fileSystem.createDirectories(folder)
                    let file = try fileSystem.createTemporaryFile(in: folder, prefix: "." + PathName.baseName(entry.sidecarPath) + ".tmp-")
                    do throws(FileSystemError) { try fileSystem.write(bytes, to: file) } catch {
                        try? fileSystem.close(file)
                        try? fileSystem.removeFile(file.path)
                        throw error
                    }
                    staged.append((entry, updated, file, bytes.count, lock))
                } catch {
                    fileSystem.unlock(lock)
                    failures.append((change.dataPath, .writeFailed(file: entry.sidecarPath, reason: error.description)))
                }
            }
            var flushed = true
            do { try fileSystem.synchronizeTogether(staged.map(\.file)) } catch {
                flushed = false
                for item in staged { failures.append((item.entry.dataPath, .writeFailed(file: item.entry.sidecarPath, reason: error.description))) }
            }
            for item in staged {
                defer { fileSystem.unlock(item.lock) }
                do throws(FileSystemError) {
                    try fileSystem.close(item.file)
                    guard flushed else { throw FileSystemError(operation: "flush", path: item.file.path, reason: "not flushed") }
                    try fileSystem.rename(item.file.path, to: item.entry.sidecarPath)
                } catch {
                    try? fileSystem.removeFile(item.file.path)
                    if flushed { failures.append((item.entry.dataPath, .writeFailed(file: item.entry.sidecarPath, reason: error.description))) }
                    continue
                }
                item.entry.document = item.document
                item.entry.sidecarBytes = item.bytes
                item.entry.disk = currentDisk(item.entry)
                folders.insert(PathName.parent(item.entry.sidecarPath))
            }
        }
        for change in ordinary {
            do throws(StoreError) { try apply(change.transaction, to: change.dataPath) } catch {
                failures.append((change.dataPath, error))
            }
        }
        for folder in folders.sorted() {
            do throws(FileSystemError) { try fileSystem.synchronizeDirectory(folder) } catch {
                failures.append((folder, .writeFailed(file: folder, reason: error.description)))
            }
        }
        return failures
    }

    /// Applies a user action to a document and saves it; returns the document as it now is.
    @discardableResult
    public func apply(_ transaction: Transaction, to dataPath: String) throws(StoreError) -> Document {
        let entry = try modify(dataPath, pending: { _ in transaction }, commit: { $0.apply(transaction) })
        return entry.document
    }

    /// Undoes the document's last action and saves; returns what was applied, or nil if nothing.
    @discardableResult
    public func undo(_ dataPath: String) throws(StoreError) -> Transaction? {
        try step(dataPath, undoing: true)
    }

    /// Redoes the document's last undone action and saves; returns what was applied, or nil.
    @discardableResult
    public func redo(_ dataPath: String) throws(StoreError) -> Transaction? {
        try step(dataPath, undoing: false)
    }

    /// Undo or redo, against the sidecar as it is on disk now: when someone else has changed
    /// what the step would restore, the step is refused (and forgotten) rather than overwrite
    /// their change.
    private func step(_ dataPath: String, undoing: Bool) throws(StoreError) -> Transaction? {
        var applied: Transaction?
        var refusal: String?
        let entry = try modify(dataPath, pending: { document in
            guard let transaction = undoing ? document.pendingUndo : document.pendingRedo else { return nil }
            if let mismatch = document.mismatches(transaction).first {
                refusal = "cannot \(undoing ? "undo" : "redo") \(transaction.summary.isEmpty ? "that" : transaction.summary): \(mismatch); left as it is"
                return nil
            }
            return transaction
        }, commit: { applied = undoing ? $0.undo() : $0.redo() })
        if let refusal {
            if undoing { entry.document.discardUndo() } else { entry.document.discardRedo() }
            throw .changedElsewhere(file: dataPath, reason: refusal)
        }
        return applied
    }

    /// Locks, refreshes, persists and applies one change. The document in memory changes only
    /// once the change is on disk: a journal line needs only the transaction, and a full
    /// rewrite is encoded from a copy (small documents only, so the copy is cheap).
    private func modify(_ dataPath: String, pending: (Document) -> Transaction?,
                        commit: (inout Document) -> Void) throws(StoreError) -> Entry {
        guard let entry = entries[dataPath] else {
            throw .readOnly(file: dataPath, reason: "\(dataPath): the document was not opened")
        }
        if let reason = entry.readOnlyReason { throw .readOnly(file: entry.sidecarPath, reason: reason) }
        let lock: FileLock
        do { lock = try fileSystem.lockExclusively(dataPath) } catch {
            throw .lockFailed(file: dataPath, reason: error.reason)
        }
        defer { fileSystem.unlock(lock) }
        if currentDisk(entry) != entry.disk {
            reload(entry)
            if let reason = entry.readOnlyReason { throw .readOnly(file: entry.sidecarPath, reason: reason) }
        }
        guard let transaction = pending(entry.document), !transaction.isEmpty else { return entry }
        let useJournal = entry.journalBytes > 0 || entry.sidecarBytes > options.journalThreshold
        if useJournal && entry.journalBytes < max(options.compactionThreshold, entry.sidecarBytes / 2) {
            try appendToJournal(entry, transaction)
            commit(&entry.document)
        } else {
            var updated = entry.document
            commit(&updated)
            try writeSidecar(entry, updated)
            entry.document = updated
        }
        entry.disk = currentDisk(entry)
        return entry
    }

    private func writeSidecar(_ entry: Entry, _ document: Document) throws(StoreError) {
        let sidecar = document.sidecar
        let bytes = SidecarCodec.encode(header: sidecar, sortedAnnotations: sidecar.annotations, sortedMarks: sidecar.marks,
                                        cache: &entry.fragments)
        do {
            try fileSystem.createDirectories(PathName.parent(entry.sidecarPath))
            try writer.write(bytes, to: entry.sidecarPath)
        } catch {
            throw .writeFailed(file: entry.sidecarPath, reason: error.description)
        }
        entry.sidecarBytes = bytes.count
        if entry.journalBytes > 0 || fileSystem.stamp(of: entry.journalPath) != nil {
            // The sidecar now holds every journalled edit; replaying them again would be harmless.
            try? fileSystem.removeFile(entry.journalPath)
            entry.journalBytes = 0
            entry.journalCompleteLength = 0
        }
    }

    private func appendToJournal(_ entry: Entry, _ transaction: Transaction) throws(StoreError) {
        var bytes = Journal.line(for: transaction)
        do throws(FileSystemError) {
            if entry.journalCompleteLength < entry.journalBytes {
                // A line cut short by a crash (even the header itself, by a power cut during the
                // first write) is cut off; a journal left with nothing starts again with its header.
                try fileSystem.truncate(entry.journalPath, to: entry.journalCompleteLength)
                entry.journalBytes = entry.journalCompleteLength
            }
        } catch {
            throw .writeFailed(file: entry.journalPath, reason: error.description)
        }
        let isNew = entry.journalBytes == 0
        if isNew { bytes = Journal.header() + bytes }
        do throws(FileSystemError) {
            let file = try fileSystem.openForAppending(entry.journalPath)
            do {
                try fileSystem.write(bytes, to: file)
                try fileSystem.synchronize(file)
            } catch {
                try? fileSystem.close(file)
                // Cut off whatever part of the line made it, so the journal stays well-formed.
                if isNew { try? fileSystem.removeFile(entry.journalPath) } else { try? fileSystem.truncate(entry.journalPath, to: entry.journalBytes) }
                throw error
            }
            try fileSystem.close(file)
            if isNew { try fileSystem.synchronizeDirectory(PathName.parent(entry.journalPath)) }
        } catch {
            throw .writeFailed(file: entry.journalPath, reason: error.description)
        }
        entry.journalBytes += bytes.count
        entry.journalCompleteLength = entry.journalBytes
    }

    /// Folds every journal into its sidecar, so each sidecar on disk is complete on its own.
    /// Called on exit; errors are returned, not thrown, so that one bad file does not stop the rest.
    @discardableResult
    public func compactAll() -> [StoreError] {
        var errors: [StoreError] = []
        for dataPath in entries.keys.sorted() {
            do { try compact(dataPath) } catch { errors.append(error) }
        }
        return errors
    }

    /// Folds one document's journal into its sidecar.
    public func compact(_ dataPath: String) throws(StoreError) {
        guard let entry = entries[dataPath] else { return }
        guard entry.journalBytes > 0 || fileSystem.stamp(of: entry.journalPath) != nil else { return }
        // A journal that cannot be folded in is said, not skipped in silence: its edits wait there.
        if let reason = entry.readOnlyReason { throw .readOnly(file: entry.sidecarPath, reason: reason) }
        let lock: FileLock
        do { lock = try fileSystem.lockExclusively(dataPath) } catch {
            throw .lockFailed(file: dataPath, reason: error.reason)
        }
        defer { fileSystem.unlock(lock) }
        if currentDisk(entry) != entry.disk { reload(entry) }
        if let reason = entry.readOnlyReason { throw .readOnly(file: entry.sidecarPath, reason: reason) }
        try writeSidecar(entry, entry.document)
        entry.disk = currentDisk(entry)
    }

    /// Forgets a document (its edits are already on disk).
    public func close(_ dataPath: String) {
        try? compact(dataPath)
        entries[dataPath] = nil
    }
}
