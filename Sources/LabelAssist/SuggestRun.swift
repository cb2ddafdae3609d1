import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
import LabelText

/// `termlabel suggest`: asks a model about every item of a dataset and saves its answers as
/// suggestions (DESIGN §12). Each item's suggestions are on disk before the next is asked, so
/// whatever stops the run (a crash, Ctrl-C) loses nothing already answered.
public struct SuggestRun {
    /// How the run goes.
    public struct Options: Sendable {
        /// The `source` of the suggestions (items already holding some from it are skipped).
        public var source: String
        /// Ask again about items that already hold suggestions from `source` (theirs are replaced).
        public var redo: Bool
        /// Seconds to wait for an answer.
        public var timeout: Double
        /// The folder the paths sent to the model are relative to (where it runs), or nil for
        /// the project's root.
        public var base: String?
        /// How many items' suggestions are written together (synced once): 1 for a model, so
        /// each answer is on disk before the next question; more for fast in-process suggesters.
        public var batch: Int

        /// Options saving under `source`.
        public init(source: String, redo: Bool = false, timeout: Double = 60, base: String? = nil, batch: Int = 1) {
            self.source = source
            self.redo = redo
            self.timeout = timeout
            self.base = base
            self.batch = max(1, batch)
        }
    }

    /// What happened.
    public struct Report: Equatable, Sendable {
        public var asked = 0
        public var suggested = 0
        public var skipped = 0
        /// One line per item the model failed on, or per answer entry left out.
        public var problems: [String] = []
        public var stopped = false
        /// The items that gained suggestions, in order: one store step each.
        public var changed: [(path: String, record: Int?)] = []

        public static func == (lhs: Report, rhs: Report) -> Bool {
            (lhs.asked, lhs.suggested, lhs.skipped, lhs.problems, lhs.stopped) == (rhs.asked, rhs.suggested, rhs.skipped, rhs.problems, rhs.stopped)
        }
    }

    let dataset: Dataset
    let store: SidecarStore
    let options: Options
    let identifiers: any IdentifierSource

    /// A run over `dataset`, saving through `store`.
    public init(dataset: Dataset, store: SidecarStore, options: Options, identifiers: any IdentifierSource = RandomIdentifiers()) {
        self.dataset = dataset
        self.store = store
        self.options = options
        self.identifiers = identifiers
    }

    /// The items of the dataset, in order: (file, record).
    public var items: [(file: DataFile, record: Int?)] {
        dataset.files.flatMap { file in dataset.itemKeys(of: file).map { (file, $0) } }
    }

    /// Asks `model` about each item; `progress` is told after each one (done, total), and
    /// `shouldStop` is asked before each (Ctrl-C).
    public func run(model: ModelProcess, progress: (Int, Int) -> Void = { _, _ in }, shouldStop: () -> Bool = { false }) -> Report {
        run(ModelSuggester(model: model, timeout: options.timeout), progress: progress, shouldStop: shouldStop)
    }

    /// Asks `suggester` about each item (the items it cannot help with are passed over).
    public func run(_ suggester: any Suggester, progress: (Int, Int) -> Void = { _, _ in }, shouldStop: () -> Bool = { false }) -> Report {
        var report = Report()
        let all = items
        var sources: [String: TextSource] = [:]
        var pending: [(dataPath: String, edits: [Edit], record: Int?, count: Int)] = []
        var pendingItems = 0
        func flush() {
            guard !pending.isEmpty else { return }
            let failed = store.applyAll(pending.map { ($0.dataPath, Transaction($0.edits, summary: "suggestions from \(options.source)")) })
            let failures = Dictionary(failed.map { ($0.dataPath, $0.error) }, uniquingKeysWith: { first, _ in first })
            for change in pending {
                if let error = failures[change.dataPath] {
                    report.problems.append("\(change.dataPath): \(error.description)")
                } else {
                    report.suggested += change.count
                    report.changed.append((change.dataPath, change.record))
                }
            }
            pending.removeAll()
            pendingItems = 0
        }
        for (position, entry) in all.enumerated() {
            if shouldStop() {
                report.stopped = true
                break
            }
            defer { progress(position + 1, all.count) }
            let file = entry.file, record = entry.record
            guard suggester.handles(file.kind) else { continue }
            let document = store.open(file.path, as: DataFileDescription(kind: file.kind))
            let name = file.relativePath + (record.map { " #\($0 + 1)" } ?? "")
            if let reason = store.readOnlyReason(file.path) {
                report.problems.append("\(name): not asked, the item is read-only: \(reason)")
                continue
            }
            let earlier = document.annotations(record: record).filter { $0.isSuggestion && $0.source == options.source }
            if !earlier.isEmpty && !options.redo {
                report.skipped += 1
                continue
            }
            let path = options.base.map { PathName.relative(file.path, to: $0) } ?? file.relativePath
            var item = SuggestionProtocol.Item(path: path, record: record, kind: file.kind)
            item.absolutePath = file.path
            guard suggester.wants(document.annotations(record: record)) else { continue }
            if file.kind == .image {
                guard let size = try? ImageHeader.read(file.path).uprightSize else {
                    report.problems.append("\(name): not asked, the picture cannot be read")
                    continue
                }
                item.size = size
            } else {
                if sources[file.path] == nil { sources[file.path] = try? dataset.textSource(of: file) }
                guard let text = sources[file.path]?.record(record ?? 0)?.text else {
                    report.problems.append("\(name): not asked, its text cannot be read")
                    continue
                }
                item.text = text
            }
            report.asked += 1
            let answer: SuggestionProtocol.Answer
            do { answer = try suggester.suggest(item, settings: dataset.settings, source: options.source, identifiers: identifiers) } catch {
                report.problems.append("\(name): \(error.description)")
                continue
            }
            report.problems += answer.skipped.map { "\(name): \($0)" }
            let edits = earlier.map { Edit.remove($0) } + answer.suggestions.map { Edit.add($0) }
            guard !edits.isEmpty else { continue }
            // A batch of items is written together; one file's items in it make one step.
            if pending.last?.dataPath == file.path {
                pending[pending.count - 1].edits += edits
                pending[pending.count - 1].count += answer.suggestions.count
            } else {
                pending.append((file.path, edits, record, answer.suggestions.count))
            }
            pendingItems += 1
            if pendingItems >= options.batch { flush() }
        }
        flush()
        return report
    }
}

