import LabelConfig
import LabelCore
import LabelImaging
import LabelText

extension Editor {
    /// Runs a command: the one place every key, mouse action and `:` command ends up.
    func perform(_ name: CommandName, count: Int?, arguments: [String] = []) {
        name.command.run(self)(CommandInvocation(name: name, count: count, arguments: arguments))
    }

    // MARK: - Commands with more to do than one call

    /// Next item with no annotation and no done mark (`next_unlabeled_item, previous_unlabeled_item`).
    func stepToUnlabeled(_ invocation: CommandInvocation) {
        let name = invocation.name
        let forward = name == .next_unlabeled_item
        if let target = unlabeled(from: location, forward: forward) { go(to: target) } else {
            message = EditorMessage("no item \(forward ? "after" : "before") this one is without annotations and done marks", .warning)
        }
    }

    /// Cursor left by ten pixels (`move_left_far, move_right_far, move_up_far, move_down_far`).
    func moveCursorFar(_ invocation: CommandInvocation) {
        let times = invocation.times, name = invocation.name
        let step = (imageItem?.farStep ?? 10) * times
        switch name {
        case .move_left_far: moveCursor(dx: -step, dy: 0)
        case .move_right_far: moveCursor(dx: step, dy: 0)
        case .move_up_far: moveCursor(dx: 0, dy: -step)
        default: moveCursor(dx: 0, dy: step)
        }
    }

    /// Pan the picture left (`pan_left, pan_right, pan_up, pan_down`).
    func pan(_ invocation: CommandInvocation) {
        let times = invocation.times, name = invocation.name
        guard let image = imageItem, var viewport = image.viewport else { return }
        let stepColumns = max(1, viewport.columns / 4) * times, stepRows = max(1, viewport.rows / 4) * times
        switch name {
        case .pan_left: viewport.pan(columns: -stepColumns, rows: 0)
        case .pan_right: viewport.pan(columns: stepColumns, rows: 0)
        case .pan_up: viewport.pan(columns: 0, rows: -stepRows)
        default: viewport.pan(columns: 0, rows: stepRows)
        }
        image.viewport = viewport
        // The cursor comes along when the view leaves it behind (else the next move would
        // jump the view back to it).
        let span = viewport.displaySpan(x: image.cursor.x, y: image.cursor.y)
        if span.x.upperBound <= 0 || span.x.lowerBound >= viewport.displayWidth || span.y.upperBound <= 0 || span.y.lowerBound >= viewport.displayHeight,
           let center = viewport.imagePixel(displayX: viewport.displayWidth / 2, displayY: viewport.displayHeight / 2) {
            image.place(x: center.x, y: center.y)
            if case .box(var draft) = mode {
                draft.corner = image.cursor
                replaceMode(.box(draft))
            }
        }
    }

    /// Zoom in around the cursor (`zoom_in, zoom_out, zoom_fit`).
    func zoom(_ invocation: CommandInvocation) {
        let times = invocation.times, name = invocation.name
        guard let image = imageItem, var viewport = image.viewport else {
            message = EditorMessage("zoom works on pictures", .warning)
            return
        }
        for _ in 0..<(name == .zoom_fit ? 1 : times) {
            switch name {
            case .zoom_in: viewport.zoomIn(aroundX: image.cursor.x, y: image.cursor.y)
            case .zoom_out: viewport.zoomOut(aroundX: image.cursor.x, y: image.cursor.y)
            default: viewport.fit()
            }
        }
        viewport.ensureVisible(x: image.cursor.x, y: image.cursor.y)
        image.viewport = viewport
    }

    /// Start of the next word (`word_forward, word_backward, word_end, big_word_forward, big_word_backward, big_word_end`).
    func wordMotion(_ invocation: CommandInvocation) {
        let times = invocation.times, name = invocation.name
        textMotion(name, count: times)
    }

