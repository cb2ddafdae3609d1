import LabelCells
import LabelCore
import LabelQuality
import LabelDataset
import LabelStore

/// REVIEW (`termlabel review`, DESIGN §9): the reviewer walks the items where annotators
/// disagree, adopts what is right as their own, and marks each reviewed. Others' annotations
/// are never changed.
extension Editor {
    /// Whether the item at `item` waits for this reviewer: its annotators (not counting the
    /// reviewer) disagree, or it holds a merge conflict, and the reviewer has not marked it
    /// reviewed.
    func waitsForReview(_ item: ItemLocation) -> Bool {
        let data = dataset.files[item.file]
        let document = store.document(data.path) ?? store.open(data.path, as: DataFileDescription(kind: data.kind))
        let marks = document.marks(record: item.record)
        if marks.contains(where: { $0.state == .reviewed && $0.author == annotator }) { return false }
        let annotations = document.annotations(record: item.record)
        if annotations.contains(where: { $0.extra["conflict_of"] != nil }) { return true }
        let others = annotations.filter { $0.author != annotator }
        return !ItemAgreement(annotations: others, marks: marks.filter { $0.author != annotator }, kind: data.kind,
                              imageSize: document.header.image).differences.isEmpty
    }

    /// `}` / `{` in REVIEW: the next or previous item that waits for review (`count` of them on).
    func stepToDisagreement(forward: Bool, count: Int) {
        var cursor = location
        var found: ItemLocation?
        for _ in 0..<max(1, count) {
            var next = forward ? catalog.next(after: cursor) : catalog.previous(before: cursor)
            while let candidate = next, !waitsForReview(candidate) {
                next = forward ? catalog.next(after: candidate) : catalog.previous(before: candidate)
            }
            guard let hit = next else { break }
            found = hit
            cursor = hit
        }
        if let found {
            go(to: found)
            message = EditorMessage("annotators differ here: \(itemAgreement.differences.joined(separator: ", ")) (\(keyHint(for: .adopt, fallback: "a")) adopts the selected one)")
        } else {
            message = EditorMessage("no item \(forward ? "after" : "before") this one waits for review", .warning)
        }
    }

    /// `a` in REVIEW: the selected annotation, someone else's, becomes the reviewer's too (a copy
    /// with `adopted_from`); with single-label classes the reviewer's other class goes.
    func adoptSelected() {
        guard let selected = requireSelection("adopt it") else { return }
        guard selected.author != annotator else {
            message = EditorMessage("that is already yours", .warning)
            return
        }
        let mine = itemAnnotations.filter { $0.author == annotator && !$0.isSuggestion }
        if mine.contains(where: { $0.extra["adopted_from"]?.stringValue == selected.id }) {
            message = EditorMessage("you adopted that one already", .warning)
            return
        }
        var copy = Annotation(id: environment.identifiers.newIdentifier(), shape: selected.shape, label: selected.label, record: selected.record,
                              author: annotator, time: now())
        copy.extra["adopted_from"] = .string(selected.id)
        var edits: [Edit] = [.add(copy)]
        if selected.isClassification && !settings.classes.multi { edits = mine.filter(\.isClassification).map { Edit.remove($0) } + edits }
        if commit(edits, "adopt \(selected.label) from \(selected.author ?? "?")") {
            message = EditorMessage("adopted \(describe(selected)) as yours")
        }
    }

    /// `x` in REVIEW: takes back the reviewer's adopted copy of the selected annotation (or the
    /// selected copy itself).
    func dropAdopted() {
        guard let selected = requireSelection("drop your copy of it") else { return }
        let copy = selected.author == annotator ? selected
            : itemAnnotations.first { $0.author == annotator && $0.extra["adopted_from"]?.stringValue == selected.id }
        guard let copy else {
            message = EditorMessage("you have not adopted that one", .warning)
            return
        }
        if commit([.remove(copy)], "drop \(copy.label)") {
            message = EditorMessage("dropped your \(copy.shape.typeName) \(copy.label)")
            if copy.id == selectedID { selectedID = nil }
        }
    }

