import LabelConfig
import LabelCore
import LabelDataset
import LabelStore
import LabelText
import LabelInput

extension Editor {
    /// The selected annotation, if it is still there.
    var selectedAnnotation: Annotation? {
        guard let selectedID else { return nil }
        return document.annotation(id: selectedID).flatMap { $0.record == location.record ? $0 : nil }
    }

    /// Saves one user action on the item on screen. Returns whether it reached the disk; if not,
    /// nothing changed and the reason is on the message line.
    @discardableResult
    func commit(_ edits: [Edit], _ summary: String) -> Bool {
        guard !edits.isEmpty else { return false }
        do {
            try store.apply(Transaction(edits, summary: summary), to: file.path)
        } catch {
            message = EditorMessage(error.description, .error)
            return false
        }
        undoTrail.changed([location])
        // Only this item changed: its entry in the index is updated, not the whole file's.
        doneIndex.update(file: location.file, item: location.record, from: document, wholeFile: location.record == nil, author: countingAuthor)
        return true
    }

    func now() -> String { environment.clock.now() }

    // MARK: - Labels

    /// A character typed in PICK that no binding took (or any, once a filter is being typed):
    /// it narrows the offered labels, so labels past the tenth are reachable by name.
    func typeIntoPickFilter(_ key: Key) -> Bool {
        guard case .pick(let kind, _) = mode, let typed = key.typedCharacter, !typed.isWhitespace || !pickFilter.isEmpty,
              key.modifiers.isEmpty || key.modifiers == [.shift] else { return false }
        picker.type(typed, in: settings.labels(kind))
        return true
    }

    /// The labels PICK offers for `kind`.
    func pickChoices(_ kind: LabelKind) -> [(position: Int, label: LabelDefinition)] { picker.choices(settings.labels(kind)) }

    /// Moves PICK's highlight through the offered labels (from the last used one at first).
    func movePickHighlight(_ kind: LabelKind, by step: Int) { picker.move(by: step, in: settings.labels(kind), kind: kind) }

    /// A class key: toggles the class (replacing the annotator's other class when classes are
    /// single-label); with `advance`, a class that was set moves on to the next item.
    func toggleClass(_ name: String) {
        let mine = itemAnnotations.filter { $0.isClassification && $0.author == annotator && !$0.isSuggestion }
        var edits: [Edit] = []
        var added = false
        if let existing = mine.first(where: { $0.label == name }) {
            edits.append(.remove(existing))
        } else {
            if !settings.classes.multi { edits += mine.map { Edit.remove($0) } }
            if let suggested = itemAnnotations.first(where: { $0.isClassification && $0.isSuggestion && $0.label == name }) {
                edits.append(.update(from: suggested, to: suggested.accepted(by: annotator, at: now())))
            } else {
                edits.append(.add(Annotation(id: environment.identifiers.newIdentifier(), shape: .classification, label: name,
                                             record: location.record, author: annotator, time: now())))
            }
            added = true
        }
        guard commit(edits, added ? "class \(name)" : "remove class \(name)") else { return }
        message = EditorMessage(added ? "class: \(name)" : "removed class \(name)")
        // With several classes per item, a class key cannot also mean "next": the item stays
        // until it is marked done, so a second class can be given.
        if added && settings.classes.advance && settings.classes.multi {
            message = EditorMessage("class: \(name) (more classes, or \(keyHint(for: .done_or_edit, fallback: "Enter")) when done)")
        }
        if added && settings.classes.advance && !settings.classes.multi {
            if let next = catalog.next(after: location) {
                go(to: next)
                message = EditorMessage("class: \(name)")
            } else {
                message = EditorMessage("class: \(name) — that was the last item", .info)
            }
        }
    }

