import LabelCore
import LabelImaging

/// POLYGON, KEYPOINTS and MASK modes (DESIGN §11): drawing and editing the shapes beyond boxes.
extension Editor {
    // MARK: - Polygons

    /// POLYGON mode: place vertices from the cursor (`polygon_mode`).
    func enterPolygonMode(_ invocation: CommandInvocation) {
        guard pictureForNewShape(.polygons, "polygons") != nil else { return }
        enter(.polygon(PolygonDraft()))
        message = EditorMessage("POLYGON: move, \(keyHint(for: .add_vertex, in: .polygon, fallback: "Space")) adds a vertex, "
                                + "\(keyHint(for: .remove_vertex, in: .polygon, fallback: "Backspace")) removes the last, "
                                + "\(keyHint(for: .finish_polygon, in: .polygon, fallback: "Enter")) closes it")
    }

    /// A vertex at the cursor: after the last, or after the selected vertex while editing (`add_vertex`).
    func addVertex(_ draft: inout PolygonDraft, _ invocation: CommandInvocation) {
        guard let cursor = imageItem?.cursor else { return }
        let point = ShapePoint.centre(ofPixel: cursor.x, cursor.y)
        if let vertex = draft.selectedVertex, draft.points.indices.contains(vertex) {
            draft.points.insert(point, at: vertex + 1)
            draft.selectedVertex = vertex + 1
        } else {
            draft.points.append(point)
        }
        message = EditorMessage("vertex \((draft.selectedVertex ?? draft.points.count - 1) + 1) of \(draft.points.count) at \(cursor.x),\(cursor.y)")
    }

    /// Removes the last vertex, or the selected one while editing (`remove_vertex`).
    func removeVertex(_ draft: inout PolygonDraft, _ invocation: CommandInvocation) {
        guard !draft.points.isEmpty else {
            message = EditorMessage("no vertex to remove", .warning)
            return
        }
        if let vertex = draft.selectedVertex, draft.points.indices.contains(vertex) {
            draft.points.remove(at: vertex)
            draft.selectedVertex = draft.points.isEmpty ? nil : min(vertex, draft.points.count - 1)
            if let selected = draft.selectedVertex { placeCursor(on: draft.points[selected]) }
        } else {
            draft.points.removeLast()
        }
        message = EditorMessage("\(draft.points.count) vertices")
    }

    /// Selects the next or previous vertex, which motions then drag (`next_vertex, previous_vertex`).
    func stepVertex(_ draft: inout PolygonDraft, _ invocation: CommandInvocation) {
        guard !draft.points.isEmpty else {
            message = EditorMessage("no vertex yet", .warning)
            return
        }
        let step = invocation.name == .next_vertex ? invocation.times : -invocation.times
        let count = draft.points.count
        let start = draft.selectedVertex ?? (step > 0 ? -1 : count)
        let vertex = ((start + step) % count + count) % count
        draft.selectedVertex = vertex
        placeCursor(on: draft.points[vertex])
        message = EditorMessage("vertex \(vertex + 1) of \(count): move drags it, \(keyHint(for: .add_vertex, in: .polygon, fallback: "Space")) inserts one after it, "
                                + "\(keyHint(for: .remove_vertex, in: .polygon, fallback: "Backspace")) deletes it")
    }

    /// Closes the polygon: a new one's label is picked next; an edited one is saved (`finish_polygon`).
    func finishPolygon(_ draft: inout PolygonDraft, _ invocation: CommandInvocation) {
        guard let size = imageItem?.size else { return }
        let polygon = PolygonGeometry(points: draft.points.map {
            ShapePoint(x: min(max($0.x, 0), Double(size.width)), y: min(max($0.y, 0), Double(size.height)))
        })
        guard polygon.distinctVertexCount >= 3 else {
            message = EditorMessage("a polygon needs at least 3 vertices (it has \(polygon.distinctVertexCount))", .warning)
            return
        }
        if let editing = draft.editing {
            saveEditedShape(editing, .polygon(polygon), what: "polygon")
            returnToNormal()
        } else {
            push(.pick(kind: .polygons, purpose: .newPolygon(polygon)))
        }
    }

    // MARK: - Keypoints

