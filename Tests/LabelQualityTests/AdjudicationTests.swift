import LabelCore
import LabelQuality
import Testing

/// What `termlabel adjudicate` settles: classes by vote, spans exactly, boxes by IoU clusters.
@Suite struct AdjudicationTests {
    func classLabel(_ label: String, by author: String) -> Annotation {
        Annotation(id: "\(author)-\(label)", shape: .classification, label: label, author: author)
    }

    func box(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ label: String, by author: String) -> Annotation {
        Annotation(id: "\(author)-\(x)", shape: .box(BoxGeometry(x: x, y: y, width: w, height: h)), label: label, author: author)
    }

    @Test func theMajorityClassIsSettledAndATieWaits() {
        let majority = Adjudication(annotations: [classLabel("cat", by: "ana"), classLabel("cat", by: "bo"), classLabel("dog", by: "cy")],
                                    marks: [], adjudicator: "rev", minimumVotes: 2)
        #expect(majority.settled && majority.agreed.map(\.label) == ["cat"] && majority.agreed[0].from == ["ana-cat", "bo-cat"])
        let tie = Adjudication(annotations: [classLabel("cat", by: "ana"), classLabel("dog", by: "bo")], marks: [], adjudicator: "rev", minimumVotes: 2)
        #expect(!tie.settled && tie.agreed.isEmpty)
    }

    @Test func theAdjudicatorsOwnWorkDoesNotVote() {
        let result = Adjudication(annotations: [classLabel("cat", by: "ana"), classLabel("cat", by: "rev")], marks: [], adjudicator: "rev", minimumVotes: 2)
        #expect(result.raters == ["ana"] && !result.settled)
    }

    @Test func boxesClusterByIoUAndCornersAreAveraged() {
        let result = Adjudication(annotations: [box(10, 10, 20, 20, "cat", by: "ana"), box(12, 10, 20, 22, "cat", by: "bo"),
                                                box(100, 100, 5, 5, "dog", by: "ana"), box(101, 100, 5, 5, "dog", by: "bo")],
                                  marks: [], adjudicator: "rev", minimumVotes: 2)
        #expect(result.settled)
        let boxes = result.agreed.compactMap { agreed -> BoxGeometry? in if case .box(let geometry) = agreed.shape { return geometry } else { return nil } }
        #expect(boxes.contains(BoxGeometry(x: 11, y: 10, width: 20, height: 21)), "\(boxes)")
        #expect(result.agreed.count == 2)
        let lonely = Adjudication(annotations: [box(10, 10, 20, 20, "cat", by: "ana"), box(60, 60, 20, 20, "cat", by: "bo")],
                                  marks: [], adjudicator: "rev", minimumVotes: 2)
        #expect(!lonely.settled, "boxes that do not overlap wait for review")
    }

    @Test func spansMustMatchExactly() {
        let a = Annotation(id: "a", shape: .span(SpanRange(start: 0, end: 3, text: "Ada")), label: "PER", author: "ana")
        let b = Annotation(id: "b", shape: .span(SpanRange(start: 0, end: 3, text: "Ada")), label: "PER", author: "bo")
        let c = Annotation(id: "c", shape: .span(SpanRange(start: 0, end: 2, text: "Ad")), label: "PER", author: "bo")
        #expect(Adjudication(annotations: [a, b], marks: [], adjudicator: "rev", minimumVotes: 2).settled)
        #expect(!Adjudication(annotations: [a, c], marks: [], adjudicator: "rev", minimumVotes: 2).settled)
    }
}
