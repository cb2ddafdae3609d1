import Foundation
import LabelCore
import LabelStore
import TestSupport
import Testing

/// Sidecars and journals that are not regular files (issue 12): a FIFO, a link to /dev/zero, a
/// planted journal link. Each is refused with a message; nothing hangs, nothing outside is written.
@Suite struct SpecialFileTests {
    let folder = TemporaryDirectory()

    func store(journalThreshold: Int = 128 << 10) -> SidecarStore {
        SidecarStore(locator: SidecarLocator(dataRoot: folder.path), options: StoreOptions(journalThreshold: journalThreshold))
    }

    @Test func aFIFOSidecarOpensReadOnlyWithoutBlocking() throws {
        let data = folder.write("a.txt", "hello")
        #expect(mkfifo(folder.url("a.txt.labels.json"), 0o644) == 0)
        let started = Date()
        let store = store()
        store.open(data, as: DataFileDescription(kind: .text))
        #expect(Date().timeIntervalSince(started) < 2)
        let reason = try #require(store.readOnlyReason(data))
        #expect(reason.contains("a.txt.labels.json"))
        #expect(reason.contains("not a regular file"))
        #expect(throws: StoreError.self) { try store.apply(Transaction([.add(Make.classification("c", "x"))]), to: data) }
    }

    @Test func aSidecarLinkedToDevZeroIsRefusedNotReadForever() throws {
        let data = folder.write("a.txt", "hello")
        #expect(symlink("/dev/zero", folder.url("a.txt.labels.json")) == 0)
        let store = store()
        store.open(data, as: DataFileDescription(kind: .text))
        #expect(store.readOnlyReason(data)?.contains("not a regular file") == true)
    }

    @Test func aPlantedJournalLinkIsNeverFollowed() throws {
        let data = folder.write("a.txt", "hello")
        let outside = TemporaryDirectory()
        outside.write("victim", "untouched")
        #expect(symlink(outside.url("victim"), folder.url("a.txt.labels.json.journal")) == 0)
        let store = store(journalThreshold: 0)
        store.open(data, as: DataFileDescription(kind: .text))
        _ = try? store.apply(Transaction([.add(Make.classification("c1", "x"))]), to: data)
        _ = try? store.apply(Transaction([.add(Make.classification("c2", "y"))]), to: data)
        store.close(data)
        #expect(outside.text("victim") == "untouched")
    }
}

/// Permissions a user set on a sidecar are respected (issue 12).
@Suite struct SidecarPermissionTests {
    let folder = TemporaryDirectory()

    @Test func aReadOnlySidecarOpensReadOnlyAndIsNeverRenamedOver() throws {
        let data = folder.write("a.txt", "hello")
        let store = SidecarStore(locator: SidecarLocator(dataRoot: folder.path))
        store.open(data, as: DataFileDescription(kind: .text))
        try store.apply(Transaction([.add(Make.classification("c1", "x"))]), to: data)
        store.close(data)
        #expect(chmod(folder.url("a.txt.labels.json"), 0o444) == 0)
        let before = folder.read("a.txt.labels.json")
        let reopened = SidecarStore(locator: SidecarLocator(dataRoot: folder.path))
        reopened.open(data, as: DataFileDescription(kind: .text))
        #expect(reopened.readOnlyReason(data)?.contains("is read-only") == true)
        #expect(throws: StoreError.self) { try reopened.apply(Transaction([.add(Make.classification("c2", "y"))]), to: data) }
        #expect(folder.read("a.txt.labels.json") == before)
        var status = stat()
        #expect(stat(folder.url("a.txt.labels.json"), &status) == 0 && status.st_mode & 0o777 == 0o444)
    }

    @Test func aRewrittenSidecarKeepsItsPermissions() throws {
        let data = folder.write("a.txt", "hello")
        let store = SidecarStore(locator: SidecarLocator(dataRoot: folder.path))
        store.open(data, as: DataFileDescription(kind: .text))
        try store.apply(Transaction([.add(Make.classification("c1", "x"))]), to: data)
        #expect(chmod(folder.url("a.txt.labels.json"), 0o664) == 0)
        try store.apply(Transaction([.add(Make.classification("c2", "y"))]), to: data)
        var status = stat()
        #expect(stat(folder.url("a.txt.labels.json"), &status) == 0 && status.st_mode & 0o777 == 0o664)
    }
}
