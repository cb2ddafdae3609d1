import LabelConfig
import LabelCore
import LabelStore

/// What a user asked to open: paths and the options of `termlabel open` that shape the dataset.
public struct OpenOptions: Sendable {
    public var paths: [String]
    public var sidecarsDirectory: String?
    public var annotator: String?
    public var keymap: String?
    public var theme: String?
    public var records: RecordMode?
    public var textField: String?
    /// Quick label sets by kind (`--classes a,b,c`, `--boxes`, …); a kind not given is absent.
    public var labelLists: [LabelKind: [String]]
    /// Whether label options may create a `termlabel.toml` when there is none.
    public var createProjectFile: Bool
    /// `--blind`: each annotator sees only their own work, as `[project] blind = true`.
    public var blind = false

    /// Options opening `paths` with everything else from the project file and environment.
    public init(paths: [String], sidecarsDirectory: String? = nil, annotator: String? = nil, keymap: String? = nil,
                theme: String? = nil, records: RecordMode? = nil, textField: String? = nil, classes: [String]? = nil,
                boxes: [String]? = nil, spans: [String]? = nil, polygons: [String]? = nil, masks: [String]? = nil,
                createProjectFile: Bool = false, blind: Bool = false) {
        self.blind = blind
        let given: [(LabelKind, [String]?)] = [(.classes, classes), (.boxes, boxes), (.spans, spans), (.polygons, polygons), (.masks, masks)]
        labelLists = Dictionary(uniqueKeysWithValues: given.compactMap { kind, names in names.map { (kind, $0) } })
        self.paths = paths
        self.sidecarsDirectory = sidecarsDirectory
        self.annotator = annotator
        self.keymap = keymap
        self.theme = theme
        self.records = records
        self.textField = textField
        self.createProjectFile = createProjectFile
    }

    func labelNames(_ kind: LabelKind) -> [String]? { labelLists[kind] }
}

/// Why a dataset could not be opened.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    case noDataFiles(paths: [String], problems: [String])
    case badProjectFile(ConfigDiagnostic)
    case cannotReadProjectFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .noDataFiles(let paths, let problems):
            let detail = problems.isEmpty ? "" : " (" + problems.joined(separator: "; ") + ")"
            return "no images or text files found in \(paths.joined(separator: ", "))\(detail)"
        case .badProjectFile(let diagnostic): return diagnostic.description
        case .cannotReadProjectFile(let path, let reason): return "\(path): cannot read: \(reason)"
        }
    }
}

/// An opened dataset: its data files in order, the project's settings and where sidecars go.
public struct Dataset: Sendable {
    /// The folder paths are shown relative to (the project folder, or the paths' common folder).
    public let root: String
    public let files: [DataFile]
    public let settings: ProjectSettings
    /// The `termlabel.toml` in use, if any.
    public let projectFile: String?
    public let locator: SidecarLocator
    /// Things the user should know (skipped paths, bad config entries), one line each.
    public var warnings: [String]
    /// Who labels which item (`termlabel assign`), if the project deals its items out.
    public var assignments: Assignments?

    /// Where the project's assignments are kept: beside `termlabel.toml` (or in the root).
    public var assignmentsPath: String {
        PathName.join(projectFile.map(PathName.parent) ?? root, Assignments.fileName)
    }

    /// The assignment key of an item of `file` (its path relative to the root, and the record).
    public func assignmentKey(file: Int, record: Int?) -> String {
        Assignments.key(relativePath: files[file].relativePath, record: record)
    }

