import LabelCore
import LabelStore
import TestSupport
import Testing

/// The merge driver on files: the result lands in OURS; a side it cannot read leaves OURS as it
/// was (git then reports an ordinary conflict); a pending journal is folded in first.
@Suite struct SidecarMergeDriverTests {
    let folder = TemporaryDirectory()

    func write(_ name: String, _ sidecar: Sidecar) -> String { folder.write(name, bytes: SidecarCodec.encode(sidecar)) }

    @Test func unreadableOrNewerSidesLeaveOursUntouched() throws {
        let base = write("base", Sidecar(file: "a.png", kind: .image))
        let ours = write("ours", Sidecar(file: "a.png", kind: .image, annotations: [Make.box("o", "cat", 1, 1, 2, 2)]))
        let before = folder.read("ours")
        for (name, text) in [("torn", "{\"format\": \"termlabel-sidecar\", \"annotations\": ["),
                             ("newer", "{\"format\": \"termlabel-sidecar\", \"version\": 9, \"file\": \"a.png\", \"annotations\": [], \"marks\": []}")] {
            let theirs = folder.write(name, text)
            #expect(throws: SidecarMergeError.self) { try SidecarMergeDriver().merge(base: base, ours: ours, theirs: theirs, path: "a.png.labels.json") }
            #expect(folder.read("ours") == before, "\(name): ours untouched")
        }
    }

    @Test func aPendingJournalIsFoldedIntoOursFirst() throws {
        let base = write("base", Sidecar(file: "a.txt", kind: .text))
        let ours = write("ours", Sidecar(file: "a.txt", kind: .text))
        let theirs = write("theirs", Sidecar(file: "a.txt", kind: .text, annotations: [Make.classification("t", "neg", author: "bo")]))
        let path = folder.url("a.txt.labels.json")
        folder.write("a.txt.labels.json.journal", bytes: Journal.header() + Journal.line(for: Transaction([.add(Make.classification("j", "pos", author: "ana"))])))
        let conflicts = try SidecarMergeDriver().merge(base: base, ours: ours, theirs: theirs, path: path)
        #expect(conflicts.isEmpty)
        let merged = try SidecarCodec.decode(try #require(folder.read("ours")), file: "ours")
        #expect(merged.annotations.map(\.id).sorted() == ["j", "t"], "the journal's edit and theirs")
        #expect(!folder.exists("a.txt.labels.json.journal"), "its edits now live in the merged sidecar")
    }
}
