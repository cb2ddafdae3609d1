import ArgumentParser
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// `termlabel import` of a large COCO file (issue: interchange): 5,000 pictures with 50,000
/// fractional boxes through the real binary, against `pycocotools.coco.COCO(file)` loading the
/// same file in the same run.
struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "COCO import time of the real binary against pycocotools.")

    @Option(help: "Pictures in the dataset.")
    var images = 5_000

    @Option(help: "Boxes per picture.")
    var boxesPerImage = 10

    @Option(help: "Runs of each (the median is reported).")
    var runs = 3

    @Option(help: "Folder for the temporary dataset.")
    var directory = "/tmp"

    @Flag(help: "Keep the dataset (to profile an import by hand).")
    var keep = false

    func run() throws {
        let root = "\(directory)/termlabel-bench-import-\(getpid())"
        defer { if keep { print("dataset kept in \(root)") } else { _ = system("rm -rf '\(root)'") } }
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        // A fresh copy of the pictures per run: deleting thousands of sidecars between runs
        // would make ext4 skip the recently freed inodes (recently_deleted) and slow every
        // file creation after it, which a user importing into their dataset never sees.
        let (_, setup) = try Measure.time { try makeDataset(in: root) }
        print("dataset: \(images) pictures, \(images * boxesPerImage) boxes in \(root)/coco.json, \(runs) copies (made in \(Measure.format(setup / 1000, 1)) s)")
        var ours: [Double] = [], theirs: [Double] = [], bare: [Double] = []
        var peak = 0.0
        for run in 0..<runs {
            let data = "\(root)/data\(run)"
            _ = system("sync")
            let anchor = ChildProcess.run(["python3", "-c", "import sys; from pycocotools.coco import COCO; COCO(sys.argv[1])", root + "/coco.json"])
            guard anchor.status == 0 else { throw ValidationError("pycocotools failed (is it installed?)") }
            theirs.append(anchor.milliseconds / 1000)
            let outcome = ChildProcess.run([termlabel, "import", "--format", "coco", "--annotator", "bench", root + "/coco.json", data])
            guard outcome.status == 0 else { throw ValidationError("termlabel import failed with status \(outcome.status)") }
            ours.append(outcome.milliseconds / 1000)
            peak = max(peak, outcome.peakMegabytes)
            let sidecars = countSidecars(data)
            guard sidecars == images else { throw ValidationError("expected \(images) sidecars, found \(sidecars)") }
            bare.append(bareWrites(in: data))
        }
        let median = Measure.percentile(ours, 0.5), anchor = Measure.percentile(theirs, 0.5), floor = Measure.percentile(bare, 0.5)
        func row(_ name: String, _ values: [Double], _ note: String) {
            print(name.padding(20) + "  " + Measure.format(Measure.percentile(values, 0.5), 3).leftPadded(8) + "   "
                  + Measure.format(values.min() ?? 0, 3).leftPadded(5) + "   " + Measure.format(values.max() ?? 0, 3).leftPadded(5) + "   " + note)
        }
        print("                      median s   min s   max s")
        row("termlabel import", ours, "(peak \(Measure.format(peak, 1)) MB; \(images) sidecars, durable when it returns)")
        row("pycocotools COCO()", theirs, "(loads the file, writes nothing)")
        row("bare writes", bare, "(create, write 2.6 kB, close a file beside each picture; no sync)")
        print("ratio: \(Measure.format(median / max(anchor, 0.001), 2))× pycocotools, \(Measure.format(median / max(floor, 0.001), 2))× bare writes")
    }

    /// Pictures (one small PNG copied; headers say 640×480) in folders of 1,000, and a COCO
    /// file of fractional boxes over them.
    func makeDataset(in root: String) throws {
        let fileSystem = POSIXFileSystem()
        for run in 0..<runs { try fileSystem.createDirectories(root + "/data\(run)") }
        try PNGEncoder.write(PixelImage(width: 640, height: 480, pixels: [UInt8](repeating: 90, count: 640 * 480 * 4)), to: root + "/seed.png")
        let png = try fileSystem.readFile(root + "/seed.png")
        var random = SeededRandom(seed: 11)
        var json = "{\"images\":["
        var annotations = ""
        var annotationID = 0
        for index in 0..<images {
            let folder = "part\(index / 1000)"
            for run in 0..<runs {
                if index % 1000 == 0 { try fileSystem.createDirectories("\(root)/data\(run)/\(folder)") }
                try write(png, to: "\(root)/data\(run)/\(folder)/img\(index).png")
            }
            json += (index > 0 ? "," : "") + "{\"id\":\(index + 1),\"file_name\":\"\(folder)/img\(index).png\",\"width\":640,\"height\":480}"
            for _ in 0..<boxesPerImage {
                annotationID += 1
                let width = 1 + Double(Int.random(in: 0..<14000, using: &random)) / 100, height = 1 + Double(Int.random(in: 0..<13000, using: &random)) / 100
                let x = Double(Int.random(in: 0..<(64000 - Int(width * 100)), using: &random)) / 100
                let y = Double(Int.random(in: 0..<(48000 - Int(height * 100)), using: &random)) / 100
                annotations += (annotationID > 1 ? "," : "") + "{\"id\":\(annotationID),\"image_id\":\(index + 1),\"category_id\":\(1 + Int.random(in: 0..<5, using: &random) * 2),"
                    + "\"bbox\":[\(x),\(y),\(width),\(height)],\"area\":\(width * height),\"iscrowd\":0}"
            }
        }
        json += "],\"categories\":[" + ["person", "bicycle", "car", "dog", "cat"].enumerated().map { "{\"id\":\($0 * 2 + 1),\"name\":\"\($1)\"}" }.joined(separator: ",")
        json += "],\"annotations\":[" + annotations + "]}\n"
        try write(Array(json.utf8), to: root + "/coco.json")
    }

    /// The file system's floor: seconds to create, write and close a sidecar-sized file beside
    /// each picture (what any importer must at least do here); left until the dataset goes.
    func bareWrites(in data: String) -> Double {
        let bytes = [UInt8](repeating: 0x30, count: 2600)
        let paths = (0..<images).map { "\(data)/part\($0 / 1000)/img\($0).png.bare.json" }
        _ = system("sync")
        let (_, milliseconds) = Measure.time {
            for path in paths {
                let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                guard descriptor >= 0 else { continue }
                _ = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                close(descriptor)
            }
        }
        return milliseconds / 1000
    }

    func write(_ bytes: [UInt8], to path: String) throws { try BenchFiles.write(bytes, to: path) }

    func countSidecars(_ folder: String) -> Int {
        guard let pipe = popen("find '\(folder)' -name '*.labels.json' | wc -l", "r") else { return 0 }
        defer { pclose(pipe) }
        var buffer = [CChar](repeating: 0, count: 64)
        guard fgets(&buffer, 64, pipe) != nil else { return 0 }
        return Int(String(decoding: buffer.prefix { $0 != 0 && $0 != 10 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).filter { $0 != " " }) ?? 0
    }
}