    /// Opens what `options` names; `environment` supplies `TERMLABEL_ANNOTATOR` and `USER`.
    public static func open(_ options: OpenOptions, fileSystem: any FileSystem = POSIXFileSystem(),
                            environment: [String: String] = [:]) throws(DatasetError) -> Dataset {
        let cwd = fileSystem.currentDirectory()
        let paths = options.paths.map { PathName.absolute($0, from: cwd) }
        var warnings: [String] = []
        let folders = paths.map { fileSystem.stamp(of: $0)?.isDirectory == true ? $0 : PathName.parent($0) }
        var projectFile = ProjectLocator(fileSystem: fileSystem).projectFile(from: folders.first ?? cwd)
        // The root (the project's folder when every path lies in it) is known before the walk,
        // so the walk's threads name each file relative to it.
        var root = PathName.commonAncestor(folders)
        if let projectFile {
            let projectRoot = PathName.parent(projectFile)
            if paths.allSatisfy({ $0 == projectRoot || $0.hasPrefix(projectRoot + "/") }) { root = projectRoot }
        }
        let scanned = DatasetScanner(fileSystem: fileSystem).scan(paths, root: root)
        warnings += scanned.problems
        guard !scanned.files.isEmpty else { throw .noDataFiles(paths: options.paths, problems: scanned.problems) }

        var settings = ProjectSettings()
        if let projectFile {
            let text: [UInt8]
            do { text = try fileSystem.readFile(projectFile) } catch {
                throw .cannotReadProjectFile(path: projectFile, reason: error.reason)
            }
            do {
                let parsed = try ProjectFile.parse(String(decoding: text, as: UTF8.self), file: projectFile)
                settings = parsed.settings
                warnings += parsed.warnings.map(\.description)
            } catch {
                throw .badProjectFile(error)
            }
        }
        let hadLabelOptions = LabelKind.allCases.contains { options.labelNames($0) != nil }
        if hadLabelOptions, options.createProjectFile, let projectFile {
            // `--classes a,b` on a project: the new labels go into its termlabel.toml (as
            // `:label add` does), or what is labeled with them would fail `validate` later.
            warnings += addLabels(options, to: projectFile, known: settings, fileSystem: fileSystem)
        }
        for kind in LabelKind.allCases {
            guard let names = options.labelNames(kind) else { continue }
            var set = settings.labels(kind)
            for name in names where !name.isEmpty && !set.contains(name) { set.labels.append(LabelDefinition(name: name)) }
            settings.setLabels(set, for: kind)
        }
        if hadLabelOptions && projectFile == nil {
            if Set(options.labelLists.keys) == [.classes] { settings.classes.advance = true }
            if options.createProjectFile {
                let path = PathName.join(root, ProjectFile.fileName)
                do {
                    try AtomicFileWriter(fileSystem: fileSystem).write(Array(ProjectFileWriter.text(for: settings).utf8), to: path)
                    projectFile = path
                } catch {
                    warnings.append("could not create \(path) for the given labels: \(error.reason)")
                }
            }
        }
        if options.createProjectFile, let projectFile {
            // `--records` and `--text-field` given to the editor stay with the project, so the
            // next open (and validate, stats, export) reads the data the same way.
            if let records = options.records, records != settings.records {
                do { try ProjectFileLabels.set("records", to: records.rawValue, inTable: "text", in: projectFile, fileSystem: fileSystem) } catch {
                    warnings.append("records = \(records.rawValue) holds for this session only: \(error)")
                }
            }
            if let field = options.textField, field != settings.textField {
                do { try ProjectFileLabels.set("text_field", to: field, inTable: "text", in: projectFile, fileSystem: fileSystem) } catch {
                    warnings.append("text_field = \(field) holds for this session only: \(error)")
                }
            }
        }
        if let records = options.records { settings.records = records }
        if let field = options.textField { settings.textField = field }
        if let keymap = options.keymap { settings.keymap = keymap }
        if let theme = options.theme { settings.theme = theme }
        if options.blind { settings.blind = true }
        settings.annotator = options.annotator ?? environment["TERMLABEL_ANNOTATOR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? settings.annotator ?? environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LOGNAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "anonymous"

        let mirror = options.sidecarsDirectory.map { PathName.absolute($0, from: cwd) }
        if mirror != nil {
            // Sidecars beside the data are not read in --sidecars mode: say so rather than show
            // those items as unlabeled in silence.
            let beside = scanned.files.filter { fileSystem.stamp(of: $0.path + Sidecar.fileSuffix) != nil }.map(\.path)
            if let first = beside.first {
                warnings.append("\(beside.count) sidecar\(beside.count == 1 ? "" : "s") beside the data (e.g. \(first + Sidecar.fileSuffix)) "
                                + "\(beside.count == 1 ? "is" : "are") not read with --sidecars; open without it to see \(beside.count == 1 ? "it" : "them")")
            }
        }
        // A journal beside the data says nothing when the sidecars live in a mirror tree.
        let files = mirror == nil ? scanned.files : scanned.files.map { file in
            var file = file
            file.journalListed = nil
            return file
        }
        var dataset = Dataset(root: root, files: files, settings: settings, projectFile: projectFile,
                              locator: SidecarLocator(dataRoot: root, mirrorRoot: mirror), warnings: warnings)
        let assignmentsPath = dataset.assignmentsPath
        if fileSystem.stamp(of: assignmentsPath) != nil {
            // Unreadable assignments are said, and every item is walked: nobody is kept from work.
            do {
                dataset.assignments = try Assignments.decode(try fileSystem.readFile(assignmentsPath), file: assignmentsPath)
            } catch let error as Diagnostic {
                dataset.warnings.append("\(error.description) (the assignments are not used)")
            } catch {
                dataset.warnings.append("\(assignmentsPath): \(error) (the assignments are not used)")
            }
        }
        return dataset
    }
}

extension Dataset {
    /// The datasets under `options.paths`, one per project: each data file belongs to the
    /// `termlabel.toml` nearest to it, so `validate a b` judges a's files by a's labels and b's
    /// by b's (a single project, the usual case, opens once).
    public static func openPerProject(_ options: OpenOptions, fileSystem: any FileSystem = POSIXFileSystem(),
                                      environment: [String: String] = [:]) throws(DatasetError) -> [Dataset] {
        let whole = try open(options, fileSystem: fileSystem, environment: environment)
        let locator = ProjectLocator(fileSystem: fileSystem)
        var projectOfFolder: [String: String?] = [:]
        // Files come folder by folder: a folder's project is looked up once per run of its files.
        var last: (folder: String, project: String?)?
        let projects = whole.files.map { file -> String? in
            let folder = PathName.parent(file.path)
            if let last, last.folder == folder { return last.project }
            let project = projectOfFolder[folder] ?? locator.projectFile(from: folder)
            projectOfFolder[folder] = project
            last = (folder, project)
            return project
        }
        guard projects.contains(where: { $0 != whole.projectFile }) else { return [whole] }
        var groups: [String?: [DataFile]] = [:]
        var order: [String?] = []
        for (file, project) in zip(whole.files, projects) {
            if groups[project] == nil { order.append(project) }
            groups[project, default: []].append(file)
        }
        var datasets: [Dataset] = []
        for project in order {
            var part = options
            part.paths = (groups[project] ?? []).map(\.path)
            datasets.append(try open(part, fileSystem: fileSystem, environment: environment))
        }
        return datasets
    }

