import Foundation
import LabelCore
import LabelDataset
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

/// An edit never changes what it did not touch, and a sidecar validate rejects is shown but
/// not edited (issue 12).
@Suite struct UntouchedValuesTests {
    let folder = TemporaryDirectory()

    func open(_ sidecar: String, data: String = "a.png", kind: ItemKind = .image) -> (SidecarStore, String) {
        let path = folder.write(data, "x")
        folder.write(data + ".labels.json", sidecar)
        let store = SidecarStore(locator: SidecarLocator(dataRoot: folder.path))
        store.open(path, as: DataFileDescription(kind: kind, imageSize: kind == .image ? ImageSize(width: 640, height: 480) : nil))
        return (store, path)
    }

    static func sidecar(_ annotations: String, marks: String = "[]", file: String = "a.png") -> String {
        """
        {"format": "termlabel-sidecar", "version": 1, "file": "\(file)", "kind": "image", "image": {"width": 640, "height": 480},
         "annotations": [\(annotations)], "marks": \(marks)}
        """
    }

    @Test func aScoreKeepsItsDigitsWhenSomethingElseIsEdited() throws {
        let (store, path) = open(Self.sidecar("""
        {"id": "s1", "type": "box", "label": "cat", "x": 1, "y": 2, "width": 3, "height": 4, "status": "suggested",
         "score": 0.1000000000000000055511151231257827, "weird": 1.50}
        """))
        try store.apply(Transaction([.add(Make.classification("c1", "indoor"))]), to: path)
        let text = try #require(folder.text("a.png.labels.json"))
        #expect(text.contains("\"score\": 0.1000000000000000055511151231257827"), "\(text)")
        #expect(text.contains("\"weird\": 1.50"))
    }

    @Test(arguments: [
        ("a lone surrogate", sidecar(#"{"id": "b1", "type": "class", "label": "x\ud800y"}"#), "\\uD800"),
        ("a duplicate id", sidecar(#"{"id": "b1", "type": "class", "label": "x"}, {"id": "b1", "type": "class", "label": "y"}"#), "two annotations have the id \"b1\""),
        ("a box outside", sidecar(#"{"id": "b1", "type": "box", "label": "x", "x": 600, "y": 0, "width": 100, "height": 10}"#), "does not fit the 640×480 picture"),
        ("a zero-size box", sidecar(#"{"id": "b1", "type": "box", "label": "x", "x": 6, "y": 0, "width": 0, "height": 10}"#), "does not fit"),
        ("another file", sidecar("", file: "b.png"), "belongs to b.png"),
        ("an unknown mark", sidecar("", marks: #"[{"state": "frobbed", "author": "ana"}]"#), "\"frobbed\""),
    ])
    func sidecarsValidateRejectsAreNotEdited(_ name: String, _ text: String, _ reason: String) throws {
        let (store, path) = open(text)
        let before = folder.read("a.png.labels.json")
        #expect(store.readOnlyReason(path)?.contains(reason) == true, "\(name): \(store.readOnlyReason(path) ?? "editable")")
        #expect(throws: StoreError.self) { try store.apply(Transaction([.add(Make.classification("c9", "indoor"))]), to: path) }
        #expect(folder.read("a.png.labels.json") == before, "\(name): untouched")
    }
}
