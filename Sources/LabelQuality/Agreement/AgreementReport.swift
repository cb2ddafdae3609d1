import LabelCore

/// What `termlabel agree` is asked for.
public struct AgreementOptions: Sendable {
    /// The annotators to compare (nil: everyone who rated something).
    public var annotators: [String]?
    /// The annotator whose labels are the gold standard, if any.
    public var gold: String?
    /// The IoU at which two boxes match.
    public var iou: Double
    /// Whether an item may hold several classes (each label is then a yes/no rating too).
    public var multiLabel: Bool

    /// Options with the given values.
    public init(annotators: [String]? = nil, gold: String? = nil, iou: Double = 0.5, multiLabel: Bool = false) {
        self.annotators = annotators
        self.gold = gold
        self.iou = iou
        self.multiLabel = multiLabel
    }
}

/// Agreement between annotators and against a gold standard (DESIGN §9): the figures, as
/// `agree --json` prints them and as readable tables.
public struct AgreementReport: Sendable {
    public let annotators: [String]
    public let json: JSONValue
    public let table: String
    /// One line per kind for `termlabel stats`, when two or more annotators rated the same items.
    public let summary: [String]

    /// The report over `data`.
    public init(_ data: AgreementData, options: AgreementOptions) {
        let everyone = options.annotators ?? data.annotators
        annotators = everyone.filter { $0 != options.gold }
        var top = FigureObject()
        top.set("annotators", .array(annotators.map(JSONValue.string)))
        var lines: [String] = ["annotators: " + (annotators.isEmpty ? "none" : annotators.joined(separator: ", "))]
        var summary: [String] = []
        if annotators.count < 2 && options.gold == nil {
            lines.append("agreement needs two or more annotators who rated the same items; found \(annotators.count)")
        }
        if data.hasClasses && annotators.count >= 2 {
            let (json, text, line) = AgreementReport.classes(data, annotators, multiLabel: options.multiLabel)
            top.set("classes", json)
            lines += [""] + text
            summary += line.map { [$0] } ?? []
        }
        if data.hasSpans && annotators.count >= 2 {
            let (json, text, line) = AgreementReport.spans(data, annotators)
            top.set("spans", json)
            lines += [""] + text
            summary += line.map { [$0] } ?? []
        }
        if data.hasBoxes && annotators.count >= 2 {
            let (json, text, line) = AgreementReport.boxes(data, annotators, iou: options.iou)
            top.set("boxes", json)
            lines += [""] + text
            summary += line.map { [$0] } ?? []
        }
        if data.hasShapes && annotators.count >= 2 {
            let (json, text, line) = AgreementReport.shapes(data, annotators, iou: options.iou)
            top.set("shapes", json)
            lines += [""] + text
            summary += line.map { [$0] } ?? []
        }
        if let gold = options.gold {
            let (json, text) = AgreementReport.gold(data, gold: gold, annotators: annotators, iou: options.iou)
            top.set("gold", json)
            lines += [""] + text
        }
        json = top.json
        table = lines.joined(separator: "\n")
        self.summary = summary
    }

    // MARK: Classes

    /// The category an annotator gave an item: its class, the classes joined by `+`, or `none`.
    static func category(_ rating: ItemRating) -> String {
        rating.classes.isEmpty ? "none" : Set(rating.classes).sorted().joined(separator: "+")
    }

    static func classRatings(_ data: AgreementData, _ annotators: [String], category: (ItemRating) -> String) -> NominalRatings {
        NominalRatings(items: data.items.map { item in
            var unit: [String: String] = [:]
            for name in annotators { if let rating = item.ratings[name], rating.ratedClasses { unit[name] = category(rating) } }
            return unit
        })
    }

