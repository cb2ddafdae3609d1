import LabelCore
import Testing

/// Dealing items out (`termlabel assign`): even, deterministic for a seed, and kept when dealt again.
@Suite struct AssignmentsTests {
    let items = (1...12).map { "pictures/p\($0).png" }

    @Test func everyItemGoesToNAnnotatorsAndTheLoadIsEven() {
        var assignments = Assignments()
        assignments.deal(items, annotators: ["ana", "bo", "cy"], perItem: 2, seed: 7)
        #expect(assignments.items.count == 12)
        #expect(assignments.items.values.allSatisfy { Set($0).count == 2 })
        #expect(assignments.load == ["ana": 8, "bo": 8, "cy": 8])
    }

    @Test func theSameSeedDealsTheSameWayAndAnotherSeedDiffers() {
        var first = Assignments(), second = Assignments(), other = Assignments()
        first.deal(items, annotators: ["ana", "bo", "cy"], perItem: 2, seed: 7)
        second.deal(items, annotators: ["ana", "bo", "cy"], perItem: 2, seed: 7)
        other.deal(items, annotators: ["ana", "bo", "cy"], perItem: 2, seed: 8)
        #expect(first == second)
        #expect(first.items != other.items)
    }

    @Test func dealingAgainKeepsWhatWasDealtAndGivesNewItemsToNewPeople() {
        var assignments = Assignments()
        assignments.deal(items, annotators: ["ana", "bo"], perItem: 1, seed: 1)
        let before = assignments.items
        assignments.deal(items + ["pictures/p13.png", "pictures/p14.png"], annotators: ["ana", "bo", "dee"], perItem: 1, seed: 1)
        for (key, names) in before { #expect(assignments.items[key] == names) }
        #expect(assignments.items["pictures/p13.png"] == ["dee"] && assignments.items["pictures/p14.png"] == ["dee"], "the least loaded first")
        #expect(assignments.annotators == ["ana", "bo", "dee"])
    }

    @Test func theFileReadsBackAndABadOneIsNamed() throws {
        var assignments = Assignments()
        assignments.deal(items + ["texts/a.jsonl#0"], annotators: ["ana", "bo"], perItem: 2, seed: 3)
        let read = try Assignments.decode(JSONWriter.prettyPrinted(assignments.json), file: "termlabel-assignments.json")
        #expect(read == assignments)
        #expect(throws: Diagnostic.self) { try Assignments.decode(Array("{\"annotators\": 3}".utf8), file: "termlabel-assignments.json") }
        do {
            _ = try Assignments.decode(Array("{\"annotators\": [\"a\"], \"items\": {\"x\": 1}}".utf8), file: "t.json")
        } catch {
            #expect(error.description.hasPrefix("t.json:1: item \"x\""), "\(error)")
        }
    }
}
