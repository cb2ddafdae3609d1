import ArgumentParser
import LabelCore
import LabelText
#if canImport(Glibc)
import Glibc
#endif

/// The big-file text buffer on a generated 1 GiB file of 10 million lines, against `wc -l` on
/// the same file in the same run; and on a 1-million-record JSONL file.
struct TextBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "text", abstract: "Big-file text: first screen, full index, jumps; against wc -l.")

    @Option(help: "Folder for the generated files.") var directory = "/tmp/termlabel-bench-text"
    @Option(help: "Lines in the big file.") var lines = 10_000_000
    @Option(help: "Records in the JSONL file.") var records = 1_000_000
    @Option(help: "Runs per measurement (the median is reported).") var runs = 3

    func run() throws {
        mkdir(directory, 0o755)
        let big = directory + "/lines.txt", jsonl = directory + "/records.jsonl"
        // First screen comes first, while this process is still small.
        if access(big, R_OK) != 0 { print("writing \(lines) lines…"); try Corpus.writeLines(big, count: lines) }
        if access(jsonl, R_OK) != 0 { print("writing \(records) JSONL records…"); try Corpus.writeJSONL(jsonl, count: records) }
        _ = ChildProcess.run(["cat", big])  // both in the page cache, as for wc -l
        let size = (try? MappedFile(path: big).count) ?? 0
        print("file: \(big), \(Measure.format(Double(size) / 1_073_741_824, 2)) GiB")

        var firstScreen: [Double] = []
        var resident = 0.0
        for _ in 0..<runs {
            let (rss, milliseconds) = try Measure.time { () throws -> Double in
                let source = try TextSource(path: big, mode: .lines)
                var screen: [DisplayLine] = []
                var record = 0
                while screen.count < 60, let text = source.record(record)?.text {
                    screen += TextLayout(text: text, width: 200, start: 0).lines
                    record += 1
                }
                return Measure.residentMegabytes()
            }
            firstScreen.append(milliseconds)
            resident = max(resident, rss)
        }
        print("first screen (open, map, 60 lines laid out at 200 columns): \(Measure.format(Measure.percentile(firstScreen, 0.5), 2)) ms, resident \(Measure.format(resident, 1)) MB")

        var wc: [Double] = [], index: [Double] = [], parallel: [Double] = []
        var counted = 0
        for _ in 0..<runs {
            wc.append(ChildProcess.run(["wc", "-l", big]).milliseconds)
            let source = try TextSource(path: big, mode: .lines)
            let (count, milliseconds) = Measure.time { source.recordCount }
            counted = count
            index.append(milliseconds)
            let concurrent = try TextSource(path: big, mode: .lines)
            parallel.append(Measure.time { concurrent.buildIndexConcurrently() }.1)
        }
        let wcTime = Measure.percentile(wc, 0.5), indexTime = Measure.percentile(index, 0.5), parallelTime = Measure.percentile(parallel, 0.5)
        print("wc -l: \(Measure.format(wcTime, 1)) ms; full line index (\(counted) lines): \(Measure.format(indexTime, 1)) ms one thread = \(Measure.format(indexTime / wcTime, 2))× wc, \(Measure.format(parallelTime, 1)) ms on all cores = \(Measure.format(parallelTime / wcTime, 2))× wc")

        let source = try TextSource(path: big, mode: .lines)
        source.buildIndexConcurrently()
        let (_, lastLine) = Measure.time { _ = source.record(source.recordCount - 1).map { TextLayout(text: $0.text, width: 200) } }
        let (total, codePointIndex) = Measure.time { source.codePoints.totalCodePoints }
        var random = SeededRandom(seed: 5)
        var jumps: [Double] = []
        for _ in 0..<100 {
            let target = Int(random.next() % UInt64(total))
            jumps.append(Measure.time {
                let byte = source.codePoints.byteOffset(ofCodePoint: target)
                _ = source.glyphs(ofBytes: byte..<min(source.file.count, byte + 12_000))
            }.1)
        }
        print("jump to the last line and lay it out: \(Measure.format(lastLine, 3)) ms")
        print("code-point index of the whole file: \(Measure.format(codePointIndex, 1)) ms (\(total) code points)")
        print("jump to a random code point and lay out a screen: p50 \(Measure.format(Measure.percentile(jumps, 0.5), 3)) ms, max \(Measure.format(jumps.max() ?? 0, 3)) ms")

        let records = try TextSource(path: jsonl, mode: .jsonl)
        let (_, jsonlFirst) = Measure.time { _ = records.record(0).map { TextLayout(text: $0.text, width: 200) } }
        let (recordCount, jsonlIndex) = Measure.time { records.recordCount }
        let (_, jsonlLast) = Measure.time { _ = records.record(recordCount - 1).map { TextLayout(text: $0.text, width: 200) } }
        let middle = recordCount / 2
        let (_, jsonlMiddle) = Measure.time { _ = records.record(middle).map { TextLayout(text: $0.text, width: 200) } }
        print("JSONL \(recordCount) records: first record on screen \(Measure.format(jsonlFirst, 2)) ms; record index \(Measure.format(jsonlIndex, 1)) ms; record \(middle) \(Measure.format(jsonlMiddle, 3)) ms; last record \(Measure.format(jsonlLast, 3)) ms")
    }
}

/// Generated corpora for the benchmarks: sentences of words from a small vocabulary, with some
/// accented and CJK words so that the text is not all ASCII.
enum Corpus {
    static let words = ["the", "annotator", "marks", "entities", "in", "Paris", "Zürich", "東京", "café", "while", "models",
                        "suggest", "spans", "and", "boxes", "quickly", "over", "SSH", "naïve", "research", "corpus", "Angela", "Merkel"]

    static func sentence(_ random: inout SeededRandom, length: Int) -> String {
        var parts: [String] = []
        var size = 0
        while size < length {
            let word = words[Int(random.next() % UInt64(words.count))]
            parts.append(word)
            size += word.utf8.count + 1
        }
        return parts.joined(separator: " ") + "."
    }

    static func write(_ path: String, lines count: Int, _ line: (inout SeededRandom, Int) -> String) throws {
        guard let file = fopen(path + ".partial", "w") else { throw ValidationError("cannot write \(path)") }
        var random = SeededRandom(seed: 42)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 22)
        for index in 0..<count {
            buffer.append(contentsOf: line(&random, index).utf8)
            buffer.append(0x0A)
            if buffer.count > (1 << 22) - 4096 {
                fwrite(buffer, 1, buffer.count, file)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        fwrite(buffer, 1, buffer.count, file)
        fclose(file)
        rename(path + ".partial", path)
    }

    static func writeLines(_ path: String, count: Int) throws {
        try write(path, lines: count) { random, _ in sentence(&random, length: 90 + Int(random.next() % 30)) }
    }

    static func writeJSONL(_ path: String, count: Int) throws {
        try write(path, lines: count) { random, index in
            let text = sentence(&random, length: 60 + Int(random.next() % 120))
            let object = JSONValue.object(JSONObject(["id": .int(index), "text": .string(text), "lang": .string("mixed")]))
            return String(decoding: JSONWriter.compact(object), as: UTF8.self)
        }
    }
}
