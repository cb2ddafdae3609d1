import LabelCore
import LabelStore
import TestSupport
import Testing

@Suite struct ConcurrentProcessesTests {
    /// Two real processes each apply 500 random edits to the same 10 sidecars at the same time;
    /// every edit of both must be on disk at the end.
    @Test(arguments: [128 << 10, 0])
    func twoProcessesEditingTheSameSidecarsLoseNothing(journalThreshold: Int) async throws {
        let folder = TemporaryDirectory()
        let files = (0..<10).map { folder.write("doc\($0).txt", "document \($0)\n") }
        let bench = BuiltProducts.executable("termlabel-bench")
        async let first = Task.detached {
            ProcessRunner.run(bench, ["random-edits", "--author", "ana", "--seed", "1", "--count", "500",
                                      "--journal-threshold", String(journalThreshold)] + files)
        }.value
        async let second = Task.detached {
            ProcessRunner.run(bench, ["random-edits", "--author", "bo", "--seed", "2", "--count", "500",
                                      "--journal-threshold", String(journalThreshold)] + files)
        }.value
        let results = await [first, second]
        for result in results { #expect(result.status == 0, "\(result.standardError)") }

        var expected: [String: [Annotation]] = [:]
        var expectedDone: [String: Set<String>] = [:]
        for (result, author) in zip(results, ["ana", "bo"]) {
            for line in result.standardOutput.split(separator: "\n") {
                let object = try #require(try JSONParser.parse(String(line)).objectValue)
                let file = try #require(object["file"]?.stringValue)
                for value in object["annotations"]?.arrayValue ?? [] {
                    expected[file, default: []].append(try SidecarCodec.annotation(from: try #require(value.objectValue), file: file))
                }
                if object["done"] == .bool(true) { expectedDone[file, default: []].insert(author) }
            }
        }
        #expect(expected.values.map(\.count).reduce(0, +) > 300)
        for file in files {
            let sidecar = try SidecarCodec.decode(try POSIXFileSystem().readFile(file + ".labels.json"), file: file)
            #expect(Set(sidecar.annotations) == Set(expected[file] ?? []), "\(file)")
            #expect(Set(sidecar.marks.compactMap(\.author)) == expectedDone[file] ?? [], "\(file)")
            #expect(POSIXFileSystem().stamp(of: file + ".labels.json.journal") == nil, "journals are folded in on exit")
        }
    }
}
