import LabelCore
import LabelDataset
import LabelStore

/// One export as the command line and the editor's `:export` run it: where the output goes
/// (a file, a folder, an existing folder's default file name, standard output) and the run.
public enum ExportRun {
    /// The file name used when OUT is an existing folder and the format writes one file.
    public static func defaultFileName(_ format: InterchangeFormat) -> String {
        switch format {
        case .coco: return "coco.json"
        case .conll: return "tags.conll"
        case .spacy: return "spans.jsonl"
        case .labelstudio: return "labelstudio.json"
        case .csv: return "classes.csv"
        default: return format.rawValue
        }
    }

    /// Where `output` (nil or `-`: standard output) sends an export in `format`.
    public static func destination(_ format: InterchangeFormat, output: String?, fileSystem: any FileSystem) throws(InterchangeError) -> ExportSink.Destination {
        switch (output, format.writesFolder) {
        case (nil, true), ("-", true):
            throw InterchangeError("\(format.rawValue) writes a folder of files; name it with -o DIR")
        case (nil, false), ("-", false):
            return .standardOutput
        case (let path?, true):
            if fileSystem.stamp(of: path)?.isRegularFile == true {
                throw InterchangeError("\(path) is a file; \(format.rawValue) writes a folder of files")
            }
            return .folder(path)
        case (let path?, false):
            return fileSystem.stamp(of: path)?.isDirectory == true ? .file(PathName.join(path, defaultFileName(format))) : .file(path)
        }
    }

    /// Exports `dataset` in `format` to `output`; standard output goes to `standardOutput`.
    public static func run(_ dataset: Dataset, format: InterchangeFormat, options: ExportOptions, output: String?, replacesExisting: Bool = false,
                           fileSystem: any FileSystem = POSIXFileSystem(), standardOutput: (([UInt8]) -> Void)? = nil,
                           progress: ((Int, Int) -> Void)? = nil) throws(InterchangeError) -> ExportReport {
        let sink = ExportSink(try destination(format, output: output, fileSystem: fileSystem), fileSystem: fileSystem,
                              replacesExisting: replacesExisting, standardOutputWriter: standardOutput)
        return try Exporter.export(dataset, store: SidecarStore(fileSystem: fileSystem, locator: dataset.locator),
                                   format: format, options: options, to: sink, progress: progress)
    }

    /// `:export FORMAT FILE` inside the editor: the same export as the command line, with its
    /// own store reading the sidecars the editor has already written (every edit is on disk at
    /// once). Typing a file name there is the request to replace it (as `--force`); files of the
    /// dataset are still never replaced. `bilou` is CoNLL with BILOU tags, as on the command line.
    public static func editorHook(dataset: Dataset, home: String?, fileSystem: any FileSystem = POSIXFileSystem())
        -> @Sendable (String, String) throws -> String {
        let shared = SharedDataset(dataset: dataset, fileSystem: fileSystem)
        return { formatName, path in
            guard let format = InterchangeFormat.named(formatName) else {
                throw InterchangeError("unknown format \(formatName) (formats: \(InterchangeFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let expanded = path.hasPrefix("~/") ? (home ?? "~") + path.dropFirst() : path
            guard expanded != "-" else { throw InterchangeError("standard output is the screen here; give a file name") }
            // A relative name is taken from where termlabel was started, and the message says
            // the whole path, so the file is found again.
            let output = PathName.absolute(expanded, from: shared.fileSystem.currentDirectory())
            let options = ExportOptions(scheme: TagScheme.implied(byFormatName: formatName) ?? .iob2)
            let report = try run(shared.dataset, format: format, options: options, output: output, replacesExisting: true, fileSystem: shared.fileSystem)
            let warnings = report.warnings.isEmpty ? "" : " (\(report.warnings.count) left out: \(report.warnings[0]))"
            return report.summary + warnings
        }
    }
}

/// The dataset, captured by the export closure (which the editor calls on its own thread only).
private struct SharedDataset: @unchecked Sendable {
    let dataset: Dataset
    let fileSystem: any FileSystem
}