    /// Who changed an annotation and when (DESIGN §6b): one's own annotation takes the new time;
    /// someone else's keeps its author and gains `edited_by`/`edited_time`.
    func stampEdit(_ annotation: inout Annotation, from old: Annotation) {
        let time = now()
        if old.author == nil || old.author == annotator {
            annotation.author = annotator
            annotation.time = time
        } else {
            annotation.extra["edited_by"] = .string(annotator)
            annotation.extra["edited_time"] = .string(time)
        }
    }

    /// A label chosen in PICK mode: makes the box or span, or relabels.
    func pickLabel(_ name: String) {
        guard case .pick(let kind, let purpose) = mode else { return }
        picker.lastUsed[kind] = name
        switch purpose {
        case .newBox(let geometry):
            let box = Annotation(id: environment.identifiers.newIdentifier(), shape: .box(geometry), label: name,
                                 author: annotator, time: now())
            if commit([.add(box)], "box \(name)") {
                // Not selected: the next Enter marks the item done (Tab selects the new box to edit it).
                selectedID = nil
                message = EditorMessage("box \(name) \(geometry.x),\(geometry.y) \(geometry.width)×\(geometry.height)")
            }
        case .editedBox(let id, let geometry):
            guard let old = document.annotation(id: id) else { break }
            var new = old
            new.shape = .box(geometry)
            new.label = name
            guard new != old else {
                message = EditorMessage("box unchanged")
                break
            }
            stampEdit(&new, from: old)
            if commit([.update(from: old, to: new)], "edit box") { message = EditorMessage("box \(name) \(geometry.x),\(geometry.y) \(geometry.width)×\(geometry.height)") }
        case .newSpan(let range):
            guard let text = textItem else { break }
            let covered = text.substring(range)
            let span = Annotation(id: environment.identifiers.newIdentifier(),
                                  shape: .span(SpanRange(start: range.lowerBound, end: range.upperBound, text: covered)),
                                  label: name, record: location.record, author: annotator, time: now())
            if commit([.add(span)], "span \(name)") {
                selectedID = nil
                message = EditorMessage("span \(name): \(DisplayWidthOf.truncated(covered, to: 40))")
            }
        case .newPolygon(let polygon):
            let annotation = Annotation(id: environment.identifiers.newIdentifier(), shape: .polygon(polygon), label: name, author: annotator, time: now())
            if commit([.add(annotation)], "polygon \(name)") {
                selectedID = nil
                message = EditorMessage("polygon \(name), \(polygon.points.count) vertices")
            }
        case .newMask(let mask):
            let annotation = Annotation(id: environment.identifiers.newIdentifier(), shape: .mask(mask), label: name, author: annotator, time: now())
            if commit([.add(annotation)], "mask \(name)") {
                selectedID = nil
                message = EditorMessage("mask \(name), \(mask.area) pixels")
            }
        case .skeleton:
            if let skeleton = settings.skeleton(named: name) { return beginKeypoints(skeleton) }
        case .relabel(let id):
            guard let old = document.annotation(id: id) else { break }
            guard old.label != name || old.isSuggestion else {
                // DESIGN §6b: a no-op edit changes nothing, authorship included.
                message = EditorMessage("already \(name)")
                break
            }
            var new = old
            new.label = name
            if old.isSuggestion { new = new.accepted(by: annotator, at: now()) } else { stampEdit(&new, from: old) }
            if commit([.update(from: old, to: new)], "relabel \(old.label) → \(name)") { message = EditorMessage("relabelled \(old.label) → \(name)") }
        }
        returnToNormal()
    }

    /// Ends BOX mode: the box's label is picked next (`finish_box`).
    func finishBox(_ draft: inout BoxDraft, _ invocation: CommandInvocation) {
        guard let size = imageItem?.size else { return }
        let geometry = draft.geometry.clamped(to: size)
        if let editing = draft.editing, let old = document.annotation(id: editing) {
            push(.pick(kind: .boxes, purpose: .editedBox(id: editing, geometry: geometry)))
            picker.lastUsed[.boxes] = old.label
        } else {
            push(.pick(kind: .boxes, purpose: .newBox(geometry)))
        }
    }

