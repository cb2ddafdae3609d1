import LabelCore
import TestSupport
import Testing

/// The three-way merge of sidecars: result = base + ours' changes + theirs' changes, and a
/// change made differently on both sides kept side by side with a flag (DESIGN §10).
@Suite struct SidecarMergeTests {
    static let labels = ["cat", "dog", "fox"]

    /// A random edit of `sidecar`: add, delete, relabel, move, or a mark.
    static func edit(_ sidecar: inout Sidecar, author: String, random: inout SeededRandom, counter: inout Int) {
        switch Int.random(in: 0..<5, using: &random) {
        case 0:
            counter += 1
            sidecar.annotations.append(Make.box("\(author)\(counter)", labels[Int.random(in: 0..<3, using: &random)],
                                                Int.random(in: 0..<50, using: &random), Int.random(in: 0..<50, using: &random), 5, 5, author: author))
        case 1 where !sidecar.annotations.isEmpty:
            sidecar.annotations.remove(at: Int.random(in: 0..<sidecar.annotations.count, using: &random))
        case 2 where !sidecar.annotations.isEmpty:
            let index = Int.random(in: 0..<sidecar.annotations.count, using: &random)
            sidecar.annotations[index].label = labels[Int.random(in: 0..<3, using: &random)] + "-" + author
        case 3 where !sidecar.annotations.isEmpty:
            let index = Int.random(in: 0..<sidecar.annotations.count, using: &random)
            if case .box(var box) = sidecar.annotations[index].shape {
                box.x += Int.random(in: 1...3, using: &random)
                sidecar.annotations[index].shape = .box(box)
            }
        default:
            let state: MarkState = Bool.random(using: &random) ? .done : .flagged
            if let index = sidecar.marks.firstIndex(where: { $0.state == state && $0.author == author }) {
                sidecar.marks.remove(at: index)
            } else {
                sidecar.marks.append(Mark(state: state, author: author, time: "2026-12-01T10:00:00Z"))
            }
        }
    }

    @Test func randomEditsOnBothSidesMergeByTheRule() {
        var random = SeededRandom(seed: 17)
        for round in 0..<300 {
            var counter = 0
            var base = Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 64, height: 64))
            for _ in 0..<Int.random(in: 0...8, using: &random) { SidecarMergeTests.edit(&base, author: "base", random: &random, counter: &counter) }
            var ours = base, theirs = base
            for _ in 0..<Int.random(in: 0...6, using: &random) { SidecarMergeTests.edit(&ours, author: "ana", random: &random, counter: &counter) }
            for _ in 0..<Int.random(in: 0...6, using: &random) { SidecarMergeTests.edit(&theirs, author: "bo", random: &random, counter: &counter) }
            let merged = SidecarMerge(base: base, ours: ours, theirs: theirs).result
            let byID = Dictionary(merged.annotations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            func find(_ list: [Annotation], _ id: String) -> Annotation? { list.first { $0.id == id } }
            let ids = Set((base.annotations + ours.annotations + theirs.annotations).map(\.id))
            for id in ids {
                let b = find(base.annotations, id), o = find(ours.annotations, id), t = find(theirs.annotations, id)
                let expected: Annotation?
                if o == t { expected = o } else if o == b { expected = t } else if t == b { expected = o } else {
                    // Changed differently on both sides: both kept, or the changed one when the other deleted it.
                    if let o { #expect(byID[id] == o, "round \(round): ours keeps \(id)") } else { #expect(byID[id] == t, "round \(round)") }
                    if o != nil, let t {
                        let copy = merged.annotations.first { $0.extra[SidecarMerge.conflictKey] == .string(id) }
                        #expect(copy?.label == t.label && copy?.shape == t.shape, "round \(round): theirs kept beside \(id)")
                    }
                    #expect(merged.marks.contains { $0.author == SidecarMerge.flagAuthor && $0.note?.contains(id) == true }, "round \(round): flagged")
                    continue
                }
                #expect(byID[id] == expected, "round \(round): \(id)")
            }
            #expect((try? SidecarCodec.decode(SidecarCodec.encode(merged), file: "a.png.labels.json")) != nil, "a valid sidecar")
            // Symmetric: the same annotations either way round, up to which copy keeps the id.
            let swapped = SidecarMerge(base: base, ours: theirs, theirs: ours).result
            func content(_ sidecar: Sidecar) -> [String] {
                sidecar.annotations.map { "\($0.label) \($0.shape.typeName) \($0.box?.x ?? -1)" }.sorted()
            }
            #expect(content(merged) == content(swapped), "round \(round)")
        }
    }

    @Test func bothSidesAddingTheSameFileAndNotesAndRejectedListsMerge() {
        let empty = Sidecar(file: "", kind: nil)
        let ours = Sidecar(file: "a.txt", kind: .text, annotations: [Make.classification("x", "pos", author: "ana")],
                           marks: [Mark(state: .flagged, author: "ana", time: "2026-12-01T10:00:00Z", note: "odd")],
                           extra: ["rejected": .array([.string("s1")])])
        let theirs = Sidecar(file: "a.txt", kind: .text, annotations: [Make.classification("y", "neg", author: "bo")],
                             marks: [Mark(state: .flagged, author: "ana", time: "2026-12-01T11:00:00Z", note: "very odd")],
                             extra: ["rejected": .array([.string("s2")])])
        let merge = SidecarMerge(base: empty, ours: ours, theirs: theirs)
        #expect(merge.result.annotations.map(\.id).sorted() == ["x", "y"])
        #expect(merge.result.marks.first?.note == "odd | very odd", "neither note is lost")
        #expect(merge.result.extra["rejected"] == .array([.string("s1"), .string("s2")]))
        #expect(merge.conflicts.isEmpty)
    }
}
