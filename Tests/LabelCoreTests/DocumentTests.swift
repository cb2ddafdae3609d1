import LabelCore
import TestSupport
import Testing

@Suite struct DocumentTests {
    func emptyDocument() -> Document { Document(sidecar: Sidecar(file: "a.png", kind: .image)) }

    @Test func undoAndRedoWalkTheHistoryOneActionAtATime() {
        var document = emptyDocument()
        let box = Make.box("b1", "cat", 1, 2, 3, 4)
        var moved = box
        moved.shape = .box(BoxGeometry(x: 5, y: 2, width: 3, height: 4))
        let done = Mark(state: .done, author: "ana", time: "t")
        document.apply(Transaction([.add(box)], summary: "add box"))
        document.apply(Transaction([.update(from: box, to: moved)], summary: "move box"))
        // One user action, two edits: relabel and mark done undo together.
        var relabelled = moved
        relabelled.label = "dog"
        document.apply(Transaction([.update(from: moved, to: relabelled), .setMark(from: nil, to: done)], summary: "relabel and done"))
        #expect(document.annotations == [relabelled])
        #expect(document.marks(record: nil) == [done])

        #expect(document.undo()?.summary == "relabel and done")
        #expect(document.annotations == [moved])
        #expect(document.marks(record: nil).isEmpty)
        _ = document.undo()
        #expect(document.annotations == [box])
        _ = document.undo()
        #expect(document.annotations.isEmpty)
        #expect(document.undo() == nil)

        _ = document.redo()
        _ = document.redo()
        #expect(document.annotations == [moved])
        // A new action after undo drops the redo branch.
        document.apply(Transaction([.remove(moved)], summary: "delete"))
        #expect(document.redo() == nil)
        #expect(document.annotations.isEmpty)
    }

    @Test func replacingAMarkUndoesToThePreviousMark() {
        var document = emptyDocument()
        let first = Mark(state: .flagged, author: "ana", time: "t1", note: "blurry?")
        let second = Mark(state: .flagged, author: "ana", time: "t2", note: "blurry, and cropped")
        document.apply(Transaction([.setMark(from: nil, to: first)]))
        document.apply(Transaction([.setMark(from: first, to: second)]))
        #expect(document.mark(first.key)?.note == "blurry, and cropped")
        _ = document.undo()
        #expect(document.mark(first.key)?.note == "blurry?")
        _ = document.undo()
        #expect(document.mark(first.key) == nil)
    }

    @Test func inverseOfInverseIsTheOriginal() {
        let box = Make.box("b", "cat", 0, 0, 1, 1)
        let mark = Mark(state: .done, record: 3, author: "x")
        let edits: [Edit] = [.add(box), .remove(box), .update(from: box, to: Make.box("b", "dog", 0, 0, 1, 1)),
                             .setMark(from: nil, to: mark), .setMark(from: mark, to: mark), .clearMark(mark)]
        for edit in edits { #expect(edit.inverse.inverse == edit) }
    }

    @Test func reloadKeepsHistoryAndEditsApplyByIdentity() {
        var document = emptyDocument()
        let mine = Make.box("mine", "cat", 0, 0, 2, 2)
        document.apply(Transaction([.add(mine)]))
        // Another process added "theirs" and already has "mine": the fresh copy replaces ours.
        document.reload(from: Sidecar(file: "a.png", kind: .image, annotations: [mine, Make.box("theirs", "dog", 5, 5, 1, 1)]))
        _ = document.undo()
        #expect(document.annotations.map(\.id) == ["theirs"])
    }

    @Test func duplicateIdsFromAHandMergeAreBothKept() {
        let document = Document(sidecar: Sidecar(file: "a.png", kind: .image,
                                                 annotations: [Make.box("x", "cat", 0, 0, 1, 1), Make.box("x", "dog", 2, 2, 1, 1)]))
        #expect(document.annotations.count == 2)
        #expect(Set(document.annotations.map(\.id)) == ["x", "x-2"])
    }
}

@Suite struct SmallModelTests {
    @Test func naturalOrderComparesNumbersByValue() {
        let names = ["img10.png", "img2.png", "Img1.png", "img02.png", "a", "img2b.png", "img1.png"]
        #expect(names.sorted(by: NaturalOrder.precedes) == ["a", "Img1.png", "img1.png", "img2.png", "img02.png", "img2b.png", "img10.png"])
        #expect(NaturalOrder.sorted(names) == ["a", "Img1.png", "img1.png", "img2.png", "img02.png", "img2b.png", "img10.png"])
    }

    /// The folder walk sorts by keys compared as bytes; it must give the order `precedes` gives,
    /// with leading zeros, case, long numbers (nine digits and more) and other scripts.
    @Test func sortingByKeysAgreesWithTheFullComparison() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "B", "b", "0", "1", "9", "00", "007", "10", "123456789", "0000000001234567890", "99999999999", "x", ".", "-", "é", "É", "_", "Z", " "]
        for _ in 0..<50 {
            let names = (0..<200).map { _ in (0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined() }
            #expect(NaturalOrder.sorted(names) == names.sorted(by: NaturalOrder.precedes))
        }
    }

    @Test func timestampsAreISO8601UTC() {
        #expect(ISO8601.timestamp(secondsSince1970: 0) == "1970-01-01T00:00:00Z")
        #expect(ISO8601.timestamp(secondsSince1970: 1_795_341_600) == "2026-11-22T10:00:00Z")
        #expect(ISO8601.timestamp(secondsSince1970: 951_782_400) == "2000-02-29T00:00:00Z")
    }

    @Test func labelKeysDefaultToTheirPosition() {
        let set = LabelSet(kind: .classes, labels: (1...11).map { LabelDefinition(name: "l\($0)") } + [LabelDefinition(name: "x", key: "x")])
        #expect(set.key(at: 0) == "1")
        #expect(set.key(at: 8) == "9")
        #expect(set.key(at: 9) == "0")
        #expect(set.key(at: 10) == nil)
        #expect(set.label(forKey: "x")?.name == "x")
        #expect(set.label(forKey: "0")?.name == "l10")
    }

    @Test func boxesClampIntoTheImage() {
        let size = ImageSize(width: 10, height: 8)
        #expect(BoxGeometry(x: -3, y: 6, width: 20, height: 5).clamped(to: size) == BoxGeometry(x: 0, y: 3, width: 10, height: 5))
        #expect(BoxGeometry(x: 4, y: 4, width: 0, height: 0).clamped(to: size) == BoxGeometry(x: 4, y: 4, width: 1, height: 1))
        #expect(BoxGeometry(corner: (x: 7, y: 1), corner: (x: 2, y: 5)) == BoxGeometry(x: 2, y: 1, width: 6, height: 5))
    }
}