    /// Ends SPAN mode: the selection's label is picked next (`finish_span`).
    func finishSpan(_ draft: inout SpanDraft, _ invocation: CommandInvocation) {
        guard let text = textItem else { return }
        var range = text.selection(draft)
        if snapSpans { range = Tokenizer.snap(range, to: text.tokens) }
        guard !text.substring(range).allSatisfy(\.isWhitespace) else {
            message = EditorMessage("the selection is only blanks", .warning)
            return
        }
        push(.pick(kind: .spans, purpose: .newSpan(range)))
    }

    // MARK: - Selected annotation

    /// Tab / S-Tab: selects the next or previous annotation of the item.
    func selectAnnotation(forward: Bool, count: Int) {
        let annotations = itemAnnotations
        guard !annotations.isEmpty else {
            message = EditorMessage("this item has no annotations", .warning)
            selectedID = nil
            return
        }
        var index = annotations.firstIndex { $0.id == selectedID } ?? (forward ? -1 : annotations.count)
        for _ in 0..<count { index = ((forward ? index + 1 : index - 1) % annotations.count + annotations.count) % annotations.count }
        let chosen = annotations[index]
        selectedID = chosen.id
        revealSelection(chosen)
        message = EditorMessage("\(index + 1)/\(annotations.count): \(describe(chosen))")
    }

    /// Brings the selected annotation into view.
    func revealSelection(_ annotation: Annotation) {
        if let box = annotation.regionBounds, let image = imageItem {
            image.place(x: box.x, y: box.y)
        } else if let span = annotation.span, let text = textItem {
            text.moveCursor(to: span.start)
            afterTextMove()
        }
    }

    /// One line about an annotation.
    func describe(_ annotation: Annotation) -> String {
        var text = "\(annotation.shape.typeName) \(annotation.label)"
        switch annotation.shape {
        case .box(let box): text += " \(box.x),\(box.y) \(box.width)×\(box.height)"
        case .span(let span): text += " \"\(DisplayWidthOf.truncated(span.text, to: 30))\""
        case .polygon(let polygon): text += " \(polygon.points.count) vertices"
        case .keypoints(let set): text += " \(set.labeledCount)/\(set.points.count) points"
        case .mask(let mask): text += " \(mask.area) pixels"
        default: break
        }
        if annotation.isSuggestion {
            text += " (suggested\(annotation.score.map { String(format2: $0) }.map { " \($0)" } ?? "")\(annotation.source.map { " by \($0)" } ?? ""))"
        } else if let author = annotation.author, author != annotator {
            text += " by \(author)"
        }
        return text
    }

    func requireSelection(_ action: String) -> Annotation? {
        guard let selected = selectedAnnotation else {
            message = EditorMessage("select an annotation first (\(keyHint(for: .select_next_annotation, fallback: "Tab"))) to \(action)", .warning)
            return nil
        }
        return selected
    }

    func deleteSelected() {
        guard let selected = requireSelection("delete it") else { return }
        if let refusal = reviewRefusal(selected) { return show(refusal) }
        let annotations = itemAnnotations
        let index = annotations.firstIndex { $0.id == selected.id } ?? 0
        if commit([.remove(selected)], "delete \(selected.shape.typeName) \(selected.label)") {
            message = EditorMessage("deleted \(describe(selected))")
            let rest = annotations.filter { $0.id != selected.id }
            selectedID = rest.isEmpty ? nil : rest[min(index, rest.count - 1)].id
        }
    }

    func relabelSelected() {
        guard let selected = requireSelection("relabel it") else { return }
        if let refusal = reviewRefusal(selected) { return show(refusal) }
        guard let kind = LabelKind(annotationType: selected.shape.typeName) else { return }
        guard !settings.labels(kind).labels.isEmpty else {
            message = EditorMessage("no \(kind.rawValue) labels to choose from", .warning)
            return
        }
        picker.lastUsed[kind] = selected.label
        push(.pick(kind: kind, purpose: .relabel(id: selected.id)))
    }

