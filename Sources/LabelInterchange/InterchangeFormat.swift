/// The formats termlabel exports and imports (DESIGN §1).
public enum InterchangeFormat: String, CaseIterable, Sendable {
    case coco, yolo, voc, labelme, conll, spacy, brat, labelstudio, csv

    /// Whether the format is a folder of files (else one file, or standard output).
    public var writesFolder: Bool {
        switch self {
        case .yolo, .voc, .labelme, .brat: return true
        default: return false
        }
    }

    /// Whether termlabel can import it.
    public var canImport: Bool {
        switch self {
        case .coco, .yolo, .labelme, .labelstudio, .spacy, .brat: return true
        default: return false
        }
    }

    /// The format named `name` (`jsonl` is spaCy's JSONL, `ls` Label Studio's).
    public static func named(_ name: String) -> InterchangeFormat? {
        switch name.lowercased() {
        case "jsonl", "spacy-jsonl": return .spacy
        case "label-studio", "ls": return .labelstudio
        case "pascal-voc", "pascalvoc": return .voc
        case "iob", "iob2", "bilou": return .conll
        default: return InterchangeFormat(rawValue: name.lowercased())
        }
    }
}

/// Tag schemes for CoNLL exports.
public enum TagScheme: String, CaseIterable, Sendable {
    case iob2, bilou

    /// The scheme a format name implies (`bilou` is CoNLL with BILOU tags), or nil for the default.
    public static func implied(byFormatName name: String) -> TagScheme? {
        switch name.lowercased() {
        case "bilou": return .bilou
        case "iob", "iob2": return .iob2
        default: return nil
        }
    }
}

/// What goes into an export.
public struct ExportOptions: Sendable {
    /// Suggestions (model output not yet reviewed) are left out unless this is set.
    public var includeSuggestions: Bool
    /// Only this annotator's annotations and marks.
    public var annotator: String?
    public var scheme: TagScheme
    /// CSV cells exactly as stored, even those a spreadsheet would run as a formula.
    public var rawCSV: Bool

    /// Options with accepted annotations of everyone, IOB2 tags, formula-safe CSV.
    public init(includeSuggestions: Bool = false, annotator: String? = nil, scheme: TagScheme = .iob2, rawCSV: Bool = false) {
        self.includeSuggestions = includeSuggestions
        self.annotator = annotator
        self.scheme = scheme
        self.rawCSV = rawCSV
    }
}

/// Why an export or import could not be done.
public struct InterchangeError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String

    /// An error saying `message`.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// What an export wrote.
public struct ExportReport: Sendable {
    public var files: [String] = []
    /// The folder a folder format wrote into.
    public var folder: String?
    public var items = 0
    public var annotations = 0
    /// Things left out, one line each (e.g. a box label that is not a YOLO class).
    public var warnings: [String] = []

    /// The one-line summary shown after an export.
    public var summary: String {
        let place: String
        if let folder { place = "\(folder) (\(files.count) file\(files.count == 1 ? "" : "s"))" }
        else { place = files.count == 1 ? files[0] : "\(files.count) files" }
        return "exported \(annotations) annotation\(annotations == 1 ? "" : "s") of \(items) item\(items == 1 ? "" : "s") to \(place)"
    }
}
