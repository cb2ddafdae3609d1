import LabelAssist
import LabelCore
import LabelDataset
import LabelStore
import LabelText

/// Deciding about suggestions fast (DESIGN §12): all of an item's at once, all above a score
/// across the dataset, the previous item's boxes as a start, and the least certain items first.
extension Editor {
    /// `A` / `X`: accepts (as the annotator's) or rejects every suggestion of the item.
    func decideAllSuggestions(accept: Bool) {
        let suggestions = itemAnnotations.filter(\.isSuggestion)
        guard !suggestions.isEmpty else {
            message = EditorMessage("this item has no suggestions", .warning)
            return
        }
        var edits: [Edit]
        if accept {
            edits = suggestions.map { Edit.update(from: $0, to: $0.accepted(by: annotator, at: now())) }
        } else {
            // Rejections are remembered, so the same predictions imported again stay out.
            var record = document.header.extra[RejectedSuggestions.key]
            let before = record
            for suggestion in suggestions { record = RejectedSuggestions.adding(suggestion, to: record) }
            edits = suggestions.map { Edit.remove($0) } + [Edit.setValue(key: RejectedSuggestions.key, from: before, to: record)]
        }
        let count = suggestions.count
        if commit(edits, "\(accept ? "accept" : "reject") \(count) suggestion\(count == 1 ? "" : "s")") {
            message = EditorMessage("\(accept ? "accepted" : "rejected") \(count) suggestion\(count == 1 ? "" : "s")")
            if let selected = selectedID, document.annotation(id: selected) == nil { selectedID = nil }
        }
    }

    /// `:accept SCORE`: accepts every suggestion scored at or above SCORE in the dataset (the
    /// items walked), one step that one `u` takes back.
    func acceptAbove(_ words: [String]) {
        guard let text = words.first, let threshold = Double(text), words.count == 1 else {
            message = EditorMessage("usage: :accept SCORE (e.g. :accept 0.9)", .error)
            return
        }
        var changed: [ItemLocation] = [], accepted = 0, files = 0
        var problems: [String] = []
        let time = now()
        for (index, data) in dataset.files.enumerated() {
            let document = store.document(data.path) ?? store.open(data.path, as: description(of: index))
            let wanted = document.annotations.filter { annotation in
                annotation.isSuggestion && (annotation.score ?? -1) >= threshold
                    && (!catalog.isAssigned || catalog.exists(ItemLocation(file: index, record: catalog.recordMode(of: index) == .file ? nil : annotation.record)))
            }
            guard !wanted.isEmpty else { continue }
            do {
                try store.apply(Transaction(wanted.map { Edit.update(from: $0, to: $0.accepted(by: annotator, at: time)) },
                                            summary: "accept suggestions scored \(text) or more"), to: data.path)
                accepted += wanted.count
                files += 1
                changed.append(ItemLocation(file: index, record: catalog.recordMode(of: index) == .file ? nil : wanted.first?.record))
                countDone(file: index)
            } catch {
                problems.append(error.description)
            }
        }
        undoTrail.changed(changed)
        let summary = "accepted \(accepted) suggestion\(accepted == 1 ? "" : "s") scored \(text) or more in \(files) file\(files == 1 ? "" : "s") (\(keyHint(for: .undo, fallback: "u")) takes them all back)"
        message = problems.isEmpty ? EditorMessage(summary) : EditorMessage("\(summary); \(problems.count) file\(problems.count == 1 ? "" : "s") could not be changed: \(problems[0])", .error)
    }

    /// `y`: the previous item's boxes become suggestions here (frames of a video, a burst).
    func copyPreviousBoxes() {
        guard let image = imageItem, let size = image.size else {
            message = EditorMessage("boxes are copied between pictures", .warning)
            return
        }
        guard let previous = catalog.previous(before: location) else {
            message = EditorMessage("this is the first item", .warning)
            return
        }
        let data = dataset.files[previous.file]
        let earlier = (store.document(data.path) ?? store.open(data.path, as: description(of: previous.file))).annotations(record: previous.record)
        let boxes = earlier.filter { $0.box != nil && !$0.isSuggestion && isVisible($0) }
        guard !boxes.isEmpty else {
            message = EditorMessage("the previous item has no boxes", .warning)
            return
        }
        let here = itemAnnotations
        let copies = boxes.compactMap { box -> Annotation? in
            guard let geometry = box.box else { return nil }
            let clamped = geometry.clamped(to: size)
            guard clamped.width > 0, clamped.height > 0, !here.contains(where: { $0.box == clamped && $0.label == box.label }) else { return nil }
            return Annotation(id: environment.identifiers.newIdentifier(), shape: .box(clamped), label: box.label, record: location.record,
                              status: Annotation.suggestedStatus, source: "previous item")
        }
        guard !copies.isEmpty else {
            message = EditorMessage("the previous item's boxes are here already", .warning)
            return
        }
        if commit(copies.map { Edit.add($0) }, "copy \(copies.count) box\(copies.count == 1 ? "" : "es") from the previous item") {
            message = EditorMessage("\(copies.count) box\(copies.count == 1 ? "" : "es") from the previous item, as suggestions (\(keyHint(for: .accept_all_suggestions, fallback: "A")) accepts them all)")
        }
    }

