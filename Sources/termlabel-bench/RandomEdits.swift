import ArgumentParser
import LabelCore
import LabelDataset
import LabelStore

/// Applies random edits to sidecars, as one of several concurrent writers, and prints the
/// state it expects its own annotations and marks to end in (one JSON line per data file).
struct RandomEdits: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "random-edits",
                                                    abstract: "Apply random edits as one of several concurrent processes (used by the tests).")

    @Option(help: "Author name; also the prefix of this writer's ids.") var author: String
    @Option(help: "How many edits.") var count = 500
    @Option(help: "Seed of the random sequence.") var seed: UInt64 = 1
    @Option(help: "Sidecar size above which edits go through the journal.") var journalThreshold = 128 << 10
    @Argument(help: "Data files to edit.") var files: [String]

    func run() throws {
        var random = SeededRandom(seed: seed)
        let store = SidecarStore(locator: SidecarLocator(dataRoot: "/"), options: StoreOptions(journalThreshold: journalThreshold, compactionThreshold: 64 << 10))
        for file in files { store.open(file, as: DataFileDescription(kind: .text)) }
        var mine: [String: [String: Annotation]] = [:]
        var marked: [String: Bool] = [:]
        var serial = 0
        for step in 0..<count {
            let file = files[Int(random.next() % UInt64(files.count))]
            let own = mine[file, default: [:]]
            let choice = random.next() % 100
            let time = ISO8601.timestamp(secondsSince1970: 1_795_341_600 + step)
            let transaction: Transaction
            if choice < 60 || own.isEmpty {
                serial += 1
                let annotation = Annotation(id: "\(author)-\(serial)", shape: .classification, label: "l\(random.next() % 5)", author: author, time: time)
                transaction = Transaction([.add(annotation)])
                mine[file, default: [:]][annotation.id] = annotation
            } else if choice < 85, let old = own.values.sorted(by: { $0.id < $1.id }).first {
                var new = old
                new.label = "r\(random.next() % 5)"
                new.time = time
                transaction = Transaction([.update(from: old, to: new)])
                mine[file]?[old.id] = new
            } else if choice < 95, let old = own.values.sorted(by: { $0.id > $1.id }).first {
                transaction = Transaction([.remove(old)])
                mine[file]?[old.id] = nil
            } else {
                let mark = Mark(state: .done, author: author, time: time)
                if marked[file] == true {
                    transaction = Transaction([.clearMark(mark)])
                    marked[file] = false
                } else {
                    transaction = Transaction([.setMark(from: nil, to: mark)])
                    marked[file] = true
                }
            }
            try store.apply(transaction, to: file)
        }
        store.compactAll()
        for file in files {
            let annotations = (mine[file] ?? [:]).values.sorted { $0.id < $1.id }.map { JSONValue.object(JSONObject(SidecarCodec.annotationFields($0))) }
            let line = JSONValue.object(JSONObject(["file": .string(file), "annotations": .array(annotations), "done": .bool(marked[file] ?? false)]))
            print(String(decoding: JSONWriter.compact(line), as: UTF8.self))
        }
    }
}

