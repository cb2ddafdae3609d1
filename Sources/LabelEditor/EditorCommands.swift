import LabelConfig
import LabelCore
import LabelImaging
import LabelText

extension Editor {
    /// Runs a command: the one place every key, mouse action and `:` command ends up.
    func perform(_ name: CommandName, count: Int?, arguments: [String] = []) {
        name.command.run(self)(CommandInvocation(name: name, count: count, arguments: arguments))
    }

    /// Says that a command of one mode was run in another (a keymap bound it there).
    func worksOnlyIn(_ modeTitle: String, _ invocation: CommandInvocation) {
        message = EditorMessage("\(invocation.name.rawValue) works in \(modeTitle) mode", .warning)
    }

    /// `extend MOTION`: runs the motion, then the box's free corner (or the whole box) or the
    /// span's moving end follows the cursor. BOX and SPAN bind their motions this way, so
    /// a keymap can bind a plain motion there too (moving without extending).
    func extendDraft(_ invocation: CommandInvocation) {
        guard let motionName = invocation.arguments.first, let motion = CommandName(rawValue: motionName), motion.command.motion else {
            message = EditorMessage("extend needs a motion after it (e.g. extend move_left), not \(invocation.arguments.joined(separator: " "))", .error)
            return
        }
        let before = imageItem?.cursor
        var extended = CommandInvocation(name: motion, count: invocation.count, arguments: Array(invocation.arguments.dropFirst()))
        extended.extending = true
        motion.command.run(self)(extended)
        if let motion = afterCounting {
            // The motion waits for a count: the draft follows once it has moved.
            afterCounting = { [unowned self] in
                motion()
                followCursor(from: before)
            }
            return
        }
        followCursor(from: before)
    }

    /// The draft's moving end goes where the cursor went (the mode decides what that means).
    func followCursor(from before: (x: Int, y: Int)?) {
        let dragged = mode.following(imageCursor: imageItem?.cursor, from: before, imageSize: imageItem?.size, textCursor: textItem?.cursor)
        guard dragged != mode else { return }
        replaceMode(dragged)
        if let draft = dragged.boxDraft {
            imageItem?.place(x: draft.corner.x, y: draft.corner.y)
            showDraftSize(draft)
        }
    }

    // MARK: - Commands with more to do than one call