    /// Picture: start a box at the cursor; text: back a word (`box_or_word_backward`).
    func boxOrWordBackward(_ invocation: CommandInvocation) {
        let times = invocation.times, count = invocation.count
        if imageItem != nil { perform(.box_mode, count: count) } else { textMotion(.word_backward, count: times) }
    }

    /// Start of the line (`line_start, line_end, goto_first_line, goto_last_line, half_page_down, half_page_up, page_down, page_up`).
    func lineOrPageMotion(_ invocation: CommandInvocation) {
        let times = invocation.times, count = invocation.count, name = invocation.name
        if case .help(let scroll) = mode {
            let page = max(1, contentRows - 2)
            let step = name == .half_page_down ? page / 2 : name == .half_page_up ? -page / 2 : name == .page_down ? page : -page
            replaceMode(.help(scroll: max(0, scroll + step)))
            return
        }
        if imageItem != nil { imageJump(name, count: times) } else { textMotion(name, count: count ?? 1, explicitCount: count) }
    }

    /// Search forward (/pattern; /re:… for a regular expression) (`search_forward, search_backward`).
    func startSearch(_ invocation: CommandInvocation) {
        let name = invocation.name
        guard textItem != nil else {
            message = EditorMessage("search works in text", .warning)
            return
        }
        push(.command(LineEditor(purpose: .search(forward: name == .search_forward))))
    }

    /// Next match (`search_next, search_previous`).
    func repeatSearchCommand(_ invocation: CommandInvocation) {
        let times = invocation.times, name = invocation.name
        repeatSearch(forward: name == .search_next, count: times)
    }

    /// Back to NORMAL, cancelling what is unfinished (`normal_mode`).
    func enterNormalMode(_ invocation: CommandInvocation) {
        var note: EditorMessage?
        if case .pick(_, .editedBox) = mode { note = EditorMessage("the box was left as it was (its edit is cancelled)", .warning) }
        if case .box(let draft) = mode, draft.editing != nil { note = EditorMessage("the box was left as it was (its edit is cancelled)", .warning) }
        if case .help = mode, modes.count > 1 { popMode() } else {
            // Esc in NORMAL lets go of the selected annotation, so Enter marks the item done again.
            if mode == .normal { selectedID = nil }
            returnToNormal()
        }
        message = note
    }

    /// CLASS mode: label keys toggle the item's classes (`class_mode`).
    func enterClassMode(_ invocation: CommandInvocation) {
        guard !settings.classes.labels.isEmpty else {
            message = EditorMessage("no class labels yet: add one with :label add class NAME", .warning)
            return
        }
        enter(.classes)
    }

    /// BOX mode: draw a box from the cursor (`box_mode`).
    func enterBoxMode(_ invocation: CommandInvocation) {
        guard let image = imageItem, image.size != nil else {
            message = EditorMessage("boxes are drawn on pictures", .warning)
            return
        }
        if let refusal = newAnnotationRefusal(.boxes) {
            message = refusal
            return
        }
        enter(.box(BoxDraft(anchor: image.cursor, corner: image.cursor)))
    }

    /// SPAN mode: select text from the cursor (`span_mode`).
    func enterSpanMode(_ invocation: CommandInvocation) {
        guard let text = textItem else {
            message = EditorMessage("spans are selected in text", .warning)
            return
        }
        guard text.problem == nil else {
            message = EditorMessage("this record has no text: \(text.problem ?? "")", .warning)
            return
        }
        if let refusal = newAnnotationRefusal(.spans) {
            message = refusal
            return
        }
        enter(.span(SpanDraft(anchor: text.cursor, head: text.cursor)))
    }

    /// Command line (:q, :w, :label add, :goto, :set, :export, :help) (`command_mode`).
    func enterCommandMode(_ invocation: CommandInvocation) {
        historyCursor = nil
        push(.command(LineEditor(purpose: .command)))
    }

    /// Keys of this mode and the labels' guidelines (`help`).
    func toggleHelp(_ invocation: CommandInvocation) {
        if case .help = mode { popMode() } else { push(.help(scroll: 0)) }
    }

