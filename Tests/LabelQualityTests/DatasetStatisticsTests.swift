import LabelCore
import LabelQuality
import TestSupport
import Testing

@Suite struct DatasetStatisticsTests {
    @Test func countsItemsMarksLabelsAndAnnotators() {
        var suggestion = Make.box("s", "dog", 0, 0, 5, 5)
        suggestion.status = Annotation.suggestedStatus
        let image = Document(sidecar: Sidecar(file: "a.png", kind: .image, annotations: [
            Make.box("b1", "cat", 0, 0, 2, 2, author: "ana"), Make.box("b2", "cat", 1, 1, 2, 2, author: "bo"),
            Make.classification("c", "indoor", author: "ana"), suggestion,
        ], marks: [Mark(state: .done, author: "ana")]))
        let text = Document(sidecar: Sidecar(file: "t.txt", kind: .text, annotations: [
            Make.span("p", "PER", 0, 3, "Ana", record: 1, author: "bo"),
        ], marks: [Mark(state: .done, record: 0, author: "bo"), Mark(state: .flagged, record: 2, author: "bo", note: "?")]))
        var statistics = DatasetStatistics()
        statistics.add(FileSummary(image, kind: .image), records: [nil])
        statistics.add(FileSummary(text, kind: .text), records: [0, 1, 2, 3])
        #expect(statistics.items == 5)
        #expect(statistics.done == 2)
        #expect(statistics.flagged == 1)
        #expect(statistics.annotated == 2)
        #expect(statistics.annotations == 4)
        #expect(statistics.suggestions == 1)
        #expect(statistics.sortedLabels.map { "\($0.type) \($0.label) \($0.count)" } == ["class indoor 1", "box cat 2", "span PER 1"])
        #expect(statistics.annotators["ana"] == .init(annotations: 2, done: 1, flagged: 0, items: 1))
        #expect(statistics.annotators["bo"] == .init(annotations: 2, done: 1, flagged: 1, items: 4, rated: 3), "a flag alone is not a rating")
        #expect(statistics.report.hasPrefix("items        5\ndone         2  (40.0%)\n"))
        let json = statistics.json.objectValue
        #expect(json?["annotated"] == .int(2))
        #expect(json?["annotators"]?.objectValue?["bo"]?.objectValue?["flagged"] == .int(1))
    }
}
