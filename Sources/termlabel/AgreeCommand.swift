import ArgumentParser
import LabelCore
import LabelQuality
import LabelDataset
import LabelStore

/// `termlabel agree PATH... [--json] [--annotators a,b] [--gold NAME] [--iou 0.5]`: agreement
/// between annotators on the items two or more of them rated (DESIGN §9).
struct AgreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agree",
        abstract: "Show how well annotators agree, and how each scores against a gold standard.",
        discussion: """
        Classes: percent agreement, Krippendorff's alpha (nominal), Fleiss' kappa (items rated by \
        all) and Cohen's kappa per pair; spans: F1 exact and overlapping per pair; boxes: F1 and \
        mean IoU of a one-to-one matching at --iou. An annotator rated an item when they labeled \
        it or marked it done. A figure that cannot be computed says why.
        """
    )

    @OptionGroup var dataset: DatasetOptions

    @Flag(name: .long, help: "Print JSON instead of tables.")
    var json = false

    @Flag(name: .long, help: "Read every sidecar, neither using nor keeping the summaries cached in ~/.cache/termlabel.")
    var noCache = false

    @Option(name: .long, help: ArgumentHelp("Compare only these annotators (comma-separated).", valueName: "a,b"))
    var annotators: String?

    @Option(name: .long, help: ArgumentHelp("Score every other annotator against this one's labels.", valueName: "NAME"))
    var gold: String?

    @Option(name: .long, help: "The IoU at which two boxes match (0 < IoU ≤ 1).")
    var iou = 0.5

    @Argument(help: "Data files or folders (walked recursively).")
    var paths: [String]

    func validate() throws {
        guard iou > 0, iou <= 1 else { throw ValidationError("--iou must be above 0 and at most 1, not \(iou)") }
    }

    func run() throws {
        var data = AgreementData()
        var multiLabel = false
        let environment = ProcessEnvironment.current
        let unreadable = try DatasetSummaries.walk(dataset.openPerProject(paths, environment: environment), cacheFolder: noCache ? nil : SummaryCache.folder(environment: environment),
                                                   warn: { FileHandleOutput.standardError.write("warning: \($0)\n") }) { opened in
            multiLabel = multiLabel || opened.settings.classes.multi
        } each: { file, summary, records in
            data.add(summary, name: file.relativePath, kind: file.kind, records: records)
        }
        let chosen = annotators.map { $0.split(separator: ",").map { $0.split(separator: " ").joined(separator: " ") }.filter { !$0.isEmpty } }
        for name in (chosen ?? []) + (gold.map { [$0] } ?? []) where !data.annotators.contains(name) {
            FileHandleOutput.standardError.write("warning: \(name) rated nothing here (annotators: \(data.annotators.joined(separator: ", ")))\n")
        }
        let report = AgreementReport(data, options: AgreementOptions(annotators: chosen, gold: gold, iou: iou, multiLabel: multiLabel))
        if json {
            FileHandleOutput.standardOutput.write(bytes: JSONWriter.prettyPrinted(report.json))
        } else {
            FileHandleOutput.standardOutput.write(report.table + "\n")
        }
        if let first = unreadable.first {
            throw CommandFailure("\(unreadable.count) file\(unreadable.count == 1 ? "" : "s") left out because \(unreadable.count == 1 ? "its sidecar" : "their sidecars") could not be read, e.g. \(first)")
        }
        exitAfterDatasetCommand()
    }
}