    /// KEYPOINTS mode: place a skeleton's points one name after another (`keypoints_mode`,
    /// optionally with the skeleton's name; with several skeletons and no name, PICK asks).
    func enterKeypointsMode(_ invocation: CommandInvocation) {
        guard pictureForNewShape(.keypoints, "keypoints") != nil else { return }
        if let name = invocation.arguments.first {
            guard let skeleton = settings.skeleton(named: name) else {
                return show(EditorMessage("no skeleton is named \(name) (known: \(settings.skeletons.map(\.name).joined(separator: ", ")))", .error))
            }
            return beginKeypoints(skeleton)
        }
        if settings.skeletons.count == 1, let only = settings.skeletons.first { return beginKeypoints(only) }
        enter(.pick(kind: .keypoints, purpose: .skeleton))
    }

    /// Starts placing a new instance of `skeleton`.
    func beginKeypoints(_ skeleton: Skeleton) {
        enter(.keypoints(KeypointDraft(skeleton: skeleton)))
        promptKeypoint(KeypointDraft(skeleton: skeleton))
    }

    /// Says which point is next and how to place it.
    func promptKeypoint(_ draft: KeypointDraft) {
        guard let name = draft.currentName else { return }
        message = EditorMessage("\(draft.skeleton.name) \(draft.index + 1)/\(draft.skeleton.names.count): \(name) — "
                                + "\(keyHint(for: .place_keypoint, in: .keypoints, fallback: "Space")) visible, "
                                + "\(keyHint(for: .place_keypoint_hidden, in: .keypoints, fallback: "h")) hidden, "
                                + "\(keyHint(for: .skip_keypoint, in: .keypoints, fallback: "s")) skip")
    }

    /// Places the current point at the cursor, visible or hidden, or skips it, and goes on to
    /// the next name; after the last the instance is saved (`place_keypoint, place_keypoint_hidden, skip_keypoint`).
    func placeKeypoint(_ draft: inout KeypointDraft, _ invocation: CommandInvocation) {
        guard draft.points.indices.contains(draft.index), let cursor = imageItem?.cursor else { return }
        let centre = ShapePoint.centre(ofPixel: cursor.x, cursor.y)
        switch invocation.name {
        case .place_keypoint: draft.points[draft.index] = Keypoint(x: centre.x, y: centre.y, visibility: .visible)
        case .place_keypoint_hidden: draft.points[draft.index] = Keypoint(x: centre.x, y: centre.y, visibility: .hidden)
        default: draft.points[draft.index] = .unlabeled
        }
        draft.index += 1
        if draft.index >= draft.points.count {
            draft.index = draft.points.count - 1
            finishKeypoints(&draft, invocation)
            return
        }
        if draft.editing != nil, draft.points[draft.index].isLabeled { placeCursor(on: draft.points[draft.index].point) }
        promptKeypoint(draft)
    }

    /// Goes back or on to another point without placing (`previous_keypoint, next_keypoint`).
    func stepKeypoint(_ draft: inout KeypointDraft, _ invocation: CommandInvocation) {
        let step = invocation.name == .next_keypoint ? invocation.times : -invocation.times
        draft.index = min(max(0, draft.index + step), draft.points.count - 1)
        if draft.points[draft.index].isLabeled { placeCursor(on: draft.points[draft.index].point) }
        promptKeypoint(draft)
    }

    /// Saves the points placed so far; the rest stay unlabeled (`finish_keypoints`).
    func finishKeypoints(_ draft: inout KeypointDraft, _ invocation: CommandInvocation) {
        let set = KeypointSet(skeleton: draft.skeleton.name, points: draft.points)
        guard set.labeledCount > 0 else {
            message = EditorMessage("no point placed yet", .warning)
            return
        }
        if let editing = draft.editing {
            saveEditedShape(editing, .keypoints(set), what: "keypoints")
        } else {
            let annotation = Annotation(id: environment.identifiers.newIdentifier(), shape: .keypoints(set), label: draft.skeleton.name,
                                        author: annotator, time: now())
            if commit([.add(annotation)], "keypoints \(draft.skeleton.name)") {
                selectedID = nil
                message = EditorMessage("\(draft.skeleton.name): \(set.labeledCount) of \(set.points.count) points")
            }
        }
        returnToNormal()
    }

    // MARK: - Masks