    /// `Enter` in REVIEW: the item is marked reviewed by the reviewer, and the next item that
    /// waits for review comes up.
    func markReviewedAndAdvance() {
        let key = MarkKey(state: .reviewed, record: location.record, author: annotator)
        if document.mark(key) == nil {
            guard commit([.setMark(from: nil, to: Mark(state: .reviewed, record: location.record, author: annotator, time: now()))], "reviewed") else { return }
        }
        stepToDisagreement(forward: true, count: 1)
        if message?.kind == .warning { message = EditorMessage("reviewed; no item after this one waits for review") }
    }

    /// Why an annotation may not be changed in this session, if it may not: a reviewer changes
    /// only their own.
    func reviewRefusal(_ annotation: Annotation) -> EditorMessage? {
        guard reviewing, annotation.author != annotator else { return nil }
        return EditorMessage("review never changes \(annotation.author ?? "another annotator")'s annotations: \(keyHint(for: .adopt, fallback: "a")) adopts it as yours", .warning)
    }

    /// Gives the item's annotators their colours (new ones in name order) before a frame is
    /// drawn; a person keeps theirs for the session.
    func assignAnnotatorColors() {
        for name in itemAuthors.sorted() where !annotatorOrder.contains(name) { annotatorOrder.append(name) }
    }

    /// The colour of an annotator's work in REVIEW: the theme's label palette, in the order
    /// colours were given.
    public func annotatorColor(_ name: String?) -> Color {
        theme.labelColor(position: annotatorOrder.firstIndex(of: name ?? "?") ?? annotatorOrder.count, declared: nil)
    }

    /// The annotators of the item on screen, in the order of their colours.
    var itemAnnotators: [String] {
        let names = itemAuthors
        return annotatorOrder.filter { names.contains($0) }
    }

    private var itemAuthors: Set<String> {
        Set(itemAnnotations.compactMap { $0.isSuggestion ? nil : $0.author } + itemMarks.compactMap(\.author))
    }

    /// In REVIEW, the annotations of the item that another annotator does not share: a box with
    /// no box of the same label at IoU ≥ 0.5 from someone else (a polygon, mask or skeleton
    /// likewise, by pixel IoU or keypoint similarity), a span that overlaps another's
    /// span but differs in its ends or label. They are marked `≠` where they are drawn.
    var reviewDisagreements: Set<String> {
        let work = itemAnnotations.filter { !$0.isSuggestion && $0.author != annotator }
        guard Set(work.compactMap(\.author)).count >= 2 else { return [] }
        var marked = Set<String>()
        // Each shape's pixels or points are found once, not once per pair.
        var shapes: [String: RatedShape] = [:]
        for annotation in work where annotation.shape.isDrawnShape {
            shapes[annotation.id] = RatedShape(annotation.shape, label: annotation.label, size: imageItem?.size)
        }
        for annotation in work {
            let others = work.filter { $0.author != annotation.author }
            if let box = annotation.box?.precise {
                let matched = others.contains { other in
                    guard let otherBox = other.box?.precise, other.label == annotation.label else { return false }
                    return PairComparison.intersectionOverUnion(box, otherBox) >= 0.5
                }
                if !matched { marked.insert(annotation.id) }
            } else if let shape = shapes[annotation.id] {
                let matched = others.contains { other in
                    guard other.label == annotation.label, let otherShape = shapes[other.id] else { return false }
                    return RatedShape.similarity(shape, otherShape) >= 0.5
                }
                if !matched { marked.insert(annotation.id) }
            } else if let span = annotation.span {
                let clash = others.contains { other in
                    guard let otherSpan = other.span, otherSpan.start < span.end, span.start < otherSpan.end else { return false }
                    return otherSpan.start != span.start || otherSpan.end != span.end || other.label != annotation.label
                }
                if clash { marked.insert(annotation.id) }
            }
        }
        return marked
    }
}
