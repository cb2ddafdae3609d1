import Foundation
import LabelConfig
import LabelEditor
import Testing

/// The README's table of every key command is the command table and the bundled keymaps, as
/// they are: a command added, renamed, rebound or redocumented shows up here until the README
/// follows.
@Suite struct CommandReferenceTests {
    @Test func theReadmeTableIsTheCommandTable() throws {
        let loader = ConfigLoader(environment: [:]) { _ in nil }
        let keymaps = ["vim", "arrows"].map { (name: String) -> (name: String, keymap: Keymap) in
            (name: name, keymap: loader.keymap(name) { CommandName(rawValue: $0) != nil }.keymap)
        }
        let expected = CommandReference.markdownTable(keymaps: keymaps)
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOfFile: package.appendingPathComponent("README.md").path, encoding: .utf8)
        let begin = "<!-- commands:begin (generated: CommandReference.markdownTable) -->\n", end = "<!-- commands:end -->"
        let start = try #require(readme.range(of: begin), "the README has the table's markers")
        let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex))
        let table = String(readme[start.upperBound..<stop.lowerBound])
        if table != expected {
            // The table to paste, for whoever changed a command.
            _ = FileManager.default.createFile(atPath: NSTemporaryDirectory() + "/termlabel-command-table.md", contents: Data(expected.utf8))
        }
        #expect(table == expected, "the README's command table is out of date; the current one is in \(NSTemporaryDirectory())termlabel-command-table.md")
        #expect(expected.contains("| `next_item` | `]` |") && expected.split(separator: "\n").count == CommandName.allCases.count + 2)
    }
}
