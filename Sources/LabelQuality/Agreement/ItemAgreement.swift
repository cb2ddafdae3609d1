import LabelCore

/// Whether the annotators of one item agree, for the editor's side panel: how many rated it and
/// on which kinds they differ (no names, no labels: a blind project shows nobody else's work).
public struct ItemAgreement: Equatable, Sendable {
    /// Annotators who rated the item (an accepted annotation or a done mark).
    public var raters: Int
    /// The kinds they differ on (`classes`, `spans`, `boxes`); empty when they agree.
    public var differences: [String]

    /// The agreement on one item from its annotations and marks (boxes agree at IoU ≥ 0.5).
    public init(annotations: [Annotation], marks: [Mark], kind: ItemKind, imageSize: ImageSize? = nil) {
        var data = AgreementData()
        data.add(Document(sidecar: Sidecar(file: "item", kind: kind, image: imageSize, annotations: annotations, marks: marks)),
                 name: "item", kind: kind, records: [annotations.first?.record ?? marks.first?.record])
        let ratings = data.items.first?.ratings ?? [:]
        raters = ratings.count
        differences = []
        guard raters >= 2 else { return }
        let people = ratings.keys.sorted()
        let pairs = AgreementReport.pairsOf(people)
        let classSets = Set(people.compactMap { ratings[$0].flatMap { $0.ratedClasses ? AgreementReport.category($0) : nil } })
        if data.hasClasses && classSets.count > 1 { differences.append("classes") }
        if data.hasSpans && pairs.contains(where: { a, b in
            let counts = AgreementReport.spanCounts(data, a, b).total
            return counts.items > 0 && !(counts.matched == counts.countA && counts.matched == counts.countB)
        }) { differences.append("spans") }
        if data.hasBoxes && pairs.contains(where: { a, b in
            let counts = AgreementReport.boxCounts(data, a, b, iou: 0.5)
            return counts.items > 0 && !(counts.matched == counts.countA && counts.matched == counts.countB)
        }) { differences.append("boxes") }
        if data.hasShapes && pairs.contains(where: { a, b in
            let counts = AgreementReport.shapeCounts(data, a, b, iou: 0.5)
            return counts.items > 0 && !(counts.matched == counts.countA && counts.matched == counts.countB)
        }) { differences.append("shapes") }
    }

    /// `2 annotators: agree`, `3 annotators: differ on boxes`, or nil for fewer than two.
    public var line: String? { lines.isEmpty ? nil : lines.joined(separator: " ") }

    /// The same in short lines for a narrow panel: `3 annotators differ`, `on boxes`.
    public var lines: [String] {
        guard raters >= 2 else { return [] }
        return differences.isEmpty ? ["\(raters) annotators: agree"] : ["\(raters) annotators: differ", "on " + differences.joined(separator: ", ")]
    }
}
