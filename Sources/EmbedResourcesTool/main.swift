import Foundation

// Writes a Swift file holding the text of the shipped keymaps and themes, so the one built
// binary carries them (no resource bundle to lose when it is copied elsewhere).
// Arguments: OUTPUT FILE...; each FILE's folder (Keymaps or Themes) and name say what it is.
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: embed-resources OUTPUT FILE...\n".utf8))
    exit(2)
}
var keymaps: [(String, String)] = [], themes: [(String, String)] = []
for path in arguments.dropFirst().sorted() {
    let url = URL(fileURLWithPath: path)
    guard url.pathExtension == "toml", let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
    let name = url.deletingPathExtension().lastPathComponent
    switch url.deletingLastPathComponent().lastPathComponent {
    case "Keymaps": keymaps.append((name, text))
    case "Themes": themes.append((name, text))
    default: continue
    }
}
func literal(_ text: String) -> String {
    // A raw string whose delimiter cannot occur in the text.
    var hashes = "#"
    while text.contains("\"" + hashes) { hashes += "#" }
    return hashes + "\"\"\"\n" + text + (text.hasSuffix("\n") ? "" : "\n") + "\"\"\"" + hashes
}
func table(_ entries: [(String, String)]) -> String {
    entries.isEmpty ? "[:]" : "[\n" + entries.map { "        \"\($0.0)\": \(literal($0.1))," }.joined(separator: "\n") + "\n    ]"
}
let source = """
// Generated at build time from Keymaps/ and Themes/ by embed-resources. Do not edit.

/// The keymaps and themes shipped with termlabel, by name.
enum EmbeddedResources {
    static let keymaps: [String: String] = \(table(keymaps))

    static let themes: [String: String] = \(table(themes))
}

"""
do {
    try source.write(toFile: output, atomically: false, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("embed-resources: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
