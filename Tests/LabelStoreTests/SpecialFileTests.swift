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

/// Two editors on one sidecar (two annotators, two processes): undo and redo apply only to
/// what the undoing one changed, never over the other's later change (issue 12).
@Suite struct UndoAcrossProcessesTests {
    let folder = TemporaryDirectory()

    func stores() -> (SidecarStore, SidecarStore, String) {
        let data = folder.write("a.txt", "hello")
        let a = SidecarStore(locator: SidecarLocator(dataRoot: folder.path)), b = SidecarStore(locator: SidecarLocator(dataRoot: folder.path))
        a.open(data, as: DataFileDescription(kind: .text))
        b.open(data, as: DataFileDescription(kind: .text))
        return (a, b, data)
    }

    func onDisk() throws -> [Annotation] {
        try SidecarCodec.decode(try #require(folder.read("a.txt.labels.json")), file: "a").annotations
    }

    @Test func undoDoesNotRevertAnotherEditorsLaterRelabel() throws {
        let (a, b, data) = stores()
        let box = Make.classification("c1", "pos", author: "ana")
        try a.apply(Transaction([.add(box)], summary: "class pos"), to: data)
        var relabelled = box
        relabelled.label = "neg"
        relabelled.extra["edited_by"] = .string("bob")
        b.refresh(data)
        try b.apply(Transaction([.update(from: box, to: relabelled)]), to: data)
        #expect {
            try a.undo(data)
        } throws: { error in
            guard case .changedElsewhere(_, let reason) = error as? StoreError else { return false }
            return reason.contains("cannot undo class pos") && reason.contains("changed since (by bob)")
        }
        #expect(try onDisk() == [relabelled], "bob's relabel stands")
        #expect(try a.undo(data) == nil, "the refused step is forgotten")
    }

    @Test func redoDoesNotBringBackWhatAnotherEditorDeleted() throws {
        let (a, b, data) = stores()
        let box = Make.classification("c1", "pos", author: "ana")
        try a.apply(Transaction([.add(box)]), to: data)
        try a.apply(Transaction([.remove(box)]), to: data)
        try a.undo(data)
        #expect(try onDisk() == [box])
        b.refresh(data)
        try b.apply(Transaction([.remove(box)]), to: data)
        #expect(throws: StoreError.self) { try a.redo(data) }
        #expect(try onDisk().isEmpty)
        // A step of one's own that nobody touched still undoes.
        let other = Make.classification("c2", "neg", author: "ana")
        try a.apply(Transaction([.add(other)]), to: data)
        try a.undo(data)
        #expect(try onDisk().isEmpty)
    }
}
