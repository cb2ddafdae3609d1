import LabelCore
import LabelStore
import LabelText

/// How a data file becomes items, worked out in one place for the editor, stats, validate,
/// import and export: its record mode, its text split into records, and its item keys.
extension Dataset {
    /// How `file` splits into items: `.file` for pictures and for text read whole, else the
    /// project's records setting (or the file type's: `.jsonl` as jsonl).
    public func recordMode(of file: DataFile) -> RecordMode {
        file.kind == .text ? settings.recordMode(forExtension: PathName.fileExtension(file.path)) : .file
    }

    /// Whether `file` is one item (its annotations carry no record).
    public func isWholeFile(_ file: DataFile) -> Bool { recordMode(of: file) == .file }

    /// The text of `file`, mapped and split into records as the project says.
    public func textSource(of file: DataFile) throws(TextFileError) -> TextSource {
        try TextSource(path: file.path, mode: recordMode(of: file), textField: settings.textField)
    }

    /// The record an annotation of `file` is stored under for an item numbered `record`: nil
    /// for a whole file, else the record (the first when none was given).
    public func itemRecord(of file: DataFile, _ record: Int?) -> Int? {
        isWholeFile(file) ? nil : (record ?? 0)
    }

    /// The item keys of `file`: one nil for a whole file, else its record numbers (none when
    /// the text cannot be read).
    public func itemKeys(of file: DataFile) -> [Int?] {
        guard !isWholeFile(file) else { return [nil] }
        guard let source = try? textSource(of: file) else { return [nil] }
        return (0..<source.recordCount).map { $0 }
    }
}
