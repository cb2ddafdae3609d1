#if canImport(Glibc)
import Glibc
#endif
import Yams
import LabelImaging
import LabelCore
import LabelDataset
import LabelStore

/// Reading the foreign files of each importable format into imported items.
enum ImportReaders {
    static func readJSON(_ path: String, fileSystem: any FileSystem) throws(InterchangeError) -> JSONValue {
        let bytes: [UInt8]
        do { bytes = try fileSystem.readFile(path) } catch { throw InterchangeError(error.description) }
        do { return try JSONParser.parse(bytes) } catch {
            throw InterchangeError("\(path):\(error.line):\(error.column): not valid JSON: \(error.message)")
        }
    }

    static func number(_ value: JSONValue?) -> Double? { value?.doubleValue }

    // MARK: COCO

    /// COCO annotations and predictions: with a `score`, a box is a suggestion.
    static func coco(_ path: String, fileSystem: any FileSystem, declaring declared: inout [DeclaredLabel],
                     groundTruth: String? = nil) throws(InterchangeError) -> [ImportedItem] {
        let root = try readJSON(path, fileSystem: fileSystem)
        var top: JSONObject
        if let results = root.arrayValue {
            // COCO's results format (a detector's predictions) is a bare array of annotations:
            // the pictures and categories come from the ground-truth file it was made for.
            guard let groundTruth else {
                throw InterchangeError("\(path) is a COCO results array (predictions): name the COCO file with its images and categories with --coco-images FILE")
            }
            guard let truth = try readJSON(groundTruth, fileSystem: fileSystem).objectValue else {
                throw InterchangeError("\(groundTruth): a COCO file is an object with images, categories and annotations")
            }
            top = truth
            top["annotations"] = .array(results.map { result in
                // Results are model output: each keeps its score, so it becomes a suggestion.
                guard case .object(var fields) = result else { return result }
                if fields["score"] == nil { fields["score"] = .int(1) }
                return .object(fields)
            })
        } else if let object = root.objectValue {
            top = object
        } else {
            throw InterchangeError("\(path): a COCO file is an object with images, categories and annotations")
        }
        var images: [Int: String] = [:]
        var sizes: [Int: ImageSize] = [:]
        for case .object(let image) in top["images"]?.arrayValue ?? [] {
            if let id = image["id"]?.intValue, let name = image["file_name"]?.stringValue { images[id] = name }
            if let id = image["id"]?.intValue, let width = image["width"]?.intValue, let height = image["height"]?.intValue {
                sizes[id] = ImageSize(width: width, height: height)
            }
        }
        var categories: [Int: String] = [:]
        var skeletons: [Int: Skeleton] = [:]
        for case .object(let category) in top["categories"]?.arrayValue ?? [] {
            guard let id = category["id"]?.intValue, let name = category["name"]?.stringValue else { continue }
            categories[id] = name
            // COCO numbers a skeleton's points from 1.
            if let names = category["keypoints"]?.arrayValue?.compactMap(\.stringValue), !names.isEmpty {
                let edges = (category["skeleton"]?.arrayValue ?? []).compactMap { pair -> [Int]? in
                    guard let values = pair.arrayValue?.compactMap(\.intValue), values.count == 2 else { return nil }
                    return [values[0] - 1, values[1] - 1]
                }.filter { $0.allSatisfy(names.indices.contains) }
                skeletons[id] = Skeleton(name: name, names: names, edges: edges)
            }
        }
        declared = categories.sorted { $0.key < $1.key }.map { DeclaredLabel(name: $0.value, id: $0.key, skeleton: skeletons[$0.key]) }
        var byImage: [Int: [ImportedAnnotation]] = [:]
        var problems: [ImportedItem] = []
        var cocoUnsupported: [String: Int] = [:]
        for case .object(let annotation) in top["annotations"]?.arrayValue ?? [] {
            let numbers = annotation["bbox"]?.arrayValue ?? []
            let bbox = numbers.compactMap { $0.doubleValue }
            if annotation["caption"] != nil {
                cocoUnsupported["captions", default: 0] += 1
                continue
            }
            if annotation["segments_info"] != nil {
                cocoUnsupported["panoptic segment sets", default: 0] += 1
                continue
            }
            // An annotation with a category and no box at all is an image-level label: a class.
            if annotation["bbox"] == nil, let imageID = annotation["image_id"]?.intValue, let categoryID = annotation["category_id"]?.intValue {
                byImage[imageID, default: []].append(ImportedAnnotation(geometry: .classification, label: categories[categoryID] ?? "category \(categoryID)",
                                                                         author: annotation["termlabel_author"]?.stringValue,
                                                                         score: number(annotation["score"]), isSuggestion: annotation["score"] != nil))
                continue
            }
            guard let imageID = annotation["image_id"]?.intValue, let categoryID = annotation["category_id"]?.intValue,
                  numbers.count == 4, bbox.count == 4 else {
                let field = annotation["image_id"]?.intValue == nil ? "image_id (a whole number)"
                    : annotation["category_id"]?.intValue == nil ? "category_id (a whole number)" : "bbox (four numbers: x, y, width, height)"
                problems.append(ImportedItem(target: .file("", record: nil), annotations: [], origin: "\(path):\(annotation.line): an annotation without a valid \(field)"))
                continue
            }
            let label = categories[categoryID] ?? "category \(categoryID)"
            let score = number(annotation["score"])
            // A crowd region and CVAT's attributes are kept with the parts; COCO export writes them back.
            var attributes: [String: JSONValue] = [:]
            if annotation["iscrowd"]?.intValue == 1 { attributes["iscrowd"] = .int(1) }
            if let kept = annotation["attributes"], kept.objectValue?.members.isEmpty == false { attributes["attributes"] = kept }
            let shapes = cocoShapes(annotation, label: label, size: sizes[imageID], unsupported: &cocoUnsupported)
            // The box is the object's own only without a segmentation (else COCO derives it from that).
            var pieces = shapes.contains { if case .polygon = $0 { return true }; if case .mask = $0 { return true }; return false } ? [] : [
                ImportedGeometry.box(x: bbox[0], y: bbox[1], width: bbox[2], height: bbox[3]),
            ]
            pieces += shapes
            // Parts of one COCO object stay together, so it is exported as one again.
            if pieces.count > 1 { attributes[COCOObject.groupKey] = .string("coco:\(annotation["id"]?.intValue.map(String.init) ?? "\(annotation.line)")") }
            for piece in pieces {
                byImage[imageID, default: []].append(ImportedAnnotation(geometry: piece, label: label, author: annotation["termlabel_author"]?.stringValue,
                                                                         score: score, isSuggestion: score != nil, attributes: attributes))
            }
        }
        for case .object(let entry) in top["termlabel_classes"]?.arrayValue ?? [] {
            guard let imageID = entry["image_id"]?.intValue, let label = entry["label"]?.stringValue else { continue }
            byImage[imageID, default: []].append(ImportedAnnotation(geometry: .classification, label: label,
                                                                     author: entry["author"]?.stringValue, isSuggestion: false))
        }
        var items: [ImportedItem] = problems
        if !cocoUnsupported.isEmpty { items.append(ImportedItem(target: .file("", record: nil), annotations: [], origin: path, unsupported: cocoUnsupported)) }
        // Pictures listed with nothing on them: true negatives when the importer is told so.
        for (imageID, name) in images.sorted(by: { $0.key < $1.key }) where byImage[imageID] == nil {
            items.append(ImportedItem(target: .file(name, record: nil), annotations: [], origin: "\(path): \(name)", isTrueNegative: true))
        }
        for (imageID, annotations) in byImage.sorted(by: { $0.key < $1.key }) {
            guard let name = images[imageID] else {
                items.append(ImportedItem(target: .file("", record: nil), annotations: [], origin: "\(path): image id \(imageID) is not in \"images\""))
                continue
            }
            items.append(ImportedItem(target: .file(name, record: nil), annotations: annotations, origin: "\(path): \(name)",
                                      declaredSize: sizes[imageID]))
        }
        return items
    }

