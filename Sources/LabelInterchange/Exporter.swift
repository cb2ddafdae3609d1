import LabelDataset
import LabelStore

/// Exports a dataset in one of the interchange formats (`termlabel export`, `:export`).
public enum Exporter {
    /// Writes `dataset`'s labeled items in `format` to `sink`; `progress` hears files done.
    public static func export(_ dataset: Dataset, store: SidecarStore, format: InterchangeFormat, options: ExportOptions,
                              to sink: ExportSink, progress: ((Int, Int) -> Void)? = nil) throws(InterchangeError) -> ExportReport {
        let items = LabeledItems(dataset: dataset, store: store, options: options)
        let fileSystem = sink.fileSystem
        sink.protectedFiles = {
            var inodes: Set<UInt64> = []
            var paths = dataset.files.flatMap { [$0.path, store.sidecarPath(for: $0.path)] }
            if let project = dataset.projectFile { paths.append(project) }
            for path in paths { if let inode = fileSystem.stamp(of: path)?.inode { inodes.insert(inode) } }
            return inodes
        }
        var report: ExportReport
        do {
            report = try run(format, items, sink, progress)
        } catch {
            sink.abandon()
            throw error
        }
        report.warnings += items.skipped.lines
        if [.yolo, .voc].contains(format), report.annotations == 0 {
            report.warnings.append("no boxes to write: \(format.rawValue) holds boxes only (for classes, export csv, coco or labelme)")
        }
        report.folder = sink.folder
        if let folder = sink.folder, let stale = staleFiles(in: folder, format: format, written: Set(sink.written), fileSystem: sink.fileSystem) {
            report.warnings.append(stale)
        }
        return report
    }

    /// A warning about files of the format's kind in the export folder that this export did
    /// not write: left from an earlier export, they would still be read as labels.
    static func staleFiles(in folder: String, format: InterchangeFormat, written: Set<String>, fileSystem: any FileSystem) -> String? {
        let (subfolder, suffixes): (String, [String])
        switch format {
        case .yolo: (subfolder, suffixes) = ("labels", [".txt"])
        case .voc: (subfolder, suffixes) = ("Annotations", [".xml"])
        case .labelme: (subfolder, suffixes) = ("", [".json"])
        case .brat: (subfolder, suffixes) = ("", [".ann"])
        default: return nil
        }
        var stale: [String] = []
        var pending = [subfolder.isEmpty ? folder : PathName.join(folder, subfolder)]
        while let current = pending.popLast() {
            for name in (try? fileSystem.listDirectory(current)) ?? [] {
                let path = PathName.join(current, name)
                if fileSystem.stamp(of: path)?.isDirectory == true { pending.append(path); continue }
                if suffixes.contains(where: { name.hasSuffix($0) }) && !written.contains(path) { stale.append(path) }
            }
        }
        guard let first = stale.min() else { return nil }
        return "\(stale.count) file\(stale.count == 1 ? "" : "s") in \(folder) did not come from this export (an earlier one?), e.g. \(first); remove them or export into an empty folder"
    }

    static func run(_ format: InterchangeFormat, _ items: LabeledItems, _ sink: ExportSink,
                    _ progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        switch format {
        case .coco: return try COCOExporter.export(items, to: sink, progress: progress)
        case .yolo: return try YOLOExporter.export(items, to: sink, progress: progress)
        case .voc: return try VOCExporter.export(items, to: sink, progress: progress)
        case .labelme: return try LabelmeExporter.export(items, to: sink, progress: progress)
        case .conll: return try CoNLLExporter.export(items, to: sink, progress: progress)
        case .spacy: return try SpacyExporter.export(items, to: sink, progress: progress)
        case .brat: return try BratExporter.export(items, to: sink, progress: progress)
        case .labelstudio: return try LabelStudioExporter.export(items, to: sink, progress: progress)
        case .csv: return try CSVExporter.export(items, neutraliseFormulas: !items.options.rawCSV, to: sink, progress: progress)
        }
    }
}