/// Why a suggester had nothing for an item.
public struct SuggestFailure: Error, Equatable, CustomStringConvertible {
    public let description: String

    /// A failure saying `description`.
    public init(_ description: String) { self.description = description }
}

/// Something that suggests annotations for items: a model program, patterns, a learned model.
public protocol Suggester {
    /// Whether it has anything to say about items of `kind`.
    func handles(_ kind: ItemKind) -> Bool
    /// Whether it has anything to add to an item holding `annotations`.
    func wants(_ annotations: [Annotation]) -> Bool
    /// The suggestions for `item`, from `source`.
    func suggest(_ item: SuggestionProtocol.Item, settings: ProjectSettings, source: String,
                 identifiers: any IdentifierSource) throws(SuggestFailure) -> SuggestionProtocol.Answer
}

extension Suggester {
    public func wants(_ annotations: [Annotation]) -> Bool { true }
}

/// A model program through the JSON-line protocol.
public struct ModelSuggester: Suggester {
    let model: ModelProcess
    let timeout: Double

    /// Asks `model`, waiting `timeout` seconds for each answer.
    public init(model: ModelProcess, timeout: Double) {
        self.model = model
        self.timeout = timeout
    }

    public func handles(_ kind: ItemKind) -> Bool { true }

    public func suggest(_ item: SuggestionProtocol.Item, settings: ProjectSettings, source: String,
                        identifiers: any IdentifierSource) throws(SuggestFailure) -> SuggestionProtocol.Answer {
        let line: [UInt8]
        do { line = try model.ask(SuggestionProtocol.request(item, settings: settings), timeout: timeout) } catch {
            throw SuggestFailure(error.description)
        }
        do { return try SuggestionProtocol.answer(line, for: item, settings: settings, source: source, identifiers: identifiers) } catch {
            throw SuggestFailure(error.description)
        }
    }
}

/// EntityRuler patterns: span suggestions on text items.
public struct PatternSuggester: Suggester {
    let patterns: EntityPatterns

    /// Suggests what `patterns` find.
    public init(patterns: EntityPatterns) { self.patterns = patterns }

    public func handles(_ kind: ItemKind) -> Bool { kind == .text }

    public func suggest(_ item: SuggestionProtocol.Item, settings: ProjectSettings, source: String,
                        identifiers: any IdentifierSource) throws(SuggestFailure) -> SuggestionProtocol.Answer {
        var answer = SuggestionProtocol.Answer()
        guard let text = item.text else { return answer }
        let scalars = Array(text.unicodeScalars)
        for match in patterns.matches(in: text) {
            guard settings.spans.contains(match.label) else {
                answer.skipped.append("span label \"\(match.label)\" is not one of the project's")
                continue
            }
            answer.suggestions.append(Annotation(id: identifiers.newIdentifier(),
                                                 shape: .span(SpanRange(start: match.range.lowerBound, end: match.range.upperBound,
                                                                        text: String(String.UnicodeScalarView(scalars[match.range])))),
                                                 label: match.label, record: item.record, status: Annotation.suggestedStatus, source: source))
        }
        return answer
    }
}
