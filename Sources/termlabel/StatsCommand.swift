import ArgumentParser
import LabelCore
import LabelQuality
import LabelDataset
import LabelStore
import LabelText

/// `termlabel stats PATH [--json]`: progress and label counts, per annotator.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show progress and label counts, overall and per annotator."
    )

    @OptionGroup var dataset: DatasetOptions

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Flag(name: .long, help: "Read every sidecar, neither using nor keeping the summaries cached in ~/.cache/termlabel.")
    var noCache = false

    @Argument(help: "Data files or folders (walked recursively).")
    var paths: [String]

    func run() throws {
        var statistics = DatasetStatistics()
        var ratings = AgreementData()
        var multiLabel = false
        var progress = AssignmentProgress()
        var current: Dataset?
        let environment = ProcessEnvironment.current
        let unreadable = try DatasetSummaries.walk(dataset.openPerProject(paths, environment: environment), cacheFolder: noCache ? nil : SummaryCache.folder(environment: environment),
                                                   warn: { FileHandleOutput.standardError.write("warning: \($0)\n") }) { opened in
            statistics.declare(opened.settings)
            multiLabel = multiLabel || opened.settings.classes.multi
            current = opened
        } each: { file, summary, records in
            statistics.add(summary, records: records)
            ratings.add(summary, name: file.relativePath, kind: file.kind, records: records)
            if let assignments = current?.assignments { progress.add(summary, file: file.relativePath, records: records, assignments: assignments) }
        }
        // One line per kind when two or more annotators rated the same items (`agree` has the rest).
        let agreement = AgreementReport(ratings, options: AgreementOptions(multiLabel: multiLabel))
        if json {
            var object = statistics.json.objectValue ?? JSONObject()
            if !agreement.summary.isEmpty { object["agreement"] = agreement.json }
            if !progress.assigned.isEmpty { object["assignments"] = progress.json }
            FileHandleOutput.standardOutput.write(bytes: JSONWriter.prettyPrinted(.object(object)))
        } else {
            var lines = agreement.summary.isEmpty ? "" : "\n\nagreement (termlabel agree for the details)\n" + agreement.summary.map { "  " + $0 }.joined(separator: "\n")
            if !progress.assigned.isEmpty { lines += "\n\nassigned (rated / dealt to them)\n" + progress.lines.map { "  " + $0 }.joined(separator: "\n") }
            FileHandleOutput.standardOutput.write(statistics.report + lines + "\n")
        }
        if let first = unreadable.first {
            throw CommandFailure("\(unreadable.count) file\(unreadable.count == 1 ? "" : "s") not counted because \(unreadable.count == 1 ? "its sidecar" : "their sidecars") could not be read, e.g. \(first)")
        }
        exitAfterDatasetCommand()
    }
}
