import Foundation
import Testing

/// Rules of the code's shape that the compiler does not check (issue: restructure).
@Suite struct ArchitectureTests {
    /// The package's folder, from this file's place in it.
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file under `Sources/target`, with its text.
    static func sources(_ target: String) throws -> [(name: String, text: String)] {
        let folder = package.appendingPathComponent("Sources").appendingPathComponent(target)
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [(String, String)] = []
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            files.append((target + "/" + relative, try String(contentsOfFile: folder.appendingPathComponent(relative).path, encoding: .utf8)))
        }
        return files
    }

    static let libraries = ["LabelCells", "LabelCore", "LabelText", "LabelImaging", "LabelConfig", "LabelInput", "LabelStore", "LabelDataset",
                            "LabelInterchange", "LabelQuality", "LabelAssist", "LabelEditor", "LabelTerminal", "LabelSession"]

    /// `LabelStore` keeps sidecars and nothing else: it knows no texts, configuration or datasets.
    @Test func theStoreKnowsOnlySidecars() throws {
        var imports: Set<String> = []
        for file in try Self.sources("LabelStore") {
            for line in file.text.split(separator: "\n") where line.hasPrefix("import ") { imports.insert(String(line.dropFirst(7))) }
        }
        #expect(imports.isSubset(of: ["LabelCore", "CFileSupport", "Glibc", "Darwin", "Dispatch", "Synchronization"]), "\(imports.sorted())")
    }

    @Test func noLibraryTargetImportsFoundation() throws {
        // Foundation stays out of the product's libraries (its Linux build is large and its
        // formatting differs from macOS); the few helpers it would give are written once here.
        var offenders: [String] = []
        for target in Self.libraries {
            for file in try Self.sources(target) where file.text.contains("import Foundation") { offenders.append(file.name) }
        }
        #expect(offenders.isEmpty, "\(offenders)")
        #expect(try !Self.sources("LabelCore").isEmpty, "the sources were found")
    }

    @Test func onlyTheTerminalTargetTouchesNcurses() throws {
        var importers: Set<String> = []
        for target in Self.libraries + ["termlabel"] {
            for file in try Self.sources(target) where file.text.contains("import CNCursesw") { importers.insert(target) }
        }
        #expect(importers == ["LabelTerminal"])
    }
}
