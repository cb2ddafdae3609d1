import ArgumentParser
import LabelCore
import LabelDataset
import LabelStore

/// `termlabel assign PATH... --annotators a,b,c [--per-item N] [--seed S]`: deals the items out
/// (DESIGN §9) into `termlabel-assignments.json`; `open --annotator a` then walks a's items.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Deal the items out to annotators, each item to N of them.",
        discussion: """
        Each item goes to the N least loaded annotators (ties broken by the seed), so the work is \
        even and the same seed deals the same way. Running it again after adding annotators or \
        items deals only the new items; nobody is taken off an item they were given.
        """
    )

    @OptionGroup var dataset: DatasetOptions

    @Option(help: ArgumentHelp("The annotators, comma-separated.", valueName: "a,b,c"))
    var annotators: String

    @Option(help: "How many annotators label each item (overlap, for agreement).")
    var perItem = 1

    @Option(help: "The seed that breaks ties between equally loaded annotators.")
    var seed: UInt64 = 0

    @Argument(help: "Data files or folders (walked recursively).")
    var paths: [String] = ["."]

    func run() throws {
        let people = annotators.split(separator: ",").map { String($0).trimmedSpaces }.filter { !$0.isEmpty }
        guard !people.isEmpty else { throw ValidationError("--annotators needs at least one name") }
        guard perItem >= 1 else { throw ValidationError("--per-item must be 1 or more") }
        let opened = try dataset.open(paths)
        let path = opened.assignmentsPath
        let fileSystem = POSIXFileSystem()
        var assignments = Assignments()
        if fileSystem.stamp(of: path) != nil {
            // Never replace assignments that could not be read: people may be working from them.
            guard let existing = opened.assignments else {
                throw CommandFailure("\(path) cannot be read (see the warning above); fix or remove it, then assign again")
            }
            assignments = existing
        }
        for warning in opened.warnings { FileHandleOutput.standardError.write("warning: \(warning)\n") }
        var keys: [String] = []
        for (index, file) in opened.files.enumerated() {
            for record in opened.itemKeys(of: file) { keys.append(opened.assignmentKey(file: index, record: record)) }
        }
        let before = assignments.items.count
        assignments.deal(keys, annotators: people, perItem: min(perItem, people.count), seed: seed)
        do { try AtomicFileWriter(fileSystem: fileSystem).write(JSONWriter.prettyPrinted(assignments.json), to: path) } catch {
            throw CommandFailure("cannot write \(path): \(error.reason)")
        }
        let load = assignments.load
        let dealt = assignments.items.count - before
        FileHandleOutput.standardOutput.write("dealt \(dealt) new item\(dealt == 1 ? "" : "s") (\(assignments.items.count) in all), each to \(assignments.perItem): "
                                              + assignments.annotators.map { "\($0) \(load[$0] ?? 0)" }.joined(separator: ", ") + "\nwritten to \(path)\n")
    }
}