    /// The polygons (one per part), mask and keypoints of a COCO annotation.
    static func cocoShapes(_ annotation: JSONObject, label: String, size: ImageSize?, unsupported: inout [String: Int]) -> [ImportedGeometry] {
        var shapes: [ImportedGeometry] = []
        func pairs(_ values: [JSONValue]) -> [ShapePoint]? {
            let numbers = values.compactMap(\.doubleValue)
            guard numbers.count == values.count, numbers.count % 2 == 0 else { return nil }
            return stride(from: 0, to: numbers.count, by: 2).map { ShapePoint(x: numbers[$0], y: numbers[$0 + 1]) }
        }
        switch annotation["segmentation"] {
        case .array(let parts)?:
            // A list of polygons (some tools write one polygon as a flat list).
            let polygons = parts.allSatisfy({ $0.arrayValue != nil }) ? parts.compactMap(\.arrayValue) : [parts]
            for part in polygons where !part.isEmpty {
                if let points = pairs(part) { shapes.append(.polygon(points, scale: .pixels)) } else { unsupported["malformed polygon segmentations", default: 0] += 1 }
            }
        case .object(let rle)?:
            let dimensions = rle["size"]?.arrayValue?.compactMap(\.intValue) ?? []
            guard dimensions.count == 2 else {
                unsupported["masks without a size", default: 0] += 1
                break
            }
            if let counts = rle["counts"]?.stringValue {
                shapes.append(.mask(MaskRLE(height: dimensions[0], width: dimensions[1], counts: counts)))
            } else if let runs = rle["counts"]?.arrayValue?.compactMap(\.intValue) {
                // Uncompressed RLE (COCO's crowd regions): the same runs, compressed.
                shapes.append(.mask(MaskRLE(height: dimensions[0], width: dimensions[1], counts: CompressedRLE.string(from: runs))))
            } else {
                unsupported["masks without counts", default: 0] += 1
            }
        default:
            break
        }
        if let values = annotation["keypoints"]?.arrayValue, !values.isEmpty {
            let numbers = values.compactMap(\.doubleValue)
            if numbers.count == values.count, numbers.count % 3 == 0 {
                let points = stride(from: 0, to: numbers.count, by: 3).map { index -> Keypoint in
                    let visibility = Keypoint.Visibility(rawValue: Int(numbers[index + 2])) ?? .unlabeled
                    return visibility == .unlabeled ? .unlabeled : Keypoint(x: numbers[index], y: numbers[index + 1], visibility: visibility)
                }
                if points.contains(where: \.isLabeled) { shapes.append(.keypoints(skeleton: label, points, scale: .pixels)) }
            } else {
                unsupported["malformed keypoint sets", default: 0] += 1
            }
        }
        return shapes
    }