    /// Move the other corner (or end) (`swap_corner`).
    func swapCorner(_ invocation: CommandInvocation) {
        swapEnds()
    }

    /// Move the whole box instead of a corner (`toggle_move_box`).
    func toggleMoveBox(_ invocation: CommandInvocation) {
        guard case .box(var draft) = mode else { return }
        draft.movingWhole.toggle()
        replaceMode(.box(draft))
        message = EditorMessage(draft.movingWhole ? "moving the whole box (\(keyHint(for: .toggle_move_box, in: .box, fallback: "m")): back to the corner)" : "moving the corner")
    }

    /// Tighten the box to the picture's edges (each side moves to the nearest strong edge) (`snap_box`).
    func snapBox(_ invocation: CommandInvocation) {
        snapDraftToEdges()
    }

    /// Finish and pick a label (`finish`).
    func finish(_ invocation: CommandInvocation) {
        finishDraft()
    }

    /// Choose the highlighted label (the one used last until you move or type) (`pick_last_label`).
    func pickHighlightedLabel(_ invocation: CommandInvocation) {
        guard case .pick(let kind, _) = mode else { return }
        let set = settings.labels(kind)
        if let highlight = pickHighlight {
            let choices = pickChoices(kind)
            guard choices.indices.contains(highlight) else { return }
            pickLabel(choices[highlight].label.name)
            return
        }
        guard pickFilter.isEmpty else {
            message = EditorMessage("no label holds \"\(pickFilter)\"", .warning)
            return
        }
        guard let name = lastLabel[kind].flatMap({ set.contains($0) ? $0 : nil }) ?? set.labels.first?.name else { return }
        pickLabel(name)
    }

    /// Delete the last character of the label filter (`pick_filter_backspace`).
    func pickFilterBackspace(_ invocation: CommandInvocation) {
        guard case .pick(let kind, _) = mode, !pickFilter.isEmpty else { return }
        pickFilter.removeLast()
        pickHighlight = pickFilter.isEmpty || pickChoices(kind).isEmpty ? nil : 0
    }

    /// Choose a label by its key (`label`).
    func labelByKey(_ invocation: CommandInvocation) {
        let arguments = invocation.arguments
        if let key = arguments.first, let character = key.first { _ = handleLabelKey(Key(.character(character))) }
    }

    /// Select the next annotation of the item (`select_next_annotation, select_previous_annotation`).
    func selectAnnotationCommand(_ invocation: CommandInvocation) {
        let times = invocation.times, name = invocation.name
        selectAnnotation(forward: name == .select_next_annotation, count: times)
    }

    /// Edit the selected box; else mark the item done and go on (`done_or_edit`).
    func doneOrEdit(_ invocation: CommandInvocation) {
        if let selected = selectedAnnotation, selected.box != nil, imageItem != nil { editSelectedBox() } else { markDoneAndAdvance() }
    }

    /// Run the command line (`command_execute, history_previous, history_next, command_complete`).
    func commandLineKey(_ invocation: CommandInvocation) {
        let name = invocation.name
        if case .command(var line) = mode { lineCommand(name, &line) }
    }

    /// Scroll down (`scroll_down, scroll_up`).
    func scrollHelp(_ invocation: CommandInvocation) {
        let times = invocation.times, name = invocation.name
        if case .help(let scroll) = mode { replaceMode(.help(scroll: max(0, scroll + (name == .scroll_down ? times : -times)))) }
    }

    // MARK: - Cursor

