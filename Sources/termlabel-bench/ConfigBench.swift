import ArgumentParser
import LabelConfig
import LabelCore

/// Loading very large configuration files (issue: reliability): a `termlabel.toml` with N
/// labels, a keymap and a theme with N entries each. Growth should be linear: the time per
/// entry at N and at N/10 is printed side by side.
struct ConfigBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Time to load termlabel.toml, keymaps and themes of many entries.")

    @Option(help: "Entries in the largest files.")
    var entries = 10_000

    func run() throws {
        print("file             entries   ms      µs per entry")
        for count in [entries / 10, entries] {
            let project = "[classes]\nlabels = [\n" + (0..<count).map { "  { name = \"label\($0)\", help = \"Label \($0).\" },\n" }.joined() + "]\n"
            let (_, projectTime) = try Measure.time { _ = try ProjectFile.parse(project, file: "termlabel.toml") }
            let keymap = "[keys.normal]\n" + (0..<count).map { "\"g x\($0)\" = \"next_item\"\n" }.joined()
            let (_, keymapTime) = try Measure.time { _ = try KeymapFile.parse(keymap, file: "keymap.toml") { _ in true } }
            let theme = (0..<count).map { "\"ui.bench.scope\($0)\" = { fg = \"#102030\" }\n" }.joined()
            let (_, themeTime) = try Measure.time {
                _ = try ThemeFile.parse(theme, file: "theme.toml", name: "bench", inherited: { _ in nil })
            }
            for (name, time) in [("termlabel.toml", projectTime), ("keymap.toml", keymapTime), ("theme.toml", themeTime)] {
                print("\(name.padding(16))\(String(count).padding(10))\(Measure.format(time, 1).padding(8))\(Measure.format(time * 1000 / Double(count), 2))")
            }
        }
    }
}