    /// Enter on a selected box: edit it in BOX mode, the corner under the cursor first.
    func editSelectedBox() {
        guard let selected = selectedAnnotation, let box = selected.box, let image = imageItem else { return }
        if let refusal = reviewRefusal(selected) { return show(refusal) }
        let anchor = (x: box.x, y: box.y), corner = (x: box.maxX - 1, y: box.maxY - 1)
        image.place(x: corner.x, y: corner.y)
        enter(.box(BoxDraft(anchor: anchor, corner: corner, movingWhole: false, editing: selected.id)))
        message = EditorMessage("editing \(describe(selected)): move the corner, \(keyHint(for: .swap_corner, in: .box, fallback: "o")) the other corner, "
                                + "\(keyHint(for: .toggle_move_box, in: .box, fallback: "m")) the whole box, \(keyHint(for: .finish_box, in: .box, fallback: "Enter")) to finish")
    }

    func acceptSelected() {
        guard let selected = requireSelection("accept it") else { return }
        guard selected.isSuggestion else {
            message = EditorMessage("that is not a suggestion", .warning)
            return
        }
        if commit([.update(from: selected, to: selected.accepted(by: annotator, at: now()))], "accept \(selected.label)") {
            message = EditorMessage("accepted \(selected.shape.typeName) \(selected.label)")
            advanceToNextSuggestion()
        }
    }

    func rejectSelected() {
        guard let selected = requireSelection("reject it") else { return }
        guard selected.isSuggestion else {
            message = EditorMessage("that is not a suggestion (d deletes an annotation)", .warning)
            return
        }
        // The rejection is remembered in the sidecar, so the same prediction imported again stays out.
        let record = document.header.extra[RejectedSuggestions.key]
        let remember = Edit.setValue(key: RejectedSuggestions.key, from: record, to: RejectedSuggestions.adding(selected, to: record))
        if commit([.remove(selected), remember], "reject \(selected.label)") {
            message = EditorMessage("rejected \(selected.shape.typeName) \(selected.label)")
            advanceToNextSuggestion()
        }
    }

    /// After accepting or rejecting, the next suggestion of the item is selected.
    func advanceToNextSuggestion() {
        let next = itemAnnotations.first { $0.isSuggestion }
        selectedID = next?.id
        if let next { revealSelection(next) }
    }

    // MARK: - Marks

    /// Enter: marks the item done (a true negative when it has no annotations) and moves on.
    func markDoneAndAdvance() {
        let key = MarkKey(state: .done, record: location.record, author: annotator)
        if document.mark(key) == nil {
            let mark = Mark(state: .done, record: location.record, author: annotator, time: now())
            guard commit([.setMark(from: nil, to: mark)], "done") else { return }
        }
        if let next = catalog.next(after: location) {
            go(to: next)
            message = EditorMessage("marked done")
        } else {
            message = EditorMessage("marked done — that was the last item")
        }
    }

    /// `!`: asks for a note and flags the item (an empty note on a flagged item unflags it).
    func startFlag() {
        let existing = document.mark(MarkKey(state: .flagged, record: location.record, author: annotator))
        var line = LineEditor(purpose: .flagNote)
        line.insert(existing?.note ?? "")
        push(.command(line))
        message = EditorMessage(existing == nil ? "why does this need a second look? (Enter flags, \(keyHint(for: .normal_mode, in: .command, fallback: "Esc")) cancels)"
                                                : "change the note, or clear it and press Enter to unflag")
    }

    /// Flags the item with `note`, or unflags it when the note is empty and it was flagged.
    func setFlag(note: String) {
        let key = MarkKey(state: .flagged, record: location.record, author: annotator)
        let existing = document.mark(key)
        if note.isEmpty, let existing {
            if commit([.clearMark(existing)], "unflag") { message = EditorMessage("unflagged") }
            return
        }
        let mark = Mark(state: .flagged, record: location.record, author: annotator, time: now(), note: note.isEmpty ? nil : note)
        if commit([.setMark(from: existing, to: mark)], "flag") { message = EditorMessage("flagged" + (note.isEmpty ? "" : ": \(note)")) }
    }

