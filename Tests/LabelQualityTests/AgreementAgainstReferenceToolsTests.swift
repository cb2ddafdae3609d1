import LabelCore
import LabelQuality
import TestSupport
import Testing

/// Our figures against the real implementations on random data (CI installs them): statsmodels
/// `fleiss_kappa`, scikit-learn `cohen_kappa_score`, `krippendorff.alpha` on 200 rating sets with
/// missing ratings; box matching against scipy's `linear_sum_assignment` on pycocotools' IoU; span
/// F1 against a direct computation. Equal to 1e-9.
@Suite struct AgreementAgainstReferenceToolsTests {
    static let toolsPresent = RequiredTools.python("statsmodels") && RequiredTools.python("sklearn")
        && RequiredTools.python("krippendorff") && RequiredTools.python("scipy") && RequiredTools.python("pycocotools")

    static func number(_ figure: Figure) -> JSONValue { figure.number.map(JSONValue.double) ?? .null }

    @Test(.enabled(if: toolsPresent))
    func nominalFiguresEqualStatsmodelsScikitLearnAndKrippendorff() throws {
        var random = SeededRandom(seed: 16)
        var sets: [JSONValue] = []
        for _ in 0..<200 {
            let raters = (0..<Int.random(in: 2...5, using: &random)).map { "r\($0)" }
            let categories = (0..<Int.random(in: 2...4, using: &random)).map { "c\($0)" }
            let missing = Double.random(in: 0...0.3, using: &random)
            let items: [[String: String]] = (0..<Int.random(in: 5...30, using: &random)).map { _ in
                var unit: [String: String] = [:]
                for rater in raters where Double.random(in: 0..<1, using: &random) >= missing {
                    unit[rater] = categories[Int.random(in: 0..<categories.count, using: &random)]
                }
                return unit
            }
            let ratings = NominalRatings(items: items)
            let fleiss = ratings.fleissKappa(raters: raters)
            var pairs: [JSONValue] = []
            for (index, a) in raters.enumerated() {
                for b in raters[(index + 1)...] { pairs.append(.array([.string(a), .string(b), Self.number(ratings.cohen(a, b).kappa)])) }
            }
            sets.append(.object(JSONObject([
                "raters": .array(raters.map(JSONValue.string)),
                "items": .array(items.map { unit in .array(raters.map { unit[$0].map(JSONValue.string) ?? .null }) }),
                "alpha": Self.number(ratings.krippendorffAlpha), "fleiss": Self.number(fleiss.kappa), "fleiss_items": .int(fleiss.items),
                "pairs": .array(pairs),
            ])))
        }
        let folder = TemporaryDirectory()
        let path = folder.write("sets.json", bytes: JSONWriter.prettyPrinted(.array(sets)))
        let printed = try PythonScript.run("""
        import json, math, sys, warnings
        warnings.simplefilter("ignore")
        import numpy as np, krippendorff
        from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa
        from sklearn.metrics import cohen_kappa_score
        def same(ours, theirs):
            if ours is None: return theirs is None or math.isnan(theirs)
            return theirs is not None and abs(ours - theirs) <= 1e-9
        checked, wrong = 0, []
        for number, s in enumerate(json.load(open(sys.argv[1]))):
            raters, items = s["raters"], s["items"]
            codes = sorted({v for row in items for v in row if v is not None})
            data = [[codes.index(row[r]) if row[r] is not None else np.nan for row in items] for r in range(len(raters))]
            pairable = [row for row in items if sum(v is not None for v in row) >= 2]
            try: alpha = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal") if pairable else None
            except ValueError: alpha = None
            complete = [[codes.index(v) for v in row] for row in items if all(v is not None for v in row)]
            fleiss = fleiss_kappa(aggregate_raters(np.array(complete), n_cat=len(codes))[0]) if complete else None
            checks = [("alpha", s["alpha"], alpha), ("fleiss", s["fleiss"], fleiss), ("fleiss_items", s["fleiss_items"], len(complete))]
            for a, b, kappa in s["pairs"]:
                i, j = raters.index(a), raters.index(b)
                both = [(row[i], row[j]) for row in items if row[i] is not None and row[j] is not None]
                theirs = cohen_kappa_score([x for x, _ in both], [y for _, y in both]) if both else None
                checks.append((f"cohen {a}/{b}", kappa, theirs))
            for name, ours, theirs in checks:
                checked += 1
                if not same(ours, theirs): wrong.append((number, name, ours, theirs))
        print(checked, wrong[:5])
        """, [path])
        let fields = printed.split(separator: " ", maxSplits: 1)
        #expect((Int(fields.first ?? "") ?? 0) > 1000 && fields.last == "[]\n", "\(printed)")
    }

