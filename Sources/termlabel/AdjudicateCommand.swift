import ArgumentParser
import LabelCore
import LabelQuality
import LabelDataset
import LabelStore

/// `termlabel adjudicate PATH... --as NAME [--min-votes N]` (DESIGN §9): writes what enough
/// annotators agree on as NAME's annotations and lists the items left for `termlabel review`.
struct AdjudicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjudicate",
        abstract: "Write what enough annotators agree on as one name's annotations; list the rest for review.",
        discussion: """
        Classes by vote (the choice of most annotators, with at least --min-votes of them), spans \
        by exact match, boxes by clusters of IoU ≥ 0.5 with the same label (corners averaged). An \
        item where something has too few votes waits for `termlabel review`. Items NAME already \
        labeled are left as they are. `export --annotator NAME` then gives the adjudicated dataset.
        """
    )

    @OptionGroup var dataset: DatasetOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("The name the agreed annotations are written under (the reviewer).", valueName: "NAME"))
    var name: String

    @Option(help: "How many annotators must agree.")
    var minVotes = 2

    @Argument(help: "Data files or folders (walked recursively).")
    var paths: [String] = ["."]

    func run() throws {
        guard minVotes >= 1 else { throw ValidationError("--min-votes must be 1 or more") }
        let time = SystemTimeSource().now()
        let identifiers = RandomIdentifiers()
        var settled = 0, written = 0, already = 0, tooFew = 0
        var waiting: [String] = []
        var failures: [String] = []
        for opened in try dataset.openPerProject(paths) {
            let store = SidecarStore(locator: opened.locator)
            var changes: [(dataPath: String, transaction: Transaction)] = []
            for file in opened.files {
                let document = store.open(file.path, as: DataFileDescription(kind: file.kind))
                if let problem = store.readOnlyReason(file.path) {
                    failures.append(problem)
                    continue
                }
                var edits: [Edit] = []
                for record in opened.itemKeys(of: file) {
                    let annotations = document.annotations(record: record), marks = document.marks(record: record)
                    let item = file.relativePath + (record.map { " #\($0 + 1)" } ?? "")
                    if annotations.contains(where: { $0.author == name && !$0.isSuggestion }) {
                        already += 1
                        continue
                    }
                    let result = Adjudication(annotations: annotations, marks: marks, adjudicator: name, minimumVotes: minVotes,
                                              multiLabel: opened.settings.classes.multi, imageSize: document.header.image)
                    if result.raters.count < minVotes {
                        if !result.raters.isEmpty { tooFew += 1 }
                        continue
                    }
                    guard result.settled else {
                        waiting.append(item)
                        continue
                    }
                    settled += 1
                    for agreed in result.agreed {
                        edits.append(.add(Annotation(id: identifiers.newIdentifier(), shape: agreed.shape, label: agreed.label, record: record,
                                                     author: name, time: time, extra: ["adjudicated_from": .array(agreed.from.map { .string($0) })])))
                    }
                    // A settled item with nothing on it (all said "none") is a true negative.
                    if result.agreed.isEmpty { edits.append(.setMark(from: nil, to: Mark(state: .done, record: record, author: name, time: time))) }
                }
                written += edits.count
                if !edits.isEmpty { changes.append((file.path, Transaction(edits, summary: "adjudicate as \(name)"))) }
            }
            for failure in store.applyAll(changes) { failures.append("\(failure.dataPath): \(failure.error.description)") }
        }
        var report = "settled \(settled) item\(settled == 1 ? "" : "s") (\(written) annotation\(written == 1 ? "" : "s") and marks written as \(name)); "
            + "\(waiting.count) wait for review"
        if already > 0 { report += "; \(already) already labeled by \(name)" }
        if tooFew > 0 { report += "; \(tooFew) rated by fewer than \(minVotes)" }
        FileHandleOutput.standardOutput.write(report + "\n")
        for item in waiting.prefix(20) { FileHandleOutput.standardOutput.write("  waits: \(item)\n") }
        if waiting.count > 20 { FileHandleOutput.standardOutput.write("  … and \(waiting.count - 20) more (termlabel review walks them)\n") }
        if let first = failures.first {
            throw CommandFailure("\(failures.count) file\(failures.count == 1 ? "" : "s") could not be adjudicated, e.g. \(first)")
        }
    }
}