    /// Adds the labels of `--classes/--boxes/--spans` that `projectFile` lacks to it, keeping its
    /// text and comments; returns a warning when that could not be done.
    static func addLabels(_ options: OpenOptions, to projectFile: String, known settings: ProjectSettings,
                          fileSystem: any FileSystem) -> [String] {
        let missing = LabelKind.allCases.flatMap { kind in
            (options.labelNames(kind) ?? []).filter { !$0.isEmpty && !settings.labels(kind).contains($0) }.map { (kind, $0) }
        }
        guard !missing.isEmpty else { return [] }
        do {
            try ProjectFileLabels.add(missing, to: projectFile, fileSystem: fileSystem)
            return []
        } catch {
            return ["could not add \(missing.map(\.1).joined(separator: ", ")) to \(projectFile) (\(error)); they hold for this session only"]
        }
    }
}

/// Finds `termlabel.toml` in a folder or its nearest parent, as git finds `.git`.
public struct ProjectLocator {
    public let fileSystem: any FileSystem

    /// A locator looking through `fileSystem`.
    public init(fileSystem: any FileSystem) { self.fileSystem = fileSystem }

    /// The project file governing `directory` (absolute), if any.
    public func projectFile(from directory: String) -> String? {
        var current = directory
        while true {
            let candidate = PathName.join(current, ProjectFile.fileName)
            if fileSystem.stamp(of: candidate)?.isRegularFile == true { return candidate }
            let parent = PathName.parent(current)
            if parent == current || current == "/" { return nil }
            current = parent
        }
    }
}