    /// `:set order=uncertain`: the items whose suggestions are least certain come first (the
    /// smallest margin between the two best scores; an item with one suggestion by its score;
    /// items without suggestions last); `order=file` walks in dataset order again.
    func setOrder(_ value: String) {
        switch value {
        case "file", "dataset":
            catalog.walk(nil)
            message = EditorMessage("order=file")
        case "uncertain":
            var margins: [ItemLocation: Double] = [:]
            for item in catalog.allItems {
                let data = dataset.files[item.file]
                guard let document = store.document(data.path) ?? SidecarStore.peek(data.path, locator: store.locator, fileSystem: store.fileSystem) else { continue }
                let scores = document.annotations(record: item.record).filter(\.isSuggestion).compactMap(\.score).sorted(by: >)
                guard let best = scores.first else { continue }
                margins[item] = scores.count > 1 ? best - scores[1] : best
            }
            let ordered = catalog.allItems.enumerated().sorted { lhs, rhs in
                (margins[lhs.element] ?? .infinity, lhs.offset) < (margins[rhs.element] ?? .infinity, rhs.offset)
            }.map(\.element)
            catalog.walk(ordered)
            if let first = ordered.first { go(to: first) }
            message = EditorMessage("order=uncertain: \(margins.count) item\(margins.count == 1 ? "" : "s") with suggestions, least certain first")
        default:
            message = EditorMessage("order is file or uncertain, not \(value)", .error)
        }
    }
}

extension Editor {
    /// `g o` / `:occurrences [all]`: every other place the selected span's text stands (as whole
    /// tokens) becomes a suggestion with its label, in this item or in every text item.
    func suggestOccurrences(everywhere: Bool) {
        guard let selected = selectedAnnotation, let span = selected.span, !span.text.isEmpty else {
            message = EditorMessage("select a span first (\(keyHint(for: .select_next_annotation, fallback: "Tab"))); its text is looked for", .warning)
            return
        }
        let items = everywhere ? catalog.allItems.filter { dataset.files[$0.file].kind == .text } : [location]
        var changed: [ItemLocation] = [], found = 0
        var edits: [Int: [Edit]] = [:]
        for item in items {
            guard let source = catalog.textSource(item.file), let text = source.record(item.record ?? 0)?.text else { continue }
            let data = dataset.files[item.file]
            let existing = (store.document(data.path) ?? store.open(data.path, as: description(of: item.file))).annotations(record: item.record)
            for range in Self.occurrences(of: span.text, in: text)
            where !existing.contains(where: { $0.span?.start == range.lowerBound && $0.span?.end == range.upperBound && $0.label == selected.label }) {
                let suggestion = Annotation(id: environment.identifiers.newIdentifier(),
                                            shape: .span(SpanRange(start: range.lowerBound, end: range.upperBound, text: span.text)),
                                            label: selected.label, record: item.record, status: Annotation.suggestedStatus, source: "occurrences")
                edits[item.file, default: []].append(.add(suggestion))
                if !changed.contains(where: { $0.file == item.file }) { changed.append(item) }
                found += 1
            }
        }
        var problems: [String] = []
        for (file, fileEdits) in edits.sorted(by: { $0.key < $1.key }) {
            do { try store.apply(Transaction(fileEdits, summary: "suggest \(selected.label) where \"\(span.text)\" stands"), to: dataset.files[file].path) } catch {
                problems.append(error.description)
            }
        }
        undoTrail.changed(changed)
        let summary = found == 0 ? "\"\(span.text)\" stands nowhere else unlabeled" : "\(found) more \"\(span.text)\" suggested as \(selected.label)"
        message = problems.isEmpty ? EditorMessage(summary) : EditorMessage("\(summary); \(problems[0])", .error)
    }

    /// Where `needle` stands in `text` as whole tokens, in code points.
    static func occurrences(of needle: String, in text: String) -> [Range<Int>] {
        let scalars = Array(text.unicodeScalars), wanted = Array(needle.unicodeScalars)
        let tokens = Tokenizer.tokens(in: text)
        let starts = Set(tokens.map(\.lowerBound)), ends = Set(tokens.map(\.upperBound))
        guard !wanted.isEmpty, wanted.count <= scalars.count else { return [] }
        var result: [Range<Int>] = []
        var index = 0
        while index + wanted.count <= scalars.count {
            if starts.contains(index), ends.contains(index + wanted.count), Array(scalars[index..<(index + wanted.count)]) == wanted {
                result.append(index..<(index + wanted.count))
                index += wanted.count
            } else {
                index += 1
            }
        }
        return result
    }
}

extension Editor {
    /// `:learn`: a model learned now from the classes given so far suggests classes for the
    /// items without one (one step, taken back with one `u`).
    func learnAndSuggest() {
        let learner = ClassLearner(dataset: dataset, store: store)
        guard learner.training.classes.count >= 2 else {
            message = EditorMessage("nothing to learn from yet: give at least two different classes first", .warning)
            return
        }
        let report = SuggestRun(dataset: dataset, store: store, options: SuggestRun.Options(source: "learned", redo: true, batch: 512),
                                identifiers: environment.identifiers).run(learner)
        var fileIndex: [String: Int] = [:]
        for (index, file) in dataset.files.enumerated() { fileIndex[file.path] = index }
        let changed = report.changed.compactMap { entry in fileIndex[entry.path].map { ItemLocation(file: $0, record: entry.record) } }
        undoTrail.changed(changed)
        for file in Set(changed.map(\.file)) { countDone(file: file) }
        let trained = learner.training.texts + learner.training.pictures
        message = EditorMessage("learned from \(trained) item\(trained == 1 ? "" : "s"); \(report.suggested) class\(report.suggested == 1 ? "" : "es") suggested (:set order=uncertain walks the least certain first)")
    }
}