    /// MASK mode: paint a mask with a brush, grow regions, fill polygons (`mask_mode`).
    func enterMaskMode(_ invocation: CommandInvocation) {
        guard let size = pictureForNewShape(.masks, "masks") else { return }
        enter(.mask(MaskDraft(canvas: MaskCanvas(Bitmap(height: size.height, width: size.width)))))
        message = EditorMessage("MASK: \(keyHint(for: .paint, in: .mask, fallback: "Space")) paints (a count sets the brush), "
                                + "\(keyHint(for: .grow_region, in: .mask, fallback: "g")) grows a region, "
                                + "\(keyHint(for: .fill_polygon, in: .mask, fallback: "f")) fills a polygon, "
                                + "\(keyHint(for: .finish_mask, in: .mask, fallback: "Enter")) finishes")
    }

    /// Paints or erases the brush at the cursor; a count sets the brush's radius first (`paint, erase`).
    func paintAtCursor(_ draft: inout MaskDraft, _ invocation: CommandInvocation) {
        guard let cursor = imageItem?.cursor else { return }
        if let count = invocation.count { draft.brushRadius = min(count, 500) }
        draft.stroke(from: cursor, to: cursor, on: invocation.name == .paint)
        showMaskState(draft)
    }

    /// Puts the brush down (or lifts it): motions then paint or erase on their way (`pen_paint, pen_erase`).
    func togglePen(_ draft: inout MaskDraft, _ invocation: CommandInvocation) {
        let wanted: BrushStroke = invocation.name == .pen_paint ? .paint : .erase
        if let count = invocation.count { draft.brushRadius = min(count, 500) }
        draft.stroke = draft.stroke == wanted ? .off : wanted
        if draft.stroke != .off, let cursor = imageItem?.cursor { draft.stroke(from: cursor, to: cursor, on: draft.stroke == .paint) }
        showMaskState(draft)
    }

    /// Adds (or with `erase`, removes) the region of similar colour around the cursor (`grow_region`).
    func growRegion(_ draft: inout MaskDraft, _ invocation: CommandInvocation) {
        guard let cursor = imageItem?.cursor, let picture = fullSizePicture(for: "grow a region") else { return }
        let region = RegionGrow.region(from: cursor, in: picture, tolerance: draft.tolerance)
        let erasing = invocation.arguments.first == "erase"
        draft.canvas.bitmap.combine(region, on: !erasing)
        draft.revision += 1
        message = EditorMessage("\(erasing ? "erased" : "grew") \(region.area) pixels at tolerance \(draft.tolerance) "
                                + "(\(keyHint(for: .tolerance_up, in: .mask, fallback: ">")) / \(keyHint(for: .tolerance_down, in: .mask, fallback: "<")) change it); mask \(draft.canvas.bitmap.area) pixels")
    }

    /// Widens or narrows what region growing takes in (`tolerance_up, tolerance_down`).
    func changeTolerance(_ draft: inout MaskDraft, _ invocation: CommandInvocation) {
        let step = 4 * invocation.times * (invocation.name == .tolerance_up ? 1 : -1)
        draft.tolerance = min(max(0, draft.tolerance + step), 441)
        showMaskState(draft)
    }

    /// Fills the polygon under the cursor (the selected one first) into the mask (`fill_polygon`).
    func fillPolygon(_ draft: inout MaskDraft, _ invocation: CommandInvocation) {
        guard let cursor = imageItem?.cursor else { return }
        let height = draft.canvas.bitmap.height, width = draft.canvas.bitmap.width
        let polygons = itemAnnotations.compactMap { annotation in annotation.polygon.map { (annotation, PolygonRaster.bitmap($0, height: height, width: width)) } }
        let under = polygons.filter { $0.1[cursor.x, cursor.y] }
        guard let chosen = under.first(where: { $0.0.id == selectedID }) ?? under.min(by: { $0.1.area < $1.1.area }) else {
            message = EditorMessage("no polygon lies under the cursor", .warning)
            return
        }
        draft.canvas.bitmap.combine(chosen.1, on: true)
        draft.revision += 1
        message = EditorMessage("filled polygon \(chosen.0.label) (\(chosen.1.area) pixels); mask \(draft.canvas.bitmap.area) pixels")
    }

