import ArgumentParser
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// `termlabel export` on large datasets (issue: interchange): 10,000 pictures with 100,000
/// boxes to COCO and YOLO, and 1,000,000 spans to spaCy JSONL, through the real binary.
struct ExportBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export time and memory of the real binary on large datasets.")

    @Option(help: "Pictures in the picture dataset.")
    var images = 10_000

    @Option(help: "Boxes per picture.")
    var boxesPerImage = 10

    @Option(help: "Text files in the text dataset (each 100 lines of 10 spans).")
    var textFiles = 1_000

    @Option(help: "Runs per format (the median is reported).")
    var runs = 3

    @Option(help: "Folder for the temporary datasets.")
    var directory = "/tmp"

    @Flag(help: "Keep the datasets (to profile an export by hand).")
    var keep = false

    func run() throws {
        let root = "\(directory)/termlabel-bench-export-\(getpid())"
        defer { if keep { print("datasets kept in \(root)") } else { _ = system("rm -rf '\(root)'") } }
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        let (_, imageSetup) = try Measure.time { try makePictures(in: root + "/pictures") }
        let (_, textSetup) = try Measure.time { try makeTexts(in: root + "/texts") }
        print("datasets: \(images) pictures, \(images * boxesPerImage) boxes (made in \(Measure.format(imageSetup / 1000, 1)) s); "
              + "\(textFiles) text files, \(textFiles * 100) lines, \(textFiles * 1000) spans (made in \(Measure.format(textSetup / 1000, 1)) s)")
        print("format    dataset      median s   min s   max s   peak MB   output MB   bare writes s")
        let cases: [(String, String, String)] = [
            ("coco", root + "/pictures", root + "/out/coco.json"),
            ("yolo", root + "/pictures", root + "/out/yolo"),
            ("spacy", root + "/texts", root + "/out/spans.jsonl"),
        ]
        for (format, dataset, output) in cases {
            var times: [Double] = []
            var peak = 0.0
            for _ in 0..<runs {
                _ = system("rm -rf '\(output)'; sync")
                let outcome = ChildProcess.run([termlabel, "export", "--format", format, "-o", output, dataset])
                guard outcome.status == 0 else { throw ValidationError("termlabel export --format \(format) failed with status \(outcome.status)") }
                times.append(outcome.milliseconds / 1000)
                peak = max(peak, outcome.peakMegabytes)
            }
            let size = Double(diskUsage(output)) / 1_048_576
            let bare = bareWrites(like: output, into: root + "/bare")
            print("\(format.padding(8))  \((dataset.hasSuffix("pictures") ? "pictures" : "texts").padding(10))  \(Measure.format(Measure.percentile(times, 0.5), 3).leftPadded(9))   \(Measure.format(times.min() ?? 0, 3).leftPadded(5))   \(Measure.format(times.max() ?? 0, 3).leftPadded(5))   \(Measure.format(peak, 1).leftPadded(7))   \(Measure.format(size, 1).leftPadded(9))   \(Measure.format(bare, 3).leftPadded(13))")
        }
    }

    /// Pictures whose sidecars know their size (as the editor writes them), so nothing is decoded.
    func makePictures(in folder: String) throws {
        let fileSystem = POSIXFileSystem()
        try fileSystem.createDirectories(folder)
        try PNGEncoder.write(PixelImage(width: 1, height: 1, pixels: [0, 0, 0, 255]), to: folder + "/seed.png")
        let png = try fileSystem.readFile(folder + "/seed.png")
        _ = unlink(folder + "/seed.png")
        let labels = ["person", "car", "bicycle", "dog", "cat"]
        var random = SeededRandom(seed: 8)
        for index in 0..<images {
            let sub = folder + "/part\(index / 1000)"
            if index % 1000 == 0 { try fileSystem.createDirectories(sub) }
            let name = "img\(index).png"
            try write(png, to: sub + "/" + name)
            let annotations = (0..<boxesPerImage).map { box in
                Annotation(id: "b\(index)x\(box)", shape: .box(BoxGeometry(x: Int.random(in: 0..<500, using: &random), y: Int.random(in: 0..<350, using: &random),
                                                                              width: 1 + Int.random(in: 0..<140, using: &random), height: 1 + Int.random(in: 0..<130, using: &random))),
                           label: labels[Int.random(in: 0..<labels.count, using: &random)], author: "bench", time: "2026-11-22T10:00:00Z")
            }
            let sidecar = Sidecar(file: name, kind: .image, image: ImageSize(width: 640, height: 480), annotations: annotations)
            try write(SidecarCodec.encode(sidecar), to: sub + "/" + name + ".labels.json")
        }
        try write(Array("[boxes]\nlabels = [\"person\", \"car\", \"bicycle\", \"dog\", \"cat\"]\n".utf8), to: folder + "/termlabel.toml")
    }

    /// Text files read by lines, ten tagged words on each line.
    func makeTexts(in folder: String) throws {
        try POSIXFileSystem().createDirectories(folder)
        let words = ["Ana", "Bo", "Paris", "Lyon", "Acme", "Zürich", "Kim", "Oslo", "Globex", "Lagos"]
        let labels = ["PER", "PER", "LOC", "LOC", "ORG", "LOC", "PER", "LOC", "ORG", "LOC"]
        for file in 0..<textFiles {
            var text = ""
            var annotations: [Annotation] = []
            for line in 0..<100 {
                var offset = 0
                var lineText = ""
                for word in 0..<10 {
                    let token = words[(file + line + word) % words.count]
                    let length = token.unicodeScalars.count
                    annotations.append(Annotation(id: "s\(line)x\(word)", shape: .span(SpanRange(start: offset, end: offset + length, text: token)),
                                                  label: labels[(file + line + word) % words.count], record: line, author: "bench",
                                                  time: "2026-11-22T10:00:00Z"))
                    lineText += token + (word == 9 ? "." : " met ")
                    offset += length + (word == 9 ? 1 : 5)
                }
                text += lineText + "\n"
            }
            let name = "doc\(file).txt"
            try write(Array(text.utf8), to: folder + "/" + name)
            try write(SidecarCodec.encode(Sidecar(file: name, kind: .text, annotations: annotations)), to: folder + "/" + name + ".labels.json")
        }
        try write(Array("[text]\nrecords = \"lines\"\n\n[spans]\nlabels = [\"PER\", \"LOC\", \"ORG\"]\n".utf8), to: folder + "/termlabel.toml")
    }

    func write(_ bytes: [UInt8], to path: String) throws { try BenchFiles.write(bytes, to: path) }

    /// The anchor: seconds to write files of the same names and sizes as `output` with bare
    /// open/write/close (what any exporter must at least do on this file system).
    func bareWrites(like output: String, into folder: String) -> Double {
        guard let pipe = popen("cd '\(output)' 2>/dev/null && find . -type f -printf '%P %s\\n' || stat -c '. %s' '\(output)'", "r") else { return 0 }
        var files: [(String, Int)] = []
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, 4096, pipe) != nil {
            let line = String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard let space = line.lastIndex(of: " "), let size = Int(line[line.index(after: space)...]) else { continue }
            files.append((line[..<space] == "." ? "single" : String(line[..<space]), size))
        }
        pclose(pipe)
        _ = system("rm -rf '\(folder)'; sync")
        let fileSystem = POSIXFileSystem()
        let (_, milliseconds) = Measure.time {
            for (name, size) in files {
                let path = folder + "/" + name
                try? fileSystem.createDirectories(PathName.parent(path))
                let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                guard descriptor >= 0 else { continue }
                var bytes = [UInt8](repeating: 0x30, count: size)
                _ = Glibc.write(descriptor, &bytes, size)
                close(descriptor)
            }
        }
        _ = system("rm -rf '\(folder)'")
        return milliseconds / 1000
    }

    func diskUsage(_ path: String) -> Int {
        guard let pipe = popen("du -sb '\(path)'", "r") else { return 0 }
        defer { pclose(pipe) }
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, 256, pipe) != nil else { return 0 }
        return Int(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: "\t").first ?? "") ?? 0
    }

}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