    static func nominalFigures(_ ratings: NominalRatings, _ annotators: [String]) -> (FigureObject, [String]) {
        var object = FigureObject()
        let pairable = ratings.pairableItems.count
        object.set("items", .int(pairable))
        object["percent_agreement"] = ratings.percentAgreement
        object["krippendorff_alpha"] = ratings.krippendorffAlpha
        let fleiss = ratings.fleissKappa(raters: annotators)
        object["fleiss_kappa"] = fleiss.kappa
        object.set("fleiss_items", .int(fleiss.items))
        var pairs: [JSONValue] = []
        var text = [
            "  items rated by two or more   \(pairable)",
            "  percent agreement            \(ratings.percentAgreement.described)",
            "  Krippendorff's alpha         \(ratings.krippendorffAlpha.described)",
            "  Fleiss' kappa                \(fleiss.kappa.described)  (\(fleiss.items) item\(fleiss.items == 1 ? "" : "s") rated by all)",
        ]
        for (a, b) in pairsOf(annotators) {
            let cohen = ratings.cohen(a, b)
            var pair = FigureObject()
            pair.set("a", .string(a))
            pair.set("b", .string(b))
            pair.set("items", .int(cohen.items))
            pair["agreement"] = cohen.agreement
            pair["cohen_kappa"] = cohen.kappa
            pairs.append(pair.json)
            text.append("  \(a) / \(b): \(cohen.items) item\(cohen.items == 1 ? "" : "s"), agreement \(cohen.agreement.described), Cohen's kappa \(cohen.kappa.described)")
        }
        object.set("pairs", .array(pairs))
        return (object, text)
    }

    static func classes(_ data: AgreementData, _ annotators: [String], multiLabel: Bool) -> (JSONValue, [String], String?) {
        let ratings = classRatings(data, annotators, category: category)
        var (object, text) = nominalFigures(ratings, annotators)
        let items = ratings.pairableItems.count
        let line = items == 0 ? nil : "classes  Krippendorff's alpha \(ratings.krippendorffAlpha.described), percent agreement \(ratings.percentAgreement.described) "
            + "over \(items) item\(items == 1 ? "" : "s") rated by two or more"
        text.insert("classes" + (multiLabel ? " (the set of classes of each item)" : ""), at: 0)
        var labels: [String: JSONValue] = [:]
        if multiLabel {
            let names = Set(data.items.flatMap { $0.ratings.values.flatMap(\.classes) }).sorted()
            for name in names {
                let (figures, lines) = nominalFigures(classRatings(data, annotators) { $0.classes.contains(name) ? "yes" : "no" }, annotators)
                labels[name] = figures.json
                text += ["", "classes: \(name) (yes or no)"] + lines
            }
        }
        object.set("labels", .object(JSONObject(labels)))
        return (object.json, text, line)
    }

    // MARK: Spans and boxes

