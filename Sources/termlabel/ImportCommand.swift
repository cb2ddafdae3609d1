import ArgumentParser
import LabelConfig
import LabelCore
import LabelInterchange
import LabelDataset
import LabelStore

/// `termlabel import --format F FILE [PATH]`: another tool's labels, or a model's predictions,
/// into the sidecars.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read labels or model predictions from another tool into the sidecars.",
        discussion: """
        Formats: coco, yolo (a folder or its data.yaml), labelme (a file or folder), labelstudio, \
        spacy (JSONL), brat (a folder or an .ann file). Predictions (a score, Label Studio \
        predictions) become suggestions to accept or reject; human labels keep the author the file \
        names. Importing twice adds nothing. What does not match the data is listed, one line each, \
        and skipped; the exit status is then 1.
        """
    )

    @Option(name: .long, help: "The format: coco, yolo, labelme, labelstudio, spacy or brat.")
    var format: String

    @Option(name: .long, help: ArgumentHelp("The author of labels whose file names none (default: as for the editor).", valueName: "NAME"))
    var annotator: String?

    @Flag(name: .customLong("as-suggestions"), help: "Import everything as suggestions (model output).")
    var asSuggestions = false

    @Option(name: .customLong("coco-images"), help: ArgumentHelp("For a COCO results array (predictions): the COCO file with its images and categories.", valueName: "FILE"))
    var cocoImages: String?

    @Flag(name: .customLong("empty-means-done"), help: "COCO: a picture listed with no annotation is a true negative (marked done).")
    var emptyMeansDone = false

    @OptionGroup var dataset: DatasetOptions

    @Argument(help: "The file (or folder) to import.")
    var file: String

    @Argument(help: "The dataset: data files or folders (default: the current folder).")
    var paths: [String] = ["."]

    func run() throws {
        guard let format = InterchangeFormat.named(self.format), format.canImport else {
            throw CommandFailure("cannot import \(self.format) (importable: \(InterchangeFormat.allCases.filter(\.canImport).map(\.rawValue).joined(separator: ", ")))")
        }
        let opened: Dataset
        do {
            opened = try Dataset.open(OpenOptions(paths: paths, sidecarsDirectory: dataset.sidecars, annotator: annotator,
                                                  records: dataset.records, textField: dataset.textField),
                                      environment: ProcessEnvironment.current)
        } catch {
            throw CommandFailure(error.description)
        }
        for warning in opened.warnings { FileHandleOutput.standardError.write("warning: \(warning)\n") }
        let fileSystem = POSIXFileSystem()
        let importer = Importer(dataset: opened, store: SidecarStore(fileSystem: fileSystem, locator: opened.locator))
        let report: ImportReport
        do {
            report = try importer.run(file, format: format,
                                      options: ImportOptions(author: opened.settings.annotator ?? "anonymous", asSuggestions: asSuggestions,
                                                             time: SystemTimeSource().now(), emptyMeansDone: emptyMeansDone,
                                                             cocoImages: cocoImages))
        } catch {
            throw CommandFailure(error.message)
        }
        for problem in report.problems { FileHandleOutput.standardError.write(problem + "\n") }
        if let added = report.addNewLabels(to: opened, fileSystem: fileSystem) {
            FileHandleOutput.standardError.write(added + "\n")
        }
        for note in report.notes { FileHandleOutput.standardError.write("note: " + note + "\n") }
        FileHandleOutput.standardOutput.write(report.summary + "\n")
        if let unsupported = report.unsupportedSummary, report.problems.isEmpty {
            throw CommandFailure(unsupported + "; the rest was imported")
        }
        if !report.problems.isEmpty {
            throw CommandFailure("\(report.problems.count) thing\(report.problems.count == 1 ? "" : "s") skipped (listed above)"
                                 + (report.unsupportedSummary.map { "; " + $0 } ?? "") + "; the rest was imported")
        }
    }
}