    @Test(.enabled(if: toolsPresent))
    func boxMatchingEqualsScipyAndSpanF1EqualsADirectCount() throws {
        var random = SeededRandom(seed: 19)
        var cases: [JSONValue] = []
        let labels = ["cat", "dog"]
        func box() -> (ExactBox, String) {
            let x = Double.random(in: 0..<80, using: &random), y = Double.random(in: 0..<60, using: &random)
            return (ExactBox(x: x, y: y, width: Double.random(in: 1..<30, using: &random), height: Double.random(in: 1..<30, using: &random)),
                    labels[Int.random(in: 0..<2, using: &random)])
        }
        func span() -> (SpanRange, String) {
            let start = Int.random(in: 0..<40, using: &random)
            return (SpanRange(start: start, end: start + Int.random(in: 1..<8, using: &random), text: ""), labels[Int.random(in: 0..<2, using: &random)])
        }
        for _ in 0..<200 {
            let a = (0..<Int.random(in: 0...8, using: &random)).map { _ in box() }
            // Some of b are a's boxes moved a little, so there is something to match.
            var b = (0..<Int.random(in: 0...8, using: &random)).map { _ in box() }
            for (edges, label) in a where Bool.random(using: &random) {
                b.append((ExactBox(x: edges.x + Double.random(in: -3...3, using: &random), y: edges.y + Double.random(in: -3...3, using: &random),
                                   width: edges.width, height: edges.height), Bool.random(using: &random) ? label : "dog"))
            }
            let threshold = [0.3, 0.5, 0.75][Int.random(in: 0..<3, using: &random)]
            let boxes = PairComparison.boxes(a, b, threshold: threshold)
            let spansA = (0..<Int.random(in: 0...6, using: &random)).map { _ in span() }
            let spansB = (0..<Int.random(in: 0...6, using: &random)).map { _ in span() } + spansA.filter { _ in Bool.random(using: &random) }
            let spans = PairComparison.spans(spansA, spansB)
            func boxJSON(_ list: [(ExactBox, String)]) -> JSONValue {
                .array(list.map { .array([.double($0.0.x), .double($0.0.y), .double($0.0.width), .double($0.0.height), .string($0.1)]) })
            }
            func spanJSON(_ list: [(SpanRange, String)]) -> JSONValue { .array(list.map { .array([.int($0.0.start), .int($0.0.end), .string($0.1)]) }) }
            cases.append(.object(JSONObject([
                "a": boxJSON(a), "b": boxJSON(b), "iou": .double(threshold),
                "matched": .int(boxes.matched), "iou_sum": .double(boxes.iouSum), "any": .int(boxes.matchedAnyLabel),
                "sa": spanJSON(spansA), "sb": spanJSON(spansB), "exact": .int(spans.matched), "overlap": .int(spans.overlapping),
            ])))
        }
        let folder = TemporaryDirectory()
        let path = folder.write("cases.json", bytes: JSONWriter.prettyPrinted(.array(cases)))
        let printed = try PythonScript.run("""
        import json, sys
        from collections import Counter
        import numpy as np
        from pycocotools import mask
        from scipy.optimize import linear_sum_assignment
        def match(a, b, threshold, labelled):
            if not a or not b: return 0, 0.0
            iou = mask.iou([x[:4] for x in a], [x[:4] for x in b], [0] * len(b))
            valid = (iou >= threshold) & (np.array([[x[4] == y[4] or not labelled for y in b] for x in a]))
            rows, cols = linear_sum_assignment(np.where(valid, iou, 0.0), maximize=True)
            pairs = [(r, c) for r, c in zip(rows, cols) if valid[r, c]]
            return len(pairs), sum(iou[r, c] for r, c in pairs)
        wrong = []
        for number, c in enumerate(json.load(open(sys.argv[1]))):
            matched, total = match(c["a"], c["b"], c["iou"], True)
            anyLabel, _ = match(c["a"], c["b"], c["iou"], False)
            exact = sum((Counter(map(tuple, c["sa"])) & Counter(map(tuple, c["sb"]))).values())
            linked = np.array([[1.0 if x[2] == y[2] and x[0] < y[1] and y[0] < x[1] else 0.0 for y in c["sb"]] for x in c["sa"]]).reshape(len(c["sa"]), len(c["sb"]))
            overlap = int(linked[linear_sum_assignment(linked, maximize=True)].sum()) if linked.size else 0
            if (matched, anyLabel, exact, overlap) != (c["matched"], c["any"], c["exact"], c["overlap"]) or abs(total - c["iou_sum"]) > 1e-9:
                wrong.append((number, matched, c["matched"], total, c["iou_sum"], anyLabel, c["any"], exact, c["exact"], overlap, c["overlap"]))
        print(len(wrong), wrong[:3])
        """, [path])
        #expect(printed == "0 []\n")
    }
}