    /// Next item with no annotation and no done mark (`next_unlabeled_item, previous_unlabeled_item`).
    func stepToUnlabeled(_ invocation: CommandInvocation) {
        let name = invocation.name
        let forward = name == .next_unlabeled_item
        switch unlabeled(from: location, forward: forward) {
        case .item(let target): go(to: target)
        case .uncounted(let file): whenCounted(file) { [unowned self] in stepToUnlabeled(invocation) }
        case .none: message = EditorMessage("no item \(forward ? "after" : "before") this one is without annotations and done marks", .warning)
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
        if imageItem != nil { imageJump(name, count: times) } else { textMotion(name, count: count ?? 1, explicitCount: count, crossRecords: !invocation.extending) }
    }

    /// Search forward (/pattern; /re:… for a regular expression) (`search_forward, search_backward`).
    func startSearch(_ invocation: CommandInvocation) {
        let name = invocation.name
        guard textItem != nil else {
            message = EditorMessage("search works in text", .warning)
            return
        }
        push(.command(LineEditor(purpose: .search(forward: name == .search_forward, extending: invocation.extending))))
    }

    /// Next match (`search_next, search_previous`).
    func repeatSearchCommand(_ invocation: CommandInvocation) {
        let times = invocation.times, name = invocation.name
        repeatSearch(forward: name == .search_next, count: times)
    }

    /// Back to NORMAL, cancelling what is unfinished (`normal_mode`).
    func enterNormalMode(_ invocation: CommandInvocation) {
        let note = mode.cancelNote
        returnToNormal()
        message = note.map { EditorMessage($0, .warning) }
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
        guard pictureForNewShape(.boxes, "boxes") != nil, let image = imageItem else { return }
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
        history.rewind()
        push(.command(LineEditor(purpose: .command)))
    }

    /// Move the other corner (`swap_corner`).
    func swapCorner(_ draft: inout BoxDraft, _ invocation: CommandInvocation) {
        swap(&draft.anchor, &draft.corner)
        imageItem?.place(x: draft.corner.x, y: draft.corner.y)
    }

    /// Move the other end of the selection (`swap_span_end`).
    func swapSpanEnd(_ draft: inout SpanDraft, _ invocation: CommandInvocation) {
        swap(&draft.anchor, &draft.head)
        textItem?.moveCursor(to: draft.head)
        afterTextMove()
    }

    /// Move the whole box instead of a corner (`toggle_move_box`).
    func toggleMoveBox(_ draft: inout BoxDraft, _ invocation: CommandInvocation) {
        draft.movingWhole.toggle()
        message = EditorMessage(draft.movingWhole ? "moving the whole box (\(keyHint(for: .toggle_move_box, in: .box, fallback: "m")): back to the corner)" : "moving the corner")
    }

    /// Choose the highlighted label (the one used last until you move or type) (`pick_last_label`).
    func pickHighlightedLabel(_ kind: LabelKind, _ invocation: CommandInvocation) {
        guard let name = picker.chosen(in: settings.labels(kind), kind: kind) else {
            message = EditorMessage("no label holds \"\(picker.filter)\"", .warning)
            return
        }
        pickLabel(name)
    }

    /// Delete the last character of the label filter (`pick_filter_backspace`).
    func pickFilterBackspace(_ kind: LabelKind, _ invocation: CommandInvocation) { picker.backspace(in: settings.labels(kind)) }

    /// Select the next annotation of the item (`select_next_annotation, select_previous_annotation`).
    func selectAnnotationCommand(_ invocation: CommandInvocation) {
        let times = invocation.times, name = invocation.name
        selectAnnotation(forward: name == .select_next_annotation, count: times)
    }

    /// Edit the selected box; else mark the item done and go on (`done_or_edit`).
    func doneOrEdit(_ invocation: CommandInvocation) {
        if let selected = selectedAnnotation, selected.box != nil, imageItem != nil { editSelectedBox() } else if !editSelectedShape() { markDoneAndAdvance() }
    }

    /// Scroll the help by lines, or by half pages or pages (`scroll_down, scroll_up`).
    func scrollHelp(_ scroll: inout Int, _ invocation: CommandInvocation) {
        let page = max(1, contentRows - 2)
        let unit = invocation.arguments.first == "page" ? page : invocation.arguments.first == "half" ? max(1, page / 2) : 1
        scroll += (invocation.name == .scroll_down ? 1 : -1) * unit * invocation.times
    }

    // MARK: - Cursor

    /// Moves the cursor (a pixel, or a character / line). `crossRecords`: in text split into
    /// records, moving past the first or last line goes on into the previous or next record.
    func moveCursor(dx: Int, dy: Int, crossRecords: Bool = true) {
        if let image = imageItem {
            image.moveCursor(dx: dx, dy: dy)
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
                if text.record != nil, crossRecords {
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
            let name = kind.annotationType
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
    func snapBox(_ draft: inout BoxDraft, _ invocation: CommandInvocation) {
        guard let image = imageItem, let size = image.size, let picture = fullSizePicture(for: "find its edges") else { return }
        let snapped = EdgeSnap.snap(draft.geometry, in: picture).clamped(to: size)
        draft.anchor = (snapped.x, snapped.y)
        draft.corner = (snapped.maxX - 1, snapped.maxY - 1)
        image.place(x: draft.corner.x, y: draft.corner.y)
        message = EditorMessage("snapped to the edges: \(snapped.x),\(snapped.y) \(snapped.width)×\(snapped.height)")
    }

    /// The picture on screen at full size (decoded once, on first need), or nil with the reason
    /// on the message line; `purpose` says what it was wanted for.
    func fullSizePicture(for purpose: String) -> PixelImage? {
        guard let image = imageItem, let size = image.size else { return nil }
        if image.fullPicture == nil {
            do { image.fullPicture = try ImageDecoder().decode(image.path).image } catch {
                message = EditorMessage("cannot read the picture to \(purpose): \(error)", .error)
                return nil
            }
        }
        guard let picture = image.fullPicture, picture.width == size.width, picture.height == size.height else { return nil }
        return picture
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
    }

    /// Word, line and page motions in text.
    func textMotion(_ name: CommandName, count: Int, explicitCount: Int? = nil, crossRecords: Bool = true) {
        guard let text = textItem else {
            message = EditorMessage("\(name.rawValue.replacing("_", with: " ")) works in text", .warning)
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
                // A whole file: by hard line number (a count), or its first or last line. A
                // large file not yet read to its end is counted first, in the background.
                if name == .goto_last_line || explicitCount != nil, catalog.awaitsCount(location.file) {
                    whenCounted(location.file) { [unowned self] in textMotion(name, count: count, explicitCount: explicitCount, crossRecords: crossRecords) }
                    return
                }
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
            moveCursor(dx: 0, dy: name == .half_page_down || name == .page_down ? step : -step, crossRecords: crossRecords)
            return
        }
        afterTextMove()
    }

    /// After the text cursor moved: the selection follows, and the view scrolls to it.
    func afterTextMove() {
        guard let text = textItem else { return }
        text.scrollToCursor(width: viewArea.width, rows: viewArea.height)
    }
}
