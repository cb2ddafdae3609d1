/// Agreement on nominal ratings (one category per rater and item, some missing): the figures
/// of DESIGN §9, computed as statsmodels, scikit-learn and the `krippendorff` package do.
public struct NominalRatings: Sendable {
    /// Per item, each rater's category (raters who did not rate it are absent).
    public var items: [[String: String]]

    /// Ratings of `items`.
    public init(items: [[String: String]]) { self.items = items }

    /// The raters who rated anything, in name order.
    public var raters: [String] { Set(items.flatMap(\.keys)).sorted() }

    /// Items with at least two ratings (the only ones agreement can speak of).
    public var pairableItems: [[String: String]] { items.filter { $0.count >= 2 } }

    /// The mean over items with two or more ratings of the share of rater pairs that agree.
    public var percentAgreement: Figure {
        let units = pairableItems
        guard !units.isEmpty else { return .undefined("no item was rated by two annotators") }
        var total = 0.0
        for unit in units {
            var counts: [String: Int] = [:]
            for category in unit.values { counts[category, default: 0] += 1 }
            let m = unit.count
            let agreeing = counts.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
            total += Double(agreeing) / Double(m * (m - 1) / 2)
        }
        return .value(total / Double(units.count))
    }

    /// Krippendorff's α for nominal data, missing ratings allowed: 1 − D_o / D_e from the
    /// coincidence matrix of the items with two or more ratings.
    public var krippendorffAlpha: Figure {
        let units = pairableItems
        guard !units.isEmpty else { return .undefined("no item was rated by two annotators") }
        var coincidence: [String: [String: Double]] = [:]
        for unit in units {
            var counts: [String: Int] = [:]
            for category in unit.values { counts[category, default: 0] += 1 }
            let weight = 1.0 / Double(unit.count - 1)
            for (c, nc) in counts {
                for (k, nk) in counts {
                    let pairs = c == k ? nc * (nc - 1) : nc * nk
                    if pairs > 0 { coincidence[c, default: [:]][k, default: 0] += Double(pairs) * weight }
                }
            }
        }
        let totals = coincidence.mapValues { $0.values.reduce(0, +) }
        let n = totals.values.reduce(0, +)
        // The krippendorff package refuses data with one value only ("more than one value in
        // the domain"): with no disagreement to expect, α says nothing.
        guard totals.count > 1 else { return .undefined("every rating is the same label, so no disagreement is expected") }
        var observed = 0.0
        for (c, row) in coincidence { for (k, value) in row where k != c { observed += value } }
        var expected = 0.0
        for (c, nc) in totals { for (k, nk) in totals where k != c { expected += nc * nk } }
        return .value(1 - (n - 1) * observed / expected)
    }

    /// Fleiss' κ over the items rated by every one of `raters`, and how many those were.
    public func fleissKappa(raters: [String]) -> (kappa: Figure, items: Int) {
        guard raters.count >= 2 else { return (.undefined("needs two or more annotators"), 0) }
        let complete = items.filter { unit in raters.allSatisfy { unit[$0] != nil } }
        guard !complete.isEmpty else { return (.undefined("no item was rated by every annotator"), 0) }
        let n = Double(raters.count), count = Double(complete.count)
        var share: [String: Double] = [:]
        var agreement = 0.0
        for unit in complete {
            var counts: [String: Int] = [:]
            for rater in raters { if let category = unit[rater] { counts[category, default: 0] += 1 } }
            let squares = counts.values.reduce(0.0) { $0 + Double($1 * $1) }
            agreement += (squares - n) / (n * (n - 1))
            for (category, c) in counts { share[category, default: 0] += Double(c) / (count * n) }
        }
        let observed = agreement / count
        let expected = share.values.reduce(0) { $0 + $1 * $1 }
        guard expected < 1 else { return (.undefined("every rating is the same label, so no disagreement is expected"), complete.count) }
        return (.value((observed - expected) / (1 - expected)), complete.count)
    }

    /// Cohen's κ and the observed agreement of two raters over the items both rated.
    public func cohen(_ a: String, _ b: String) -> (kappa: Figure, agreement: Figure, items: Int) {
        let pairs = items.compactMap { unit -> (String, String)? in
            guard let x = unit[a], let y = unit[b] else { return nil }
            return (x, y)
        }
        guard !pairs.isEmpty else {
            let reason = "\(a) and \(b) rated no item in common"
            return (.undefined(reason), .undefined(reason), 0)
        }
        let count = Double(pairs.count)
        let observed = Double(pairs.filter { $0.0 == $0.1 }.count) / count
        var left: [String: Double] = [:], right: [String: Double] = [:]
        for (x, y) in pairs {
            left[x, default: 0] += 1 / count
            right[y, default: 0] += 1 / count
        }
        let expected = left.reduce(0.0) { $0 + $1.value * (right[$1.key] ?? 0) }
        let kappa: Figure = expected >= 1 ? .undefined("both gave every item the same label, so no disagreement is expected")
            : .value((observed - expected) / (1 - expected))
        return (kappa, .value(observed), pairs.count)
    }
}