    /// Moves the cursor (a pixel, or a character / line) and whatever the mode drags along.
    func moveCursor(dx: Int, dy: Int) {
        if let image = imageItem {
            if case .box(var draft) = mode, draft.movingWhole, let size = image.size {
                // Move the whole box, kept inside the picture.
                let box = draft.geometry
                let moveX = min(max(dx, -box.x), size.width - box.maxX), moveY = min(max(dy, -box.y), size.height - box.maxY)
                draft.anchor = (draft.anchor.x + moveX, draft.anchor.y + moveY)
                draft.corner = (draft.corner.x + moveX, draft.corner.y + moveY)
                image.place(x: draft.corner.x, y: draft.corner.y)
                replaceMode(.box(draft))
                return
            }
            image.moveCursor(dx: dx, dy: dy)
            if case .box(var draft) = mode {
                draft.corner = image.cursor
                replaceMode(.box(draft))
                showDraftSize(draft)
            }
            return
        }
        guard let text = textItem else { return }
        if dx != 0 {
            text.moveToUnit(text.cursorUnit + dx)
        }
        if dy != 0 {
            let width = viewArea.width
            let layout = text.layout(width: width)
            if let place = layout.location(of: text.cursor) {
                // Records read as one document: `j` on a record's last line goes on into the
                // next record, `k` on its first line back into the previous one.
                if text.record != nil, mode == .normal || mode == .classes {
                    if place.line + dy >= layout.lines.count, let next = catalog.next(after: location), next.file == location.file {
                        go(to: next)
                        return
                    }
                    if place.line + dy < 0, let previous = catalog.previous(before: location), previous.file == location.file {
                        go(to: previous)
                        if let last = textItem?.units.last { textItem?.moveCursor(to: last.codePoint) }
                        afterTextMove()
                        return
                    }
                }
                let target = min(max(0, place.line + dy), layout.lines.count - 1)
                if let offset = layout.codePoint(line: target, column: place.column) { text.moveCursor(to: offset) }
            }
        }
        afterTextMove()
    }

    /// Why a new box or span cannot be started on this item (no labels of that kind yet, or the
    /// item is read-only), checked before any drawing, whichever way it is started.
    func newAnnotationRefusal(_ kind: LabelKind) -> EditorMessage? {
        guard !settings.labels(kind).labels.isEmpty else {
            let name = kind == .boxes ? "box" : kind == .spans ? "span" : "class"
            return EditorMessage("no \(name) labels yet: add one with :label add \(name) NAME", .warning)
        }
        if let reason = store.readOnlyReason(file.path) { return EditorMessage("this item is read-only: \(reason)", .error) }
        return nil
    }

    /// The box being drawn, on the message line: where it is and how big.
    func showDraftSize(_ draft: BoxDraft) {
        let box = draft.geometry
        message = EditorMessage("box \(box.x),\(box.y) \(box.width)×\(box.height)")
    }

    /// Tightens the box being drawn to the picture's edges (full-size pixels, decoded once).
    func snapDraftToEdges() {
        guard case .box(var draft) = mode, let image = imageItem, let size = image.size else { return }
        if image.fullPicture == nil {
            do { image.fullPicture = try ImageDecoder().decode(image.path).image } catch {
                message = EditorMessage("cannot read the picture to find its edges: \(error)", .error)
                return
            }
        }
        guard let picture = image.fullPicture, picture.width == size.width, picture.height == size.height else { return }
        let snapped = EdgeSnap.snap(draft.geometry, in: picture).clamped(to: size)
        draft.anchor = (snapped.x, snapped.y)
        draft.corner = (snapped.maxX - 1, snapped.maxY - 1)
        image.place(x: draft.corner.x, y: draft.corner.y)
        replaceMode(.box(draft))
        message = EditorMessage("snapped to the edges: \(snapped.x),\(snapped.y) \(snapped.width)×\(snapped.height)")
    }

    /// `0 $ gg G C-d C-u` on a picture: to the edges, or panning by pages.
    func imageJump(_ name: CommandName, count: Int) {
        guard let image = imageItem, let size = image.size else { return }
        switch name {
        case .line_start: image.place(x: 0, y: image.cursor.y)
        case .line_end: image.place(x: size.width - 1, y: image.cursor.y)
        case .goto_first_line: image.place(x: image.cursor.x, y: 0)
        case .goto_last_line: image.place(x: image.cursor.x, y: size.height - 1)
        default:
            let rows = Int(Double(image.viewport?.displayHeight ?? 2) / (image.viewport?.scale ?? 1))
            let step = (name == .half_page_down || name == .half_page_up ? rows / 2 : rows) * count
            image.moveCursor(dx: 0, dy: name == .half_page_down || name == .page_down ? step : -step)
        }
        if case .box(var draft) = mode {
            draft.corner = image.cursor
            replaceMode(.box(draft))
        }
    }