    // MARK: YOLO

    /// A YOLO folder (`labels/…/*.txt` and `data.yaml` or `classes.txt`) or a `data.yaml`.
    static func yolo(_ path: String, fileSystem: any FileSystem, declaring declared: inout [DeclaredLabel]) throws(InterchangeError) -> [ImportedItem] {
        let folder = path.hasSuffix(".yaml") || path.hasSuffix(".yml") ? PathName.parent(path) : path
        var names: [String] = []
        var poseShape: (points: Int, values: Int)?
        if let yaml = try? fileSystem.readFile(PathName.join(folder, "data.yaml")) {
            names = yamlNames(String(decoding: yaml, as: UTF8.self))
            poseShape = yamlPoseShape(String(decoding: yaml, as: UTF8.self))
        } else if let text = (try? fileSystem.readFile(PathName.join(folder, "classes.txt"))) ?? (try? fileSystem.readFile(PathName.join(folder, "obj.names"))) {
            // classes.txt, or obj.names of Darknet and CVAT's "YOLO 1.1".
            names = TextLines.split(text).map(\.trimmingBlanks).filter { !$0.isEmpty }
        } else {
            throw InterchangeError("\(folder): no data.yaml, classes.txt or obj.names to name the YOLO classes")
        }
        // "class N" at index N is the placeholder of a number no label holds (our own export
        // writes them for gaps in the ids), not a class.
        declared = names.enumerated().filter { $0.element != "class \($0.offset)" }.map { DeclaredLabel(name: $0.element, id: $0.offset) }
        let labels = fileSystem.stamp(of: PathName.join(folder, "labels"))?.isDirectory == true ? PathName.join(folder, "labels")
            : fileSystem.stamp(of: PathName.join(folder, "obj_train_data"))?.isDirectory == true ? PathName.join(folder, "obj_train_data") : folder
        var items: [ImportedItem] = []
        for file in textFiles(under: labels, fileSystem: fileSystem) where !["classes.txt", "obj.names", "train.txt", "valid.txt"].contains(PathName.baseName(file)) {
            let relative = PathName.relative(file, to: labels)
            let stem = String(relative.dropLast(4))
            guard let bytes = try? fileSystem.readFile(file) else { continue }
            var annotations: [ImportedAnnotation] = []
            let lines = TextLines.split(bytes)
            for (number, line) in lines.enumerated() {
                let fields = line.split(separator: " ").compactMap { Double($0) }
                guard !line.allSatisfy(\.isWhitespace) else { continue }
                let pose = poseShape.map { 5 + $0.points * $0.values }
                let segmentation = fields.count >= 7 && fields.count % 2 == 1 && fields.count != pose
                guard fields.count == 5 || fields.count == 6 || fields.count == pose || segmentation, let classIndex = Int(exactly: fields[0]) else {
                    items.append(ImportedItem(target: .file("", record: nil), annotations: [], origin: "\(file):\(number + 1): expected \"class cx cy w h [score]\", "
                                              + "\"class x1 y1 x2 y2 …\" (segmentation) or a pose line of kpt_shape"))
                    continue
                }
                let label = classIndex < names.count ? names[classIndex] : "class \(classIndex)"
                if let poseShape, fields.count == pose {
                    let points = (0..<poseShape.points).map { index -> Keypoint in
                        let base = 5 + index * poseShape.values
                        let visibility = poseShape.values == 3 ? Keypoint.Visibility(rawValue: Int(fields[base + 2])) ?? .visible : .visible
                        let unplaced = visibility == .unlabeled || (fields[base] == 0 && fields[base + 1] == 0)
                        return unplaced ? .unlabeled : Keypoint(x: fields[base], y: fields[base + 1], visibility: visibility)
                    }
                    annotations.append(ImportedAnnotation(geometry: .keypoints(skeleton: label, points, scale: .fraction), label: label, isSuggestion: false))
                } else if segmentation {
                    let points = stride(from: 1, to: fields.count, by: 2).map { ShapePoint(x: fields[$0], y: fields[$0 + 1]) }
                    annotations.append(ImportedAnnotation(geometry: .polygon(points, scale: .fraction), label: label, isSuggestion: false))
                } else {
                    annotations.append(ImportedAnnotation(geometry: .normalizedBox(centerX: fields[1], centerY: fields[2], width: fields[3], height: fields[4]),
                                                          label: label, score: fields.count == 6 ? fields[5] : nil, isSuggestion: fields.count == 6))
                }
            }
            // An empty label file is YOLO's way of saying "looked at, nothing here".
            let empty = lines.allSatisfy { $0.allSatisfy(\.isWhitespace) }
            items.append(ImportedItem(target: .file(stem + ".*", record: nil), annotations: annotations, origin: file, isTrueNegative: empty))
        }
        return items
    }

