import ArgumentParser
import Dispatch
import LabelCore
import LabelQuality
import LabelStore
import LabelText
import Synchronization

/// `termlabel stats PATH [--json]`: progress and label counts, per annotator.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show progress and label counts, overall and per annotator."
    )

    @OptionGroup var dataset: DatasetOptions

    @Flag(name: .long, help: "Print JSON instead of a table.")
    var json = false

    @Argument(help: "Data files or folders (walked recursively).")
    var paths: [String]

    func run() throws {
        var statistics = DatasetStatistics()
        var ratings = AgreementData()
        var multiLabel = false
        var progress = AssignmentProgress()
        var current: Dataset?
        let unreadable = try DatasetDocuments.walk(dataset.openPerProject(paths)) { opened in
            statistics.declare(opened.settings)
            multiLabel = multiLabel || opened.settings.classes.multi
            current = opened
        } each: { file, document, records in
            statistics.add(document, records: records)
            ratings.add(document, name: file.relativePath, kind: file.kind, records: records)
            if let assignments = current?.assignments { progress.add(document, file: file, records: records, assignments: assignments) }
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
    }
}

/// Every data file's document with its item keys, for the commands that read a whole dataset.
enum DatasetDocuments {
    /// Calls `project` for each opened project and `each` for each file whose sidecar can be
    /// read; the others are named on standard error (not counted as empty: a sidecar that cannot
    /// be read would look like unlabeled data) and returned, for the command to fail with.
    static func walk(_ projects: [Dataset], project: (Dataset) -> Void = { _ in },
                     each: (DataFile, Document, [Int?]) -> Void) -> [String] {
        var unreadable: [String] = []
        let fileSystem = POSIXFileSystem()
        for opened in projects {
            project(opened)
            // Sidecars are read and decoded on every core, a slice at a time, and handed on in
            // the dataset's order (100,000 pictures: most of the time is reading and decoding).
            let slice = 2_048
            for start in stride(from: 0, to: opened.files.count, by: slice) {
                let files = Array(opened.files[start..<min(opened.files.count, start + slice)])
                let results = Mutex([Result<Document?, SidecarError>?](repeating: nil, count: files.count))
                DispatchQueue.concurrentPerform(iterations: files.count) { index in
                    let result = SidecarStore.read(files[index].path, locator: opened.locator, fileSystem: fileSystem)
                    results.withLock { $0[index] = result }
                }
                let read = results.withLock { $0 }
                for (file, result) in zip(files, read) {
                    switch result {
                    case .failure(let error)?:
                        FileHandleOutput.standardError.write("warning: \(error.description)\n")
                        unreadable.append(file.relativePath)
                    case .success(let document)?:
                        let empty = Document(sidecar: Sidecar(file: PathName.baseName(file.path), kind: file.kind))
                        each(file, document ?? empty, records(of: file, settings: opened.settings))
                    case nil:
                        break
                    }
                }
            }
        }
        return unreadable
    }

    /// The item keys of a data file: one nil for a whole file, else its record numbers.
    static func records(of file: DataFile, settings: ProjectSettings) -> [Int?] {
        guard file.kind == .text else { return [nil] }
        let mode = settings.recordMode(forExtension: PathName.fileExtension(file.path))
        guard mode != .file, let source = try? TextSource(path: file.path, mode: mode, textField: settings.textField) else { return [nil] }
        return (0..<source.recordCount).map { $0 }
    }
}

/// Each annotator's progress over the items dealt to them: how many they rated (an accepted
/// annotation or a done mark of theirs) of how many they were given.
struct AssignmentProgress {
    var assigned: [String: Int] = [:]
    var rated: [String: Int] = [:]

    mutating func add(_ document: Document, file: DataFile, records: [Int?], assignments: Assignments) {
        for record in records {
            guard let names = assignments.annotators(of: Assignments.key(relativePath: file.relativePath, record: record)) else { continue }
            let raters = Set(document.annotations(record: record).filter { !$0.isSuggestion }.compactMap(\.author)
                             + document.marks(record: record).filter { $0.state == .done }.compactMap(\.author))
            for name in names {
                assigned[name, default: 0] += 1
                if raters.contains(name) { rated[name, default: 0] += 1 }
            }
        }
    }

    /// `ana  8/12 (66%)`, one line per annotator.
    var lines: [String] {
        let width = assigned.keys.map(\.count).max() ?? 0
        return assigned.keys.sorted().map { name in
            let total = assigned[name] ?? 0, done = rated[name] ?? 0
            return name + String(repeating: " ", count: width - name.count) + "  \(done)/\(total) (\(total > 0 ? done * 100 / total : 0)%)"
        }
    }

    /// `{"ana": {"assigned": 12, "rated": 8}}`.
    var json: JSONValue {
        var object = JSONObject()
        for (name, total) in assigned {
            object[name] = .object(JSONObject(["assigned": .number(String(total)), "rated": .number(String(rated[name] ?? 0))]))
        }
        return .object(object)
    }
}