    /// Word, line and page motions in text.
    func textMotion(_ name: CommandName, count: Int, explicitCount: Int? = nil) {
        guard let text = textItem else {
            message = EditorMessage("\(name.rawValue.replacingOccurrences(of: "_", with: " ")) works in text", .warning)
            return
        }
        let units = text.units
        let index = text.cursorUnit
        switch name {
        case .word_forward: text.moveToUnit(WordMotion.nextWordStart(units, from: index, kind: .word, count: count))
        case .word_backward: text.moveToUnit(WordMotion.previousWordStart(units, from: index, kind: .word, count: count))
        case .word_end: text.moveToUnit(WordMotion.nextWordEnd(units, from: index, kind: .word, count: count))
        case .big_word_forward: text.moveToUnit(WordMotion.nextWordStart(units, from: index, kind: .bigWord, count: count))
        case .big_word_backward: text.moveToUnit(WordMotion.previousWordStart(units, from: index, kind: .bigWord, count: count))
        case .big_word_end: text.moveToUnit(WordMotion.nextWordEnd(units, from: index, kind: .bigWord, count: count))
        case .line_start, .line_end:
            // In a whole file, the line may reach past the window: its ends come from the line
            // index, and the window follows the cursor there.
            let bounds = text.lineBounds(around: text.cursor)
            if let bounds, !text.windowHolds(name == .line_start ? bounds.lowerBound : max(bounds.lowerBound, bounds.upperBound - 1)) {
                text.moveCursor(to: name == .line_start ? bounds.lowerBound : max(bounds.lowerBound, bounds.upperBound - 1))
                if name == .line_end { text.moveToUnit(WordMotion.lineEnd(text.units, from: text.cursorUnit)) }
            } else if name == .line_start {
                text.moveToUnit(WordMotion.lineStart(units, from: index))
            } else {
                text.moveToUnit(WordMotion.lineEnd(units, from: index))
            }
        case .goto_first_line, .goto_last_line:
            if text.record == nil {
                // A whole file: by hard line number (a count), or its first or last line.
                let source = text.source
                var line = name == .goto_first_line ? 0 : source.lines.count - 1
                if let explicitCount { line = min(max(0, explicitCount - 1), source.lines.count - 1) }
                let byte = source.lines.range(ofRecord: line)?.lowerBound ?? 0
                text.moveCursor(to: source.codePoints.codePoint(ofByte: byte))
            } else {
                text.moveCursor(to: name == .goto_first_line ? 0 : (units.last?.codePoint ?? 0))
            }
        default:
            let rows = max(1, contentRows)
            let step = (name == .half_page_down || name == .half_page_up ? max(1, rows / 2) : max(1, rows - 2)) * max(1, count)
            moveCursor(dx: 0, dy: name == .half_page_down || name == .page_down ? step : -step)
            return
        }
        afterTextMove()
    }

    /// After the text cursor moved: the selection follows, and the view scrolls to it.
    func afterTextMove() {
        guard let text = textItem else { return }
        if case .span(var draft) = mode {
            draft.head = text.cursor
            replaceMode(.span(draft))
        }
        text.scrollToCursor(width: viewArea.width, rows: viewArea.height)
    }

    /// `o`: the other corner of the box, or the other end of the span, moves from now on.
    func swapEnds() {
        switch mode {
        case .box(var draft):
            swap(&draft.anchor, &draft.corner)
            imageItem?.place(x: draft.corner.x, y: draft.corner.y)
            replaceMode(.box(draft))
        case .span(var draft):
            swap(&draft.anchor, &draft.head)
            textItem?.moveCursor(to: draft.head)
            replaceMode(.span(draft))
            afterTextMove()
        default:
            break
        }
    }
}
