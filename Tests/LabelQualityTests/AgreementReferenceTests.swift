import LabelCore
import LabelQuality
import TestSupport
import Testing

/// Published agreement figures, reproduced from sidecars built out of the published ratings.
@Suite struct AgreementReferenceTests {
    /// Agreement data from class ratings: per item, each rater's label (nil: not rated).
    static func data(_ ratings: [[String?]], raters: [String]) -> AgreementData {
        var data = AgreementData()
        for (index, row) in ratings.enumerated() {
            let annotations = zip(raters, row).enumerated().compactMap { position, pair -> Annotation? in
                pair.1.map { Make.classification("c\(index)x\(position)", $0, author: pair.0) }
            }
            data.add(Document(sidecar: Sidecar(file: "item\(index).png", kind: .image, annotations: annotations)),
                     name: "item\(index).png", kind: .image, records: [nil])
        }
        return data
    }

    static func classes(_ report: AgreementReport) -> JSONValue? { report.json.objectValue?["classes"] }

    /// Fleiss (1971): 30 patients, 6 psychiatrists each, 5 diagnoses (statsmodels' test data).
    @Test func fleiss1971PsychiatricDiagnoses() throws {
        let diagnoses: [[Int]] = [
            [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5], [2, 2, 2, 4, 4, 4],
            [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4], [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5],
            [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4], [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5],
            [3, 3, 3, 3, 3, 5], [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
            [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4], [1, 4, 4, 4, 4, 5],
            [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4], [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
        ]
        let raters = (1...6).map { "r\($0)" }
        let report = AgreementReport(Self.data(diagnoses.map { $0.map { "d\($0)" } }, raters: raters), options: AgreementOptions())
        let classes = try #require(Self.classes(report))
        let kappa = try #require(classes["fleiss_kappa"]?.doubleValue)
        #expect(abs(kappa - 0.4302445) < 5e-7, "\(kappa)")
        #expect(classes["fleiss_items"]?.intValue == 30 && classes["items"]?.intValue == 30)
    }

    /// Krippendorff's example: 3 coders, 15 units, missing values (α nominal 0.691358).
    @Test func krippendorffThreeCodersFifteenUnits() throws {
        let a: [Int?] = [nil, nil, nil, nil, nil, 3, 4, 1, 2, 1, 1, 3, 3, nil, 3]
        let b: [Int?] = [1, nil, 2, 1, 3, 3, 4, 3, nil, nil, nil, nil, nil, nil, nil]
        let c: [Int?] = [nil, nil, 2, 1, 3, 4, 4, nil, 2, 1, 1, 3, 3, nil, 4]
        let rows = (0..<15).map { unit in [a[unit], b[unit], c[unit]].map { $0.map { "v\($0)" } } }
        let report = AgreementReport(Self.data(rows, raters: ["a", "b", "c"]), options: AgreementOptions())
        let alpha = try #require(Self.classes(report)?["krippendorff_alpha"]?.doubleValue)
        #expect(abs(alpha - 0.691358) < 5e-7, "\(alpha)")
    }

    /// SAS's Cohen example: the table [[0,4,1],[0,8,0],[0,1,5]] (κ 0.4842 as published).
    @Test func sasCohenTable() throws {
        let table = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]
        var rows: [[String?]] = []
        for (i, row) in table.enumerated() { for (j, count) in row.enumerated() { rows += Array(repeating: ["k\(i)", "k\(j)"], count: count) } }
        let report = AgreementReport(Self.data(rows, raters: ["x", "y"]), options: AgreementOptions())
        let pair = try #require(Self.classes(report)?["pairs"]?.arrayValue?.first)
        let kappa = try #require(pair["cohen_kappa"]?.doubleValue)
        #expect((kappa * 10_000).rounded() / 10_000 == 0.4842, "\(kappa)")
        #expect(pair["items"]?.intValue == 19)
    }

    /// Cases with a clear answer: figures that cannot be computed say why, never NaN.
    @Test func oneAnnotatorNoOverlapAllAgreeAllDifferAndDoneOnly() throws {
        let one = AgreementReport(Self.data([["a"], ["b"]], raters: ["ana"]), options: AgreementOptions())
        #expect(one.json.objectValue?["classes"] == nil)
        #expect(one.table.contains("agreement needs two or more annotators who rated the same items; found 1"))

        let apart = AgreementReport(Self.data([["a", nil], [nil, "b"]], raters: ["ana", "bo"]), options: AgreementOptions())
        let apartClasses = try #require(Self.classes(apart))
        #expect(apartClasses["krippendorff_alpha"] == .null && apartClasses["notes"]?["krippendorff_alpha"]?.stringValue == "no item was rated by two annotators")
        #expect(apartClasses["pairs"]?.arrayValue?.first?["notes"]?["cohen_kappa"]?.stringValue == "ana and bo rated no item in common")

        // Complete agreement on one label: the reference implementations give no number
        // (statsmodels and scikit-learn NaN, krippendorff an error); we say why.
        let same = AgreementReport(Self.data([["a", "a"], ["a", "a"]], raters: ["ana", "bo"]), options: AgreementOptions())
        let sameClasses = try #require(Self.classes(same))
        #expect(sameClasses["percent_agreement"]?.doubleValue == 1)
        #expect(sameClasses["notes"]?["krippendorff_alpha"]?.stringValue == "every rating is the same label, so no disagreement is expected")
        #expect(sameClasses["notes"]?["fleiss_kappa"] != nil && sameClasses["pairs"]?.arrayValue?.first?["notes"]?["cohen_kappa"] != nil)
        #expect(same.table.contains("Krippendorff's alpha         – (every rating is the same label, so no disagreement is expected)"))

        let differ = AgreementReport(Self.data([["a", "b"], ["b", "a"]], raters: ["ana", "bo"]), options: AgreementOptions())
        let differClasses = try #require(Self.classes(differ))
        #expect(differClasses["percent_agreement"]?.doubleValue == 0)
        #expect(differClasses["pairs"]?.arrayValue?.first?["cohen_kappa"]?.doubleValue == -1)

        // An annotator with only a done mark rated the item "none".
        var data = Self.data([["a", nil]], raters: ["ana", "bo"])
        data.add(Document(sidecar: Sidecar(file: "x.png", kind: .image, annotations: [Make.classification("x1", "a", author: "ana")],
                                           marks: [Mark(state: .done, author: "bo", time: "2026-12-01T10:00:00Z")])),
                 name: "x.png", kind: .image, records: [nil])
        let done = AgreementReport(data, options: AgreementOptions())
        #expect(Self.classes(done)?["items"]?.intValue == 1 && Self.classes(done)?["percent_agreement"]?.doubleValue == 0, "ana's a against bo's none")
    }
}