    /// Ultralytics' `kpt_shape: [points, 2 or 3]` of a pose dataset's `data.yaml`.
    static func yamlPoseShape(_ text: String) -> (points: Int, values: Int)? {
        guard let document = try? Yams.load(yaml: text) as? [String: Any], let shape = document["kpt_shape"] as? [Int], shape.count == 2,
              shape[0] > 0, shape[1] == 2 || shape[1] == 3 else { return nil }
        return (shape[0], shape[1])
    }

    /// The class names of a YOLO `data.yaml` (`names: [a, b]`, a `- a` list, or a `0: a` map),
    /// read by a real YAML parser (comments, quoting and flow style as YAML defines them).
    static func yamlNames(_ text: String) -> [String] {
        guard let document = try? Yams.load(yaml: text) as? [String: Any], let names = document["names"] else { return [] }
        if let list = names as? [Any] { return list.map { "\($0)" } }
        if let map = names as? [Int: Any] {
            return (0..<(map.keys.max().map { $0 + 1 } ?? 0)).map { map[$0].map { "\($0)" } ?? "class \($0)" }
        }
        if let map = names as? [AnyHashable: Any] {
            var byIndex: [Int: String] = [:]
            for (key, value) in map { if let index = Int("\(key)") { byIndex[index] = "\(value)" } }
            return (0..<(byIndex.keys.max().map { $0 + 1 } ?? 0)).map { byIndex[$0] ?? "class \($0)" }
        }
        return []
    }

