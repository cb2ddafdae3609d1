import LabelCore
import LabelDataset
import LabelStore
import TestSupport
import Testing

@Suite struct SidecarStoreTests {
    let folder = TemporaryDirectory()

    func store(_ fileSystem: any FileSystem = POSIXFileSystem(), options: StoreOptions = StoreOptions()) -> SidecarStore {
        SidecarStore(fileSystem: fileSystem, locator: SidecarLocator(dataRoot: folder.path), options: options)
    }

    func decodeSidecar(_ name: String) throws -> Sidecar {
        try SidecarCodec.decode(try #require(folder.read(name)), file: name)
    }

    @Test func everyEditIsOnDiskWhenApplyReturns() throws {
        let data = folder.write("cat.png", "not really a png")
        let store = store()
        store.open(data, as: DataFileDescription(kind: .image, imageSize: ImageSize(width: 640, height: 480)))
        #expect(!folder.exists("cat.png.labels.json"))
        let box = Make.box("b1", "cat", 12, 30, 200, 150)
        try store.apply(Transaction([.add(box)]), to: data)
        let written = try decodeSidecar("cat.png.labels.json")
        #expect(written.annotations == [box])
        #expect(written.image == ImageSize(width: 640, height: 480))
        #expect(written.kind == .image)
        #expect(written.file == "cat.png")

        try store.undo(data)
        #expect(try decodeSidecar("cat.png.labels.json").annotations.isEmpty)
        try store.redo(data)
        #expect(try decodeSidecar("cat.png.labels.json").annotations == [box])
        // No temporary files are left behind.
        #expect(folder.list() == ["cat.png", "cat.png.labels.json"])
    }

    @Test(arguments: 1...5)
    func aWriteInterruptedAtAnyStepLeavesTheOldOrTheNewSidecar(failAt: Int) throws {
        let data = folder.write("a.txt", "hello")
        let old = Make.classification("c1", "old")
        let setup = store()
        setup.open(data, as: DataFileDescription(kind: .text))
        try setup.apply(Transaction([.add(old)]), to: data)
        let before = try #require(folder.read("a.txt.labels.json"))

        let faulty = FaultyFileSystem(failAt: failAt)
        let failing = store(faulty)
        failing.open(data, as: DataFileDescription(kind: .text))
        let new = Make.classification("c2", "new")
        var failed = false
        do { try failing.apply(Transaction([.add(new)]), to: data) } catch { failed = true }
        let after = try #require(folder.read("a.txt.labels.json"))
        let decoded = try SidecarCodec.decode(after, file: "a.txt.labels.json")
        if failed {
            // The folder sync is the last step: by then the new sidecar is in place.
            if faulty.steps.last == "sync-folder" {
                #expect(decoded.annotations.count == 2)
            } else {
                #expect(after == before)
                #expect(failing.document(data)?.annotations == [old], "memory must match disk")
            }
        } else {
            #expect(decoded.annotations.count == 2)
        }
        #expect(folder.list() == ["a.txt", "a.txt.labels.json"], "no temporary file is left behind")
    }

    @Test(arguments: [
        ("", "is empty"),
        ("{\"format\": \"termlabel-sidecar\", \"version\": 1, \"annotations\": [\n  {\"id\": \"x\"", ":2:"),
        ("{\"format\": \"termlabel-sidecar\", \"version\": 7}", "version 7"),
        ("\u{FF}\u{FE}{}", "not valid JSON"),
        ("{\"format\": \"termlabel-sidecar\", \"version\": 1, \"annotations\": {}}", "must be an array"),
    ])
    func anUnreadableSidecarMakesTheItemReadOnlyAndIsNeverTouched(content: String, words: String) throws {
        let data = folder.write("b.txt", "text")
        var bytes = Array(content.utf8)
        if content.hasPrefix("\u{FF}") { bytes = [0xFF, 0xFE, 0x7B, 0x7D] }
        folder.write("b.txt.labels.json", bytes: bytes)
        let store = store()
        store.open(data, as: DataFileDescription(kind: .text))
        let reason = try #require(store.readOnlyReason(data))
        #expect(reason.contains("b.txt.labels.json"))
        #expect(reason.contains(words))
        #expect(throws: StoreError.self) { try store.apply(Transaction([.add(Make.classification("c", "x"))]), to: data) }
        #expect(folder.read("b.txt.labels.json") == bytes)
    }

    @Test func aReadOnlyFolderIsReportedWithTheWayOut() throws {
        let data = folder.write("ro/c.txt", "text")
        // Root may write anywhere, so the read-only folder is simulated.
        let store = store(ReadOnlyFileSystem())
        store.open(data, as: DataFileDescription(kind: .text))
        let reason = try #require(store.readOnlyReason(data))
        #expect(reason.contains("\(folder.url("ro")) is not writable"))
        #expect(reason.contains("--sidecars DIR"))
        #expect(throws: StoreError.self) { try store.apply(Transaction([.add(Make.classification("c", "x"))]), to: data) }
        #expect(folder.list("ro") == ["c.txt"])
    }

    @Test func mirrorTreesKeepSidecarsOutOfTheDataFolder() throws {
        let data = folder.write("data/sub/d.txt", "text")
        let store = SidecarStore(locator: SidecarLocator(dataRoot: folder.url("data"), mirrorRoot: folder.url("labels")))
        store.open(data, as: DataFileDescription(kind: .text))
        try store.apply(Transaction([.add(Make.classification("c", "x"))]), to: data)
        #expect(folder.exists("labels/sub/d.txt.labels.json"))
        #expect(folder.list("data/sub") == ["d.txt"])
    }

    @Test func anotherStoreSeesTheChangeWhenItNextTouchesTheDocument() throws {
        let data = folder.write("e.txt", "text")
        let first = store(), second = store()
        first.open(data, as: DataFileDescription(kind: .text))
        second.open(data, as: DataFileDescription(kind: .text))
        try first.apply(Transaction([.add(Make.classification("one", "a"))]), to: data)
        // The second store applies its edit to the fresh copy: nothing is lost.
        try second.apply(Transaction([.add(Make.classification("two", "b"))]), to: data)
        #expect(Set(try decodeSidecar("e.txt.labels.json").annotations.map(\.id)) == ["one", "two"])
        #expect(first.refresh(data))
        #expect(first.document(data)?.annotations.map(\.id) == ["one", "two"])
        // Undo in the first store removes only its own edit.
        try first.undo(data)
        #expect(try decodeSidecar("e.txt.labels.json").annotations.map(\.id) == ["two"])
    }

    @Test func largeSidecarsTakeEditsThroughAJournalThatReplaysAndFoldsIn() throws {
        let data = folder.write("f.txt", "text")
        let options = StoreOptions(journalThreshold: 0, compactionThreshold: 1 << 20)
        let store = store(options: options)
        store.open(data, as: DataFileDescription(kind: .text))
        try store.apply(Transaction([.add(Make.classification("first", "a"))]), to: data)
        #expect(!folder.exists("f.txt.labels.json.journal"), "the first write creates the sidecar")
        for index in 0..<10 { try store.apply(Transaction([.add(Make.classification("j\(index)", "b"))]), to: data) }
        try store.undo(data)
        #expect(folder.exists("f.txt.labels.json.journal"))
        #expect(try decodeSidecar("f.txt.labels.json").annotations.count == 1)

        // A new reader (another process, or the next session) sees the current state.
        let reader = self.store()
        #expect(reader.open(data, as: DataFileDescription(kind: .text)).annotations.count == 10)
        // A crash in the middle of appending leaves a torn last line: it is ignored, then cut.
        var journal = try #require(folder.read("f.txt.labels.json.journal"))
        journal += Array("{\"edits\":[{\"put\":{\"id\":\"torn\"".utf8)
        folder.write("f.txt.labels.json.journal", bytes: journal)
        let recovering = self.store(options: options)
        #expect(recovering.open(data, as: DataFileDescription(kind: .text)).annotations.count == 10)
        try recovering.apply(Transaction([.add(Make.classification("after", "c"))]), to: data)
        #expect(self.store().open(data, as: DataFileDescription(kind: .text)).annotations.count == 11)

        try recovering.compact(data)
        #expect(!folder.exists("f.txt.labels.json.journal"))
        #expect(try decodeSidecar("f.txt.labels.json").annotations.count == 11)
    }

    /// A power cut during the journal's first write can leave part of its header: the next
    /// edit cuts it off and starts the journal again, so the item never turns read-only.
    @Test(arguments: [5, 20, 40])
    func aTornJournalHeaderIsRecovered(keptBytes: Int) throws {
        let data = folder.write("h.txt", "text")
        let options = StoreOptions(journalThreshold: 0, compactionThreshold: 1 << 20)
        let first = store(options: options)
        first.open(data, as: DataFileDescription(kind: .text))
        try first.apply(Transaction([.add(Make.classification("a", "x"))]), to: data)
        let torn = Array(Journal.header().prefix(keptBytes))
        #expect(!torn.contains(0x0A))
        folder.write("h.txt.labels.json.journal", bytes: torn)
        let next = store(options: options)
        #expect(next.open(data, as: DataFileDescription(kind: .text)).annotations.count == 1)
        #expect(next.readOnlyReason(data) == nil)
        try next.apply(Transaction([.add(Make.classification("b", "y"))]), to: data)
        let reader = store()
        #expect(reader.open(data, as: DataFileDescription(kind: .text)).annotations.map(\.id).sorted() == ["a", "b"])
        #expect(reader.readOnlyReason(data) == nil)
        #expect(folder.text("h.txt.labels.json.journal")?.hasPrefix("{\"format\":\"termlabel-journal\"") == true)
    }

    @Test func aCorruptJournalIsReportedAndKept() throws {
        let data = folder.write("g.txt", "text")
        folder.write("g.txt.labels.json.journal", "{\"format\":\"termlabel-journal\",\"version\":1}\nnot json\n")
        let store = store()
        store.open(data, as: DataFileDescription(kind: .text))
        #expect(store.readOnlyReason(data)?.contains("g.txt.labels.json.journal:2") == true)
    }
}

/// The real file system, but every folder reads as not writable.
struct ReadOnlyFileSystem: ForwardingFileSystem {
    let real = POSIXFileSystem()
    func createDirectories(_ path: String) throws(FileSystemError) { throw FileSystemError(operation: "create", path: path, reason: "read-only") }
    func createTemporaryFile(in directory: String, prefix: String) throws(FileSystemError) -> WritableFile {
        throw FileSystemError(operation: "create a file in the folder", path: directory, reason: "Read-only file system")
    }
    func openForAppending(_ path: String) throws(FileSystemError) -> WritableFile { throw FileSystemError(operation: "open", path: path, reason: "read-only") }
    func isWritableDirectory(_ directory: String) -> Bool { false }
}