    static func pairsOf(_ annotators: [String]) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for (index, a) in annotators.enumerated() { for b in annotators[(index + 1)...] { pairs.append((a, b)) } }
        return pairs
    }

    /// Two annotators' span counts over the items both rated, overall and per label, in one walk.
    static func spanCounts(_ data: AgreementData, _ a: String, _ b: String) -> (total: PairCounts, byLabel: [String: PairCounts]) {
        var total = PairCounts()
        var byLabel: [String: PairCounts] = [:]
        for item in data.items where item.kind == .text {
            guard let left = item.ratings[a], let right = item.ratings[b], left.ratedSpans, right.ratedSpans else { continue }
            let mine = Array(zip(left.spans, left.spanLabels)), theirs = Array(zip(right.spans, right.spanLabels))
            total.add(PairComparison.spans(mine, theirs))
            for label in Set(left.spanLabels + right.spanLabels) { byLabel[label, default: PairCounts()].add(PairComparison.spans(mine, theirs, label: label)) }
        }
        return (total, byLabel)
    }

    static func spans(_ data: AgreementData, _ annotators: [String]) -> (JSONValue, [String], String?) {
        var pairs: [JSONValue] = []
        var text = ["spans"]
        var total = PairCounts(), rated = 0
        for (a, b) in pairsOf(annotators) {
            let (counts, byLabel) = spanCounts(data, a, b)
            if counts.items > 0 { total.add(counts); rated += 1 }
            var pair = FigureObject()
            pair.set("a", .string(a))
            pair.set("b", .string(b))
            pair.set("items", .int(counts.items))
            pair["f1_exact"] = counts.f1(counts.matched, "span")
            pair["f1_overlap"] = counts.f1(counts.overlapping, "span")
            text.append("  \(a) / \(b): \(counts.items) item\(counts.items == 1 ? "" : "s"), \(counts.countA) and \(counts.countB) spans, "
                        + "F1 exact \(counts.f1(counts.matched, "span").described), overlap \(counts.f1(counts.overlapping, "span").described)")
            var perLabel: [String: JSONValue] = [:]
            for (label, labelCounts) in byLabel.sorted(by: { $0.key < $1.key }) {
                guard labelCounts.countA + labelCounts.countB > 0 else { continue }
                var figures = FigureObject()
                figures["f1_exact"] = labelCounts.f1(labelCounts.matched, "span")
                figures["f1_overlap"] = labelCounts.f1(labelCounts.overlapping, "span")
                perLabel[label] = figures.json
                text.append("    \(label): F1 exact \(labelCounts.f1(labelCounts.matched, "span").described), overlap \(labelCounts.f1(labelCounts.overlapping, "span").described)")
            }
            pair.set("labels", .object(JSONObject(perLabel)))
            pairs.append(pair.json)
        }
        let line = rated == 0 ? nil : "spans    F1 exact \(total.f1(total.matched, "span").described), overlap \(total.f1(total.overlapping, "span").described) "
            + "over \(rated) pair\(rated == 1 ? "" : "s") of annotators"
        return (.object(JSONObject(["pairs": .array(pairs)])), text, line)
    }

    static func boxCounts(_ data: AgreementData, _ a: String, _ b: String, iou: Double) -> PairCounts {
        var total = PairCounts()
        for item in data.items where item.kind == .image {
            guard let left = item.ratings[a], let right = item.ratings[b], left.ratedBoxes, right.ratedBoxes else { continue }
            total.add(PairComparison.boxes(Array(zip(left.boxes, left.boxLabels)), Array(zip(right.boxes, right.boxLabels)), threshold: iou))
        }
        return total
    }

    static func shapeCounts(_ data: AgreementData, _ a: String, _ b: String, iou: Double) -> PairCounts {
        var total = PairCounts()
        for item in data.items where item.kind == .image {
            guard let left = item.ratings[a], let right = item.ratings[b], left.ratedShapes, right.ratedShapes else { continue }
            total.add(PairComparison.shapes(left.shapes, right.shapes, threshold: iou))
        }
        return total
    }

    static func boxes(_ data: AgreementData, _ annotators: [String], iou: Double) -> (JSONValue, [String], String?) {
        matchedKind(annotators, iou: iou, title: "boxes (matched one to one at IoU ≥ \(iou))", what: "box", heading: "boxes   ", measure: "IoU") { a, b in
            boxCounts(data, a, b, iou: iou)
        }
    }

    static func shapes(_ data: AgreementData, _ annotators: [String], iou: Double) -> (JSONValue, [String], String?) {
        matchedKind(annotators, iou: iou, title: "shapes (polygons and masks matched one to one at pixel IoU ≥ \(iou), keypoints at OKS ≥ \(iou))",
                    what: "shape", heading: "shapes  ", measure: "IoU/OKS") { a, b in shapeCounts(data, a, b, iou: iou) }
    }

    /// Pairwise F1 and mean similarity of a kind matched one to one (boxes, shapes).
    static func matchedKind(_ annotators: [String], iou: Double, title: String, what: String, heading: String, measure: String,
                            counts countsOf: (String, String) -> PairCounts) -> (JSONValue, [String], String?) {
        var pairs: [JSONValue] = []
        var text = [title]
        var total = PairCounts(), rated = 0
        let none = "no \(what) was matched"
        for (a, b) in pairsOf(annotators) {
            let counts = countsOf(a, b)
            if counts.items > 0 { total.add(counts); rated += 1 }
            var pair = FigureObject()
            pair.set("a", .string(a))
            pair.set("b", .string(b))
            pair.set("items", .int(counts.items))
            let f1 = counts.f1(counts.matched, what), anyLabel = counts.f1(counts.matchedAnyLabel, what)
            let meanIoU = Figure.ratio(counts.iouSum, Double(counts.matched), otherwise: none)
            pair["f1"] = f1
            pair["mean_iou"] = meanIoU
            pair.set("matched", .int(counts.matched))
            pair.set("only_a", .int(counts.countA - counts.matched))
            pair.set("only_b", .int(counts.countB - counts.matched))
            pair["f1_any_label"] = anyLabel
            pairs.append(pair.json)
            text.append("  \(a) / \(b): \(counts.items) item\(counts.items == 1 ? "" : "s"), F1 \(f1.described), mean \(measure) \(meanIoU.described), "
                        + "matched \(counts.matched), only \(a) \(counts.countA - counts.matched), only \(b) \(counts.countB - counts.matched), F1 any label \(anyLabel.described)")
        }
        let line = rated == 0 ? nil : "\(heading) F1 \(total.f1(total.matched, what).described) at \(measure) ≥ \(iou), mean \(measure) "
            + "\(Figure.ratio(total.iouSum, Double(total.matched), otherwise: none).described) over \(rated) pair\(rated == 1 ? "" : "s") of annotators"
        return (.object(JSONObject(["iou": .double(iou), "pairs": .array(pairs)])), text, line)
    }

    // MARK: Gold

    static func gold(_ data: AgreementData, gold: String, annotators: [String], iou: Double) -> (JSONValue, [String]) {
        var entries: [JSONValue] = []
        var text = ["against the gold standard \(gold)"]
        if !data.annotators.contains(gold) { text.append("  \(gold) rated nothing") }
        for name in annotators {
            var entry = FigureObject()
            entry.set("name", .string(name))
            var line = "  \(name):"
            if data.hasClasses {
                let ratings = classRatings(data, [name, gold], category: category)
                let cohen = ratings.cohen(name, gold)
                var classes = FigureObject()
                classes.set("items", .int(cohen.items))
                classes["accuracy"] = cohen.agreement
                classes["cohen_kappa"] = cohen.kappa
                entry.set("classes", classes.json)
                line += " classes \(cohen.items) item\(cohen.items == 1 ? "" : "s"), accuracy \(cohen.agreement.described), Cohen's kappa \(cohen.kappa.described);"
            }
            func scores(_ counts: PairCounts, _ what: String) -> (FigureObject, String) {
                let reason = counts.items == 0 ? "no item rated by both" : "no \(what) on the items both rated"
                let precision = Figure.ratio(Double(counts.matched), Double(counts.countA), otherwise: reason)
                let recall = Figure.ratio(Double(counts.matched), Double(counts.countB), otherwise: reason)
                let f1 = counts.f1(counts.matched, what)
                var object = FigureObject()
                object.set("items", .int(counts.items))
                object["precision"] = precision
                object["recall"] = recall
                object["f1"] = f1
                return (object, " \(what)s precision \(precision.described), recall \(recall.described), F1 \(f1.described);")
            }
            if data.hasSpans {
                let (object, words) = scores(spanCounts(data, name, gold).total, "span")
                entry.set("spans", object.json)
                line += words
            }
            if data.hasBoxes {
                let (object, words) = scores(boxCounts(data, name, gold, iou: iou), "box")
                entry.set("boxes", object.json)
                line += words
            }
            if data.hasShapes {
                let (object, words) = scores(shapeCounts(data, name, gold, iou: iou), "shape")
                entry.set("shapes", object.json)
                line += words
            }
            entries.append(entry.json)
            text.append(String(line.dropLast(line.hasSuffix(";") ? 1 : 0)))
        }
        return (.object(JSONObject(["name": .string(gold), "annotators": .array(entries)])), text)
    }
}

extension Figure {
    /// Three decimals, or `–` and why.
    var described: String {
        switch self {
        case .value: return text
        case .undefined(let reason): return "– (\(reason))"
        }
    }
}