    static func textFiles(under folder: String, fileSystem: any FileSystem, suffix: String = ".txt") -> [String] {
        guard let names = try? fileSystem.listDirectory(folder) else { return [] }
        var result: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = PathName.join(folder, name)
            if fileSystem.stamp(of: path)?.isDirectory == true {
                result += textFiles(under: path, fileSystem: fileSystem, suffix: suffix)
            } else if name.hasSuffix(suffix) {
                result.append(path)
            }
        }
        return result
    }

    // MARK: labelme

    /// A labelme JSON file, or a folder of them.
    static func labelme(_ path: String, fileSystem: any FileSystem) throws(InterchangeError) -> [ImportedItem] {
        let files = fileSystem.stamp(of: path)?.isDirectory == true ? textFiles(under: path, fileSystem: fileSystem, suffix: ".json") : [path]
        var items: [ImportedItem] = []
        for file in files {
            guard case .object(let top) = try readJSON(file, fileSystem: fileSystem), let imagePath = top["imagePath"]?.stringValue else {
                items.append(ImportedItem(target: .file("", record: nil), annotations: [], origin: "\(file): not a labelme file (no imagePath)"))
                continue
            }
            var annotations: [ImportedAnnotation] = []
            var unsupported: [String: Int] = [:]
            for case .object(let shape) in top["shapes"]?.arrayValue ?? [] {
                guard let label = shape["label"]?.stringValue else { continue }
                let type = shape["shape_type"]?.stringValue ?? "polygon"
                let points = (shape["points"]?.arrayValue ?? []).compactMap { point -> (Double, Double)? in
                    guard let pair = point.arrayValue, pair.count == 2, let x = pair[0].doubleValue, let y = pair[1].doubleValue else { return nil }
                    return (x, y)
                }
                // Kept with the shape, and written back by labelme export.
                var attributes: [String: JSONValue] = [:]
                if let group = shape["group_id"], group != .null { attributes["group_id"] = group }
                if let description = shape["description"], description != .null, description != .string("") { attributes["description"] = description }
                if let flags = shape["flags"], flags.objectValue?.members.isEmpty == false { attributes["flags"] = flags }
                let score = number(shape["score"])
                let vertices = points.map { ShapePoint(x: $0.0, y: $0.1) }
                switch type {
                case "rectangle" where points.count == 2: break
                case "polygon":
                    annotations.append(ImportedAnnotation(geometry: .polygon(vertices, scale: .pixels), label: label, score: score, isSuggestion: score != nil, attributes: attributes))
                    continue
                case "point" where points.count == 1:
                    // A named point of a skeleton; labelme's group_id tells instances apart.
                    let instance = shape["group_id"].flatMap { $0 == .null ? nil : String(decoding: JSONWriter.compact($0), as: UTF8.self) }
                    annotations.append(ImportedAnnotation(geometry: .namedPoint(name: label, vertices[0], scale: .pixels, instance: instance), label: label,
                                                          score: score, isSuggestion: score != nil))
                    continue
                case "mask" where points.count == 2:
                    guard let mask = labelmeMask(shape, corner: vertices[0], size: top) else {
                        items.append(ImportedItem(target: .file("", record: nil), annotations: [], origin: "\(file):\(shape.line): a mask whose picture cannot be read"))
                        continue
                    }
                    annotations.append(ImportedAnnotation(geometry: .mask(mask), label: label, score: score, isSuggestion: score != nil, attributes: attributes))
                    continue
                default:
                    unsupported[type == "linestrip" || type == "line" ? "open lines (\(type))" : "\(type) shapes", default: 0] += 1
                    continue
                }
                let x0 = min(points[0].0, points[1].0), x1 = max(points[0].0, points[1].0)
                let y0 = min(points[0].1, points[1].1), y1 = max(points[0].1, points[1].1)
                annotations.append(ImportedAnnotation(geometry: .box(x: x0, y: y0, width: x1 - x0, height: y1 - y0), label: label,
                                                      score: score, isSuggestion: score != nil, attributes: attributes))
            }
            for (flag, value) in top["flags"]?.objectValue?.members ?? [:] where value == .bool(true) {
                annotations.append(ImportedAnnotation(geometry: .classification, label: flag, isSuggestion: false))
            }
            // Where the path leads from the JSON's folder, else the path as written (labelme's
            // `../images/a.jpg` in a copy of the dataset elsewhere).
            let resolved = imagePath.hasPrefix("/") ? imagePath : PathName.absolute(imagePath.replacing("\\", with: "/"), from: PathName.parent(file))
            items.append(ImportedItem(target: .firstOf([.file(resolved, record: nil), .file(imagePath, record: nil)]), annotations: annotations, origin: file,
                                      unsupported: unsupported))
        }
        return items
    }

    /// A labelme mask: a base64 PNG of the box from `corner`, placed in a picture of the file's size.
    static func labelmeMask(_ shape: JSONObject, corner: ShapePoint, size top: JSONObject) -> MaskRLE? {
        guard let text = shape["mask"]?.stringValue, let bytes = Base64.decode(text), let width = top["imageWidth"]?.intValue,
              let height = top["imageHeight"]?.intValue, let picture = try? PNGBytes.decode(bytes, origin: "labelme mask") else { return nil }
        var bitmap = Bitmap(height: height, width: width)
        let left = Int(corner.x.rounded()), top = Int(corner.y.rounded())
        for y in 0..<picture.height {
            for x in 0..<picture.width {
                let pixel = picture.pixel(x, y)
                // labelme writes a one-bit (or grey) picture: any light, opaque pixel is on.
                let brightness: Int = Int(pixel.rgb.red) + Int(pixel.rgb.green) + Int(pixel.rgb.blue)
                if pixel.alpha >= 128 && brightness >= 3 * 128 { bitmap[left + x, top + y] = true }
            }
        }
        return MaskRLE(bitmap)
    }

    // MARK: Label Studio

    /// Label Studio tasks: annotations are human labels, predictions suggestions.
    static func labelStudio(_ path: String, fileSystem: any FileSystem) throws(InterchangeError) -> [ImportedItem] {
        // An export is an array of tasks; a single task object is read as one.
        let root = try readJSON(path, fileSystem: fileSystem)
        guard let tasks = root.arrayValue ?? (root.objectValue.map { [JSONValue.object($0)] }) else {
            throw InterchangeError("\(path): a Label Studio export is an array of tasks (or one task object)")
        }
        var items: [ImportedItem] = []
        for case .object(let task) in tasks {
            let data = task["data"]?.objectValue ?? JSONObject()
            let target: ImportTarget
            if let file = data["termlabel_file"]?.stringValue {
                target = .file(file, record: data["termlabel_record"]?.intValue)
            } else if let image = data["image"]?.stringValue {
                let path = stripLabelStudioPrefix(image)
                target = .firstOf([.file(path, record: nil)] + (withoutUploadPrefix(path).map { [.file($0, record: nil)] } ?? []))
            } else if let text = data["text"]?.stringValue {
                target = .text(text)
            } else {
                items.append(ImportedItem(target: .file("", record: nil), annotations: [], origin: "\(path):\(task.line): a task without image or text"))
                continue
            }
            var annotations: [ImportedAnnotation] = []
            var unsupported: [String: Int] = [:]
            func take(_ result: JSONObject, author: String?, score: Double?, suggestion: Bool) {
                let type = result["type"]?.stringValue ?? "results without a type"
                if type == "rectanglelabels", let rotation = number(result["value"]?.objectValue?["rotation"]), rotation != 0 {
                    // A rotated rectangle is a four-point polygon; its corners need the picture's size.
                    guard let corners = rotatedCorners(result) else {
                        unsupported["rotated rectangles without original_width and original_height", default: 0] += 1
                        return
                    }
                    annotations += (result["value"]?.objectValue?["rectanglelabels"]?.arrayValue ?? []).compactMap(\.stringValue).map {
                        ImportedAnnotation(geometry: .polygon(corners, scale: .pixels), label: $0, author: author, score: score, isSuggestion: suggestion)
                    }
                    return
                }
                if type == "brushlabels", result["value"]?.objectValue?["rle"] != nil, brushMask(result) == nil {
                    unsupported["brush strokes in an unreadable RLE", default: 0] += 1
                    return
                }
                guard ["rectanglelabels", "labels", "choices", "polygonlabels", "brushlabels", "keypointlabels"].contains(type) else {
                    unsupported[type == "relation" ? "relations" : type, default: 0] += 1
                    return
                }
                annotations += labelStudioResult(result, author: author, score: score, suggestion: suggestion)
            }
            for case .object(let annotation) in task["annotations"]?.arrayValue ?? [] where annotation["was_cancelled"] != .bool(true) {
                let author = authorName(annotation["completed_by"])
                for case .object(let result) in annotation["result"]?.arrayValue ?? [] { take(result, author: author, score: nil, suggestion: false) }
            }
            for case .object(let prediction) in task["predictions"]?.arrayValue ?? [] {
                let score = number(prediction["score"])
                let model = prediction["model_version"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                for case .object(let result) in prediction["result"]?.arrayValue ?? [] {
                    let before = annotations.count
                    take(result, author: nil, score: number(result["score"]) ?? score, suggestion: true)
                    for index in before..<annotations.count { annotations[index].source = model }
                }
            }
            items.append(ImportedItem(target: target, annotations: annotations, origin: "\(path): task \(task["id"]?.intValue.map(String.init) ?? "?")",
                                      unsupported: unsupported))
        }
        return items
    }

    /// The corners of a rotated Label Studio rectangle in pixels: it turns clockwise by
    /// `rotation` degrees around its top-left corner, in pixels (the percentages differ per axis).
    static func rotatedCorners(_ result: JSONObject) -> [ShapePoint]? {
        guard let value = result["value"]?.objectValue, let width = number(result["original_width"]), let height = number(result["original_height"]),
              let x = number(value["x"]), let y = number(value["y"]), let w = number(value["width"]), let h = number(value["height"]),
              let degrees = number(value["rotation"]) else { return nil }
        let left = x * width / 100, top = y * height / 100, across = w * width / 100, down = h * height / 100
        let angle = degrees * Double.pi / 180
        let cosine = cos(angle), sine = sin(angle)
        return [(0.0, 0.0), (across, 0), (across, down), (0, down)].map { dx, dy in
            ShapePoint(x: left + dx * cosine - dy * sine, y: top + dx * sine + dy * cosine)
        }
    }

    /// The mask of a Label Studio brush result (its own RLE of the RGBA picture).
    static func brushMask(_ result: JSONObject) -> MaskRLE? {
        guard let value = result["value"]?.objectValue, let width = result["original_width"]?.intValue, let height = result["original_height"]?.intValue,
              let numbers = value["rle"]?.arrayValue?.compactMap(\.intValue), let bitmap = LabelStudioBrush.bitmap(numbers.map { UInt8(truncatingIfNeeded: $0) }, width: width, height: height)
        else { return nil }
        return MaskRLE(bitmap)
    }

    static func stripLabelStudioPrefix(_ image: String) -> String {
        if let range = image.firstRange(of: "?d=") { return String(image[range.upperBound...]) }
        return image
    }

    /// Label Studio renames uploaded files `/data/upload/1/3f2a9c1e-cat.png`; the original name is after the dash.
    static func withoutUploadPrefix(_ path: String) -> String? {
        let name = Array(PathName.baseName(path).utf8)
        guard name.count > 9, name[8] == UInt8(ascii: "-"),
              name[0..<8].allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        return String(decoding: name[9...], as: UTF8.self)
    }

    static func authorName(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let name)?: return name
        case .number(let id)?: return "labelstudio-user-\(id)"
        case .object(let user)?: return user["email"]?.stringValue ?? user["id"]?.intValue.map { "labelstudio-user-\($0)" }
        default: return nil
        }
    }

    static func labelStudioResult(_ result: JSONObject, author: String?, score: Double?, suggestion: Bool) -> [ImportedAnnotation] {
        guard let value = result["value"]?.objectValue else { return [] }
        switch result["type"]?.stringValue {
        case "rectanglelabels":
            guard let x = number(value["x"]), let y = number(value["y"]), let width = number(value["width"]), let height = number(value["height"]) else { return [] }
            return (value["rectanglelabels"]?.arrayValue ?? []).compactMap(\.stringValue).map {
                ImportedAnnotation(geometry: .percentBox(x: x, y: y, width: width, height: height), label: $0, author: author, score: score, isSuggestion: suggestion)
            }
        case "labels":
            guard let start = value["start"]?.intValue, let end = value["end"]?.intValue else { return [] }
            return (value["labels"]?.arrayValue ?? []).compactMap(\.stringValue).map {
                ImportedAnnotation(geometry: .span(start: start, end: end, text: value["text"]?.stringValue), label: $0, author: author,
                                   score: score, isSuggestion: suggestion)
            }
        case "choices":
            return (value["choices"]?.arrayValue ?? []).compactMap(\.stringValue).map {
                ImportedAnnotation(geometry: .classification, label: $0, author: author, score: score, isSuggestion: suggestion)
            }
        case "polygonlabels":
            let points = (value["points"]?.arrayValue ?? []).compactMap { pair -> ShapePoint? in
                guard let numbers = pair.arrayValue?.compactMap(\.doubleValue), numbers.count == 2 else { return nil }
                return ShapePoint(x: numbers[0], y: numbers[1])
            }
            return (value["polygonlabels"]?.arrayValue ?? []).compactMap(\.stringValue).map {
                ImportedAnnotation(geometry: .polygon(points, scale: .percent), label: $0, author: author, score: score, isSuggestion: suggestion)
            }
        case "brushlabels":
            guard let mask = brushMask(result) else { return [] }
            return (value["brushlabels"]?.arrayValue ?? []).compactMap(\.stringValue).map {
                ImportedAnnotation(geometry: .mask(mask), label: $0, author: author, score: score, isSuggestion: suggestion)
            }
        case "keypointlabels":
            guard let x = number(value["x"]), let y = number(value["y"]) else { return [] }
            // One named point; the points of one annotation are gathered into a skeleton's instance.
            return (value["keypointlabels"]?.arrayValue ?? []).compactMap(\.stringValue).map {
                ImportedAnnotation(geometry: .namedPoint(name: $0, ShapePoint(x: x, y: y), scale: .percent), label: $0, author: author, score: score, isSuggestion: suggestion)
            }
        default:
            return []
        }
    }

    // MARK: spaCy JSONL

    /// spaCy / Prodigy JSONL: spans with a `score` (or all, with `asSuggestions`) are suggestions.
    static func spacy(_ path: String, fileSystem: any FileSystem) throws(InterchangeError) -> [ImportedItem] {
        let bytes: [UInt8]
        do { bytes = try fileSystem.readFile(path) } catch { throw InterchangeError(error.description) }
        var items: [ImportedItem] = []
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) {
            let value: JSONValue
            do { value = try JSONParser.parse(Array(line)) } catch {
                items.append(ImportedItem(target: .file("", record: nil), annotations: [], origin: "\(path):\(number + 1): not valid JSON: \(error.message)"))
                continue
            }
            guard let object = value.objectValue, let text = object["text"]?.stringValue else {
                items.append(ImportedItem(target: .file("", record: nil), annotations: [], origin: "\(path):\(number + 1): no \"text\""))
                continue
            }
            // Prodigy's answers: a rejected or ignored example holds no labels; in an accepted
            // one, a person reviewed the spans, so they are accepted labels (their model score
            // kept), and a span of its own answered "reject" is left out.
            let answer = object["answer"]?.stringValue
            if answer == "reject" || answer == "ignore" { continue }
            var annotations: [ImportedAnnotation] = []
            let scalars = Array(text.unicodeScalars)
            func span(_ start: Int?, _ end: Int?, _ label: String?, score: Double?) {
                guard let start, let end, let label, start >= 0, end <= scalars.count, start < end else { return }
                let covered = String(String.UnicodeScalarView(scalars[start..<end]))
                let reviewed = answer == "accept"
                annotations.append(ImportedAnnotation(geometry: .span(start: start, end: end, text: covered), label: label, score: reviewed ? nil : score,
                                                      isSuggestion: !reviewed && score != nil, acceptedScore: reviewed ? score : nil))
            }
            for case .object(let entry) in object["spans"]?.arrayValue ?? [] where entry["answer"]?.stringValue != "reject" {
                span(entry["start"]?.intValue, entry["end"]?.intValue, entry["label"]?.stringValue, score: self.number(entry["score"]))
            }
            // doccano: `label` as [[start, end, "L"], …] (spans) or ["A", …] (classes); `entities`.
            for entry in object["label"]?.arrayValue ?? [] {
                if let triple = entry.arrayValue, triple.count == 3 {
                    span(triple[0].intValue, triple[1].intValue, triple[2].stringValue, score: nil)
                } else if let name = entry.stringValue {
                    annotations.append(ImportedAnnotation(geometry: .classification, label: name, isSuggestion: false))
                }
            }
            for entry in object["entities"]?.arrayValue ?? [] {
                if let fields = entry.objectValue {
                    span(fields["start_offset"]?.intValue, fields["end_offset"]?.intValue, fields["label"]?.stringValue, score: nil)
                } else if let triple = entry.arrayValue, triple.count == 3 {
                    span(triple[0].intValue, triple[1].intValue, triple[2].stringValue, score: nil)
                }
            }
            // Prodigy binary text classification: `label` with the answer; choice: `options` and `accept`.
            if let label = object["label"]?.stringValue, answer == "accept" {
                annotations.append(ImportedAnnotation(geometry: .classification, label: label, isSuggestion: false))
            }
            if let chosen = object["accept"]?.arrayValue, answer == nil || answer == "accept" {
                let options = (object["options"]?.arrayValue ?? []).compactMap(\.objectValue)
                for choice in chosen {
                    let option = options.first { $0["id"] == choice }
                    if let name = option?["text"]?.stringValue ?? choice.stringValue ?? option?["id"]?.stringValue {
                        annotations.append(ImportedAnnotation(geometry: .classification, label: name, isSuggestion: false))
                    }
                }
            }
            for (category, weight) in object["cats"]?.objectValue?.members ?? [:] where (weight.doubleValue ?? 0) >= 0.5 {
                annotations.append(ImportedAnnotation(geometry: .classification, label: category, isSuggestion: false))
            }
            let meta = object["meta"]?.objectValue
            let target: ImportTarget = meta?["file"]?.stringValue.map { .file($0, record: meta?["record"]?.intValue) } ?? .text(text)
            items.append(ImportedItem(target: target, annotations: annotations, origin: "\(path):\(number + 1)"))
        }
        return items
    }

    // MARK: brat

    /// brat standoff: `.ann` files (and the `.txt` beside each) in a folder, or one `.ann`.
    static func brat(_ path: String, fileSystem: any FileSystem) throws(InterchangeError) -> [ImportedItem] {
        let isFolder = fileSystem.stamp(of: path)?.isDirectory == true
        let files = isFolder ? textFiles(under: path, fileSystem: fileSystem, suffix: ".ann") : [path]
        var items: [ImportedItem] = []
        for file in files {
            guard let bytes = try? fileSystem.readFile(file) else { continue }
            // The .ann's path inside the export folder is the data file's path in the dataset.
            let stem = isFolder ? String(PathName.relative(file, to: path).dropLast(4)) : PathName.baseName(String(file.dropLast(4)))
            var annotations: [ImportedAnnotation] = []
            var entities: [String: Int] = [:]
            var unsupported: [String: Int] = [:]
            for (number, line) in TextLines.split(bytes).enumerated() {
                let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
                guard fields.count >= 2 else { continue }
                // brat's other annotation kinds: counted, since termlabel holds entities only.
                let bratKinds: [Character: String] = ["R": "relations", "E": "events", "A": "attributes", "M": "attributes",
                                                      "N": "normalizations", "*": "equivalences"]
                if let first = line.first, let kind = bratKinds[first] {
                    unsupported[kind, default: 0] += 1
                    continue
                }
                if line.hasPrefix("#"), !fields[1].hasPrefix("AnnotatorNotes") || fields.count < 3 || !fields[2].hasPrefix("suggested") {
                    unsupported["notes", default: 0] += 1
                    continue
                }
                if line.hasPrefix("#") {
                    // termlabel marks suggestions in a note: "#1<TAB>AnnotatorNotes T1<TAB>suggested, score 0.8".
                    let target = fields[1].split(separator: " ")
                    guard target.count == 2, target[0] == "AnnotatorNotes", let index = entities[String(target[1])], fields.count == 3,
                          fields[2].hasPrefix("suggested") else { continue }
                    annotations[index].isSuggestion = true
                    annotations[index].score = fields[2].split(separator: " ").last.flatMap { Double($0) }
                    continue
                }
                guard line.hasPrefix("T") else { continue }
                let parts = fields[1].split(separator: " ")
                guard parts.count == 3, let start = Int(parts[1]), let end = Int(parts[2]) else {
                    items.append(ImportedItem(target: .file("", record: nil), annotations: [],
                                              origin: "\(file):\(number + 1): only continuous entities (TYPE START END) are imported"))
                    continue
                }
                let covered = fields.count == 3 ? String(fields[2]) : nil
                entities[String(fields[0])] = annotations.count
                annotations.append(ImportedAnnotation(geometry: .span(start: start, end: end, text: covered), label: String(parts[0]), isSuggestion: false))
            }
            // Records were exported as NAME-R.txt; a file named so may also be a data file itself.
            let base = PathName.baseName(stem)
            let whole = ImportTarget.file(stem + ".*", record: nil)
            if let dash = base.lastIndex(of: "-"), let record = Int(base[base.index(after: dash)...]), record >= 1 {
                let parent = PathName.parent(stem)
                let name = parent == "." ? String(base[..<dash]) : PathName.join(parent, String(base[..<dash]))
                items.append(ImportedItem(target: .firstOf([.file(name + ".*", record: record - 1), whole]), annotations: annotations, origin: file,
                                          unsupported: unsupported))
            } else {
                items.append(ImportedItem(target: whole, annotations: annotations, origin: file, unsupported: unsupported))
            }
        }
        return items
    }
}

extension String {
    /// The text without spaces, tabs and carriage returns at either end.
    var trimmingBlanks: String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" || first == "\r" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return String(text)
    }
}