    /// Ends MASK mode: a new mask's label is picked next; an edited one is saved (`finish_mask`).
    func finishMask(_ draft: inout MaskDraft, _ invocation: CommandInvocation) {
        guard !draft.canvas.bitmap.isEmpty else {
            message = EditorMessage("the mask is empty: paint or grow a region first", .warning)
            return
        }
        let mask = MaskRLE(draft.canvas.bitmap)
        if let editing = draft.editing {
            saveEditedShape(editing, .mask(mask), what: "mask")
            returnToNormal()
        } else {
            push(.pick(kind: .masks, purpose: .newMask(mask)))
        }
    }

    /// The brush and tolerance on the message line.
    func showMaskState(_ draft: MaskDraft) {
        let pen = draft.stroke == .off ? "" : draft.stroke == .paint ? ", painting as it moves" : ", erasing as it moves"
        message = EditorMessage("brush radius \(draft.brushRadius), tolerance \(draft.tolerance)\(pen); mask \(draft.canvas.bitmap.area) pixels")
    }

    // MARK: - Shared

    /// The picture's size when a new shape of `kind` may be drawn on the item; else nil with
    /// the reason on the message line.
    func pictureForNewShape(_ kind: LabelKind, _ plural: String) -> ImageSize? {
        guard let image = imageItem, let size = image.size else {
            message = EditorMessage("\(plural) are drawn on pictures", .warning)
            return nil
        }
        if kind == .keypoints, settings.skeletons.isEmpty {
            message = EditorMessage("no skeletons yet: declare [keypoints.NAME] with names = [...] in termlabel.toml", .warning)
            return nil
        }
        if let refusal = newAnnotationRefusal(kind) {
            message = refusal
            return nil
        }
        return size
    }

    /// Moves the cursor onto the pixel holding `point`.
    func placeCursor(on point: ShapePoint) {
        let pixel = point.pixel
        imageItem?.place(x: pixel.x, y: pixel.y)
    }

    /// Saves a changed shape of annotation `id`, keeping its label.
    func saveEditedShape(_ id: String, _ shape: AnnotationShape, what: String) {
        guard let old = document.annotation(id: id) else { return }
        var new = old
        new.shape = shape
        guard new != old else {
            message = EditorMessage("\(what) unchanged")
            return
        }
        if old.isSuggestion { new = new.accepted(by: annotator, at: now()) } else { stampEdit(&new, from: old) }
        if commit([.update(from: old, to: new)], "edit \(what)") { message = EditorMessage("\(what) \(new.label) saved") }
    }

    /// Enter on a selected polygon, keypoints or mask: edit it in its mode.
    func editSelectedShape() -> Bool {
        guard let selected = selectedAnnotation, let image = imageItem, let size = image.size else { return false }
        switch selected.shape {
        case .polygon(let polygon):
            if let refusal = reviewRefusal(selected) { show(refusal); return true }
            enter(.polygon(PolygonDraft(points: polygon.points, selectedVertex: 0, editing: selected.id)))
            if let first = polygon.points.first { placeCursor(on: first) }
            message = EditorMessage("editing \(describe(selected)): \(keyHint(for: .next_vertex, in: .polygon, fallback: "Tab")) picks a vertex, moving drags it, "
                                    + "\(keyHint(for: .finish_polygon, in: .polygon, fallback: "Enter")) saves")
        case .keypoints(let set):
            if let refusal = reviewRefusal(selected) { show(refusal); return true }
            let skeleton = settings.skeleton(named: set.skeleton) ?? Skeleton(name: set.skeleton, names: set.points.indices.map { "point \($0 + 1)" })
            let draft = KeypointDraft(skeleton: skeleton, points: set.points, editing: selected.id)
            enter(.keypoints(draft))
            if let first = set.points.first, first.isLabeled { placeCursor(on: ShapePoint(x: first.x, y: first.y)) }
            promptKeypoint(draft)
        case .mask(let mask):
            if let refusal = reviewRefusal(selected) { show(refusal); return true }
            let bitmap = mask.width == size.width && mask.height == size.height ? mask.bitmap() : nil
            guard let bitmap else {
                show(EditorMessage("the mask does not fit this \(size) picture (\(mask.width)×\(mask.height)); run termlabel validate", .error))
                return true
            }
            enter(.mask(MaskDraft(canvas: MaskCanvas(bitmap), editing: selected.id, label: selected.label)))
            message = EditorMessage("editing mask \(selected.label): paint, erase, grow; \(keyHint(for: .finish_mask, in: .mask, fallback: "Enter")) saves")
        default:
            return false
        }
        return true
    }
}
