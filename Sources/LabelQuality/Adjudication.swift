import LabelCore

/// What several annotators agree on for one item (DESIGN §9, `termlabel adjudicate`): classes
/// by vote, spans by exact match, boxes by clusters of IoU ≥ 0.5 with the same label (corners
/// averaged), polygons, masks and skeletons by clusters of pixel IoU (or keypoint similarity)
/// ≥ 0.5 with the same label (the most central one stands for its cluster). An item is settled when every annotator's annotation belongs to something enough
/// of them agree on; otherwise it waits for REVIEW.
public struct Adjudication: Equatable, Sendable {
    /// The agreed annotations, each with the ids it was made from.
    public struct Agreed: Equatable, Sendable {
        public var shape: AnnotationShape
        public var label: String
        public var from: [String]
    }

    /// What the annotators agree on; empty when the item waits.
    public var agreed: [Agreed]
    /// Whether the item is settled (nothing left that too few agree on).
    public var settled: Bool
    /// Annotators who rated the item (an accepted annotation or a done mark), not counting
    /// the adjudicator.
    public var raters: [String]

    /// Adjudicates one item's `annotations` and `marks`, leaving out `adjudicator`'s own work.
    /// `minimumVotes`: how many annotators must agree on a thing; `multiLabel`: classes are
    /// voted on one by one rather than as one choice.
    public init(annotations: [Annotation], marks: [Mark], adjudicator: String, minimumVotes: Int, multiLabel: Bool = false, iou: Double = 0.5,
                imageSize: ImageSize? = nil) {
        let others = annotations.filter { !$0.isSuggestion && $0.author != nil && $0.author != adjudicator }
        raters = Array(Set(others.compactMap(\.author) + marks.filter { $0.state == .done && $0.author != adjudicator }.compactMap(\.author))).sorted()
        agreed = []
        settled = raters.count >= minimumVotes
        guard settled else { return }
        let votes = max(1, minimumVotes)

        // Classes: each rater's choice (their set of classes, or none) is a vote.
        let classes = others.filter(\.isClassification)
        if !classes.isEmpty {
            if multiLabel {
                var supporters: [String: [Annotation]] = [:]
                for annotation in classes { supporters[annotation.label, default: []].append(annotation) }
                for (label, annotations) in supporters.sorted(by: { $0.key < $1.key }) {
                    let people = Set(annotations.compactMap(\.author))
                    // Each label stands on its own votes; one too few gave waits for review.
                    if people.count >= votes {
                        agreed.append(Agreed(shape: .classification, label: label, from: annotations.map(\.id)))
                    } else {
                        settled = false
                    }
                }
            } else {
                var choice: [String: [String]] = [:]
                for person in raters { choice[person] = classes.filter { $0.author == person }.map(\.label).sorted() }
                var tally: [[String]: Int] = [:]
                for labels in choice.values { tally[labels, default: 0] += 1 }
                let ranked = tally.sorted { ($0.value, $1.key.joined()) > ($1.value, $0.key.joined()) }
                if let top = ranked.first, top.value >= votes, ranked.count == 1 || ranked[1].value < top.value {
                    for label in top.key {
                        let from = classes.filter { $0.label == label && top.key == choice[$0.author ?? ""] }.map(\.id)
                        agreed.append(Agreed(shape: .classification, label: label, from: from))
                    }
                    // Other choices with fewer votes are outvoted: the majority stands.
                } else {
                    settled = false
                }
            }
        }

        // Spans: the same start, end and label from enough annotators.
        var spanGroups: [String: [Annotation]] = [:]
        for annotation in others {
            guard let span = annotation.span else { continue }
            spanGroups["\(span.start):\(span.end):\(annotation.label)", default: []].append(annotation)
        }
        for key in spanGroups.keys.sorted() {
            guard let group = spanGroups[key], let first = group.first, let span = first.span else { continue }
            if Set(group.compactMap(\.author)).count >= votes {
                agreed.append(Agreed(shape: .span(span), label: first.label, from: group.map(\.id)))
            } else {
                settled = false
            }
        }

        // Boxes: clusters built annotator by annotator, each box joining the cluster (of its
        // label, without a box of the same annotator) whose first box it overlaps most.
        var clusters: [[Annotation]] = []
        for annotation in others.filter({ $0.box != nil }).sorted(by: { ($0.author ?? "", $0.id) < ($1.author ?? "", $1.id) }) {
            guard let box = annotation.box?.precise else { continue }
            var best: (index: Int, iou: Double)?
            for (index, cluster) in clusters.enumerated() {
                guard let head = cluster.first, head.label == annotation.label, !cluster.contains(where: { $0.author == annotation.author }),
                      let headBox = head.box?.precise else { continue }
                let overlap = PairComparison.intersectionOverUnion(box, headBox)
                if overlap >= iou, overlap > (best?.iou ?? 0) { best = (index, overlap) }
            }
            if let best { clusters[best.index].append(annotation) } else { clusters.append([annotation]) }
        }
        for cluster in clusters {
            guard let first = cluster.first else { continue }
            guard cluster.count >= votes else {
                settled = false
                continue
            }
            let boxes = cluster.compactMap { $0.box?.precise }
            let count = Double(boxes.count)
            let left = boxes.map(\.x).reduce(0, +) / count, top = boxes.map(\.y).reduce(0, +) / count
            let right = boxes.map { $0.x + $0.width }.reduce(0, +) / count, bottom = boxes.map { $0.y + $0.height }.reduce(0, +) / count
            let averaged = BoxGeometry(exact: ExactBox(x: left.rounded(), y: top.rounded(), width: (right - left).rounded(), height: (bottom - top).rounded()))
            agreed.append(Agreed(shape: .box(averaged), label: first.label, from: cluster.map(\.id)))
        }
        // Polygons, masks and skeletons: clustered the same way; the member most like the
        // others (the highest total similarity) stands for the cluster.
        var shapeClusters: [[(Annotation, RatedShape)]] = []
        for annotation in others.filter({ $0.shape.isDrawnShape }).sorted(by: { ($0.author ?? "", $0.id) < ($1.author ?? "", $1.id) }) {
            guard let shape = RatedShape(annotation.shape, label: annotation.label, size: imageSize) else { continue }
            var best: (index: Int, similarity: Double)?
            for (index, cluster) in shapeClusters.enumerated() {
                guard let head = cluster.first, head.0.label == annotation.label, !cluster.contains(where: { $0.0.author == annotation.author }) else { continue }
                let similarity = RatedShape.similarity(shape, head.1)
                if similarity >= iou, similarity > (best?.similarity ?? 0) { best = (index, similarity) }
            }
            if let best { shapeClusters[best.index].append((annotation, shape)) } else { shapeClusters.append([(annotation, shape)]) }
        }
        for cluster in shapeClusters {
            guard cluster.count >= votes else {
                settled = false
                continue
            }
            let central = cluster.max { a, b in
                cluster.reduce(0) { $0 + RatedShape.similarity(a.1, $1.1) } < cluster.reduce(0) { $0 + RatedShape.similarity(b.1, $1.1) }
            }
            guard let central else { continue }
            agreed.append(Agreed(shape: central.0.shape, label: central.0.label, from: cluster.map(\.0.id)))
        }
        if !settled { agreed = [] }
    }
}
