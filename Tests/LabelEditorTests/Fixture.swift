#if canImport(Glibc)
import Glibc
#endif
import LabelCells
import LabelConfig
import LabelCore
import LabelEditor
import LabelImaging
import LabelDataset
import LabelStore
import TestSupport
import LabelInput

/// A dataset in a temporary folder and an editor over it, driven by key notation.
final class EditorFixture {
    let folder = TemporaryDirectory()
    var editor: Editor!
    let positions: PositionMemory

    let colorDepth: ColorDepth
    let themeName: String?

    init(project: String = EditorFixture.project, files: [String: String] = [:], pictures: [String: PixelImage] = [:],
         columns: Int = 80, rows: Int = 24, keymapName: String? = nil, colorDepth: ColorDepth = .truecolor, themeName: String? = nil) throws {
        self.colorDepth = colorDepth
        self.themeName = themeName
        folder.write("termlabel.toml", project)
        for (name, text) in files { folder.write(name, text) }
        for (name, picture) in pictures { try PNGEncoder.write(picture, to: folder.url(name)) }
        positions = PositionMemory(path: folder.url("state/positions.json"), fileSystem: POSIXFileSystem())
        editor = try makeEditor(columns: columns, rows: rows, keymapName: keymapName)
    }

    func makeEditor(columns: Int = 80, rows: Int = 24, keymapName: String? = nil, paths: [String]? = nil, userKeymap: String? = nil,
                    annotator: String = "ana", review: Bool = false, colorDepth depth: ColorDepth? = nil,
                    searchInBackground: Bool = false) throws -> Editor {
        let dataset = try Dataset.open(OpenOptions(paths: paths?.map { folder.url($0) } ?? [folder.path], annotator: annotator))
        let loader = ConfigLoader(environment: [:]) { _ in nil }
        var keymap = loader.keymap(keymapName) { CommandName(rawValue: $0) != nil }.keymap
        if let userKeymap, let own = try? KeymapFile.parse(userKeymap, file: "keymap.toml", isKnownCommand: { CommandName(rawValue: $0) != nil }) {
            keymap = keymap.overlaid(with: own.keymap)
        }
        let theme = loader.theme(themeName).theme
        var environment = EditorEnvironment(clock: FixedTime(), identifiers: CountingIdentifiers(), colorDepth: depth ?? colorDepth, positions: positions,
                                            exportFormats: ["coco", "yolo", "voc"], review: review)
        if searchInBackground { environment.backgroundTextBytes = 0 }
        return Editor(dataset: dataset, store: SidecarStore(locator: dataset.locator), keymap: keymap, theme: theme,
                      environment: environment, columns: columns, rows: rows)
    }

    static let project = """
    [classes]
    advance = true
    labels = [ { name = "pos", help = "Positive about it." }, { name = "neg" }, { name = "neutral", key = "n" } ]
    [boxes]
    labels = [ { name = "cat", color = "#ff8800" }, { name = "dog" } ]
    [spans]
    labels = [ { name = "PER" }, { name = "LOC" } ]
    """

    /// Types keys written in keymap notation, separated by spaces (`"c 1"`, `": q ret"`).
    func type(_ keys: String) {
        for notation in keys.split(separator: " ") {
            guard let key = try? KeyNotation.key(String(notation)) else { continue }
            editor.handle(.key(key))
        }
    }

    /// Types literal text (for the command line).
    func typeText(_ text: String) {
        for character in text { editor.handle(.key(Key(.character(character)))) }
    }

    /// The sidecar of `name` as written on disk.
    func sidecar(_ name: String) throws -> Sidecar? {
        guard let bytes = folder.read(name + ".labels.json") else { return nil }
        return try SidecarCodec.decode(bytes, file: name)
    }

    /// The screen as lines.
    var screen: [String] { editor.render().lines }

    /// The screen once the picture on it is decoded (decoding runs on another thread).
    func renderDecoded(timeoutSeconds: Double = 20) -> CellGrid {
        var waited = 0.0
        while true {
            let grid = editor.render()
            if !grid.lines.contains(where: { $0.contains("decoding…") }) || waited >= timeoutSeconds { return grid }
            usleep(10_000)
            waited += 0.01
        }
    }
}