    /// `:undone`: takes back this annotator's done mark on the item.
    func removeDoneMark() {
        guard let mark = document.mark(MarkKey(state: .done, record: location.record, author: annotator)) else {
            message = EditorMessage("this item has no done mark of yours", .warning)
            return
        }
        if commit([.clearMark(mark)], "undone") {
            countDone(file: location.file)
            message = EditorMessage("no longer done")
        }
    }

    // MARK: - Undo

    /// Undoes the last change anywhere in the session, going to its item.
    func undo(_ times: Int) { historyStep(times, undoing: true) }

    /// Redoes the last undone change, going to its item.
    func redo(_ times: Int) { historyStep(times, undoing: false) }

    /// One trail of items feeds the other: undo takes from the undo trail and gives to the
    /// redo trail, and redo the other way round.
    func historyStep(_ times: Int, undoing: Bool) {
        let verb = undoing ? "undo" : "redo"
        for _ in 0..<times {
            guard let targets = undoTrail.take(undoing: undoing), let first = targets.first else {
                message = EditorMessage("nothing to \(verb)", .warning)
                return
            }
            if first != location { go(to: first) }
            if targets.count > 1 {
                stepAcrossItems(targets, undoing: undoing)
                continue
            }
            do {
                guard let applied = undoing ? try store.undo(file.path) : try store.redo(file.path) else {
                    message = EditorMessage("nothing to \(verb) here", .warning)
                    return
                }
                undoTrail.moved(targets, undoing: undoing)
                message = EditorMessage("\(undoing ? "undid" : "redid") \(applied.summary)")
                if let selected = selectedID, document.annotation(id: selected) == nil { selectedID = nil }
                countDone(file: location.file)
            } catch {
                // A step refused because someone changed the item since is forgotten (the store
                // dropped it too); other failures leave it to try again.
                if case .changedElsewhere = error {} else { undoTrail.putBack(targets, undoing: undoing) }
                message = EditorMessage(error.description, .error)
                countDone(file: location.file)
                return
            }
        }
    }

    /// Undoes (or redoes) one step made on several items at once: each file's last step.
    func stepAcrossItems(_ targets: [ItemLocation], undoing: Bool) {
        var done: [ItemLocation] = [], problems: [String] = []
        var summary = ""
        // Several steps on one file are taken back newest first.
        for target in undoing ? targets.reversed() : targets {
            let path = dataset.files[target.file].path
            do {
                if let applied = undoing ? try store.undo(path) : try store.redo(path) {
                    done.append(target)
                    summary = applied.summary
                }
            } catch {
                problems.append(error.description)
            }
            countDone(file: target.file)
        }
        undoTrail.moved(done, undoing: undoing)
        if let selected = selectedID, document.annotation(id: selected) == nil { selectedID = nil }
        let text = "\(undoing ? "undid" : "redid") \(summary) on \(done.count) item\(done.count == 1 ? "" : "s")"
        message = problems.isEmpty ? EditorMessage(text) : EditorMessage("\(text); \(problems.count) could not be: \(problems[0])", .error)
    }
}

extension String {
    /// A number with two decimals (scores).
    init(format2 value: Double) {
        // Scores come from files: anything outside what two decimals can show is shown as it is.
        guard value.isFinite, value.magnitude < 1e12 else {
            self = "\(value)"
            return
        }
        let hundredths = Int((value.magnitude * 100).rounded())
        let sign = value < 0 && hundredths > 0 ? "-" : ""
        self = "\(sign)\(hundredths / 100).\(String(repeating: "0", count: hundredths % 100 < 10 ? 1 : 0))\(hundredths % 100)"
    }
}
