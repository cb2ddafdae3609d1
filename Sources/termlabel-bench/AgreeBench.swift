import ArgumentParser
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// `termlabel agree` at scale (issue: agreement): 100,000 records × 3 annotators with classes,
/// and 10,000 pictures × 3 annotators × 20 boxes, through the real binary.
struct AgreeBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agree", abstract: "Agreement time and memory of the real binary at scale.")

    @Option(help: "Records with classes.")
    var records = 100_000

    @Option(help: "Pictures with boxes.")
    var pictures = 10_000

    @Option(help: "Boxes per annotator and picture.")
    var boxes = 20

    @Option(help: "Runs of each (the median is reported).")
    var runs = 3

    @Option(help: "Folder for the temporary datasets.")
    var directory = "/tmp"

    func run() throws {
        let root = "\(directory)/termlabel-bench-agree-\(getpid())"
        defer { _ = system("rm -rf '\(root)'") }
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        let annotators = ["ana", "bo", "cy"]
        var random = SeededRandom(seed: 16)
        let (_, setup) = try Measure.time {
            try makeRecords(in: root + "/records", annotators: annotators, random: &random)
            try makePictures(in: root + "/pictures", annotators: annotators, random: &random)
        }
        print("datasets: \(records) records × \(annotators.count) annotators (classes); \(pictures) pictures × \(annotators.count) annotators × \(boxes) boxes (made in \(Measure.format(setup / 1000, 1)) s)")
        print("dataset    median s   min s   max s   peak MB")
        for (name, folder) in [("records", root + "/records"), ("pictures", root + "/pictures")] {
            var times: [Double] = []
            var peak = 0.0
            for _ in 0..<runs {
                let outcome = ChildProcess.run([termlabel, "agree", "--json", folder])
                guard outcome.status == 0 else { throw ValidationError("termlabel agree failed with status \(outcome.status)") }
                times.append(outcome.milliseconds / 1000)
                peak = max(peak, outcome.peakMegabytes)
            }
            print(name.padding(9) + "  " + Measure.format(Measure.percentile(times, 0.5), 3).leftPadded(8) + "   " + Measure.format(times.min() ?? 0, 3).leftPadded(5)
                  + "   " + Measure.format(times.max() ?? 0, 3).leftPadded(5) + "   " + Measure.format(peak, 1).leftPadded(7))
        }
    }

    /// A JSONL file of `records` records and one sidecar where each annotator gave each record a class.
    func makeRecords(in folder: String, annotators: [String], random: inout SeededRandom) throws {
        try POSIXFileSystem().createDirectories(folder)
        var text = ""
        text.reserveCapacity(records * 20)
        for index in 0..<records { text += "{\"text\": \"item \(index)\"}\n" }
        try write(Array(text.utf8), to: folder + "/items.jsonl")
        let labels = ["pos", "neg", "neutral"]
        var annotations: [Annotation] = []
        annotations.reserveCapacity(records * annotators.count)
        for record in 0..<records {
            let truth = Int.random(in: 0..<3, using: &random)
            for (number, name) in annotators.enumerated() {
                let label = Double.random(in: 0..<1, using: &random) < 0.8 ? truth : Int.random(in: 0..<3, using: &random)
                annotations.append(Annotation(id: "r\(record)a\(number)", shape: .classification, label: labels[label], record: record,
                                              author: name, time: "2026-12-01T10:00:00Z"))
            }
        }
        try write(SidecarCodec.encode(Sidecar(file: "items.jsonl", kind: .text, annotations: annotations)), to: folder + "/items.jsonl.labels.json")
        try write(Array("[text]\nrecords = \"jsonl\"\n[classes]\nlabels = [\"pos\", \"neg\", \"neutral\"]\n".utf8), to: folder + "/termlabel.toml")
    }

    /// Pictures whose sidecars hold each annotator's boxes: the same objects, drawn a little apart.
    func makePictures(in folder: String, annotators: [String], random: inout SeededRandom) throws {
        let fileSystem = POSIXFileSystem()
        try fileSystem.createDirectories(folder)
        try PNGEncoder.write(PixelImage(width: 1, height: 1, pixels: [0, 0, 0, 255]), to: folder + "/seed.png")
        let png = try fileSystem.readFile(folder + "/seed.png")
        _ = unlink(folder + "/seed.png")
        let labels = ["person", "car", "dog"]
        for index in 0..<pictures {
            let sub = folder + "/part\(index / 1000)"
            if index % 1000 == 0 { try fileSystem.createDirectories(sub) }
            let name = "img\(index).png"
            try write(png, to: sub + "/" + name)
            let objects = (0..<boxes).map { _ in
                (Int.random(in: 0..<560, using: &random), Int.random(in: 0..<400, using: &random), 10 + Int.random(in: 0..<70, using: &random),
                 10 + Int.random(in: 0..<70, using: &random), labels[Int.random(in: 0..<3, using: &random)])
            }
            var annotations: [Annotation] = []
            for (number, person) in annotators.enumerated() {
                for (position, object) in objects.enumerated() {
                    let x = max(0, object.0 + Int.random(in: -3...3, using: &random)), y = max(0, object.1 + Int.random(in: -3...3, using: &random))
                    annotations.append(Annotation(id: "b\(position)a\(number)", shape: .box(BoxGeometry(x: x, y: y, width: object.2, height: object.3)),
                                                  label: object.4, author: person, time: "2026-12-01T10:00:00Z"))
                }
            }
            try write(SidecarCodec.encode(Sidecar(file: name, kind: .image, image: ImageSize(width: 640, height: 480), annotations: annotations)),
                      to: sub + "/" + name + ".labels.json")
        }
    }

    func write(_ bytes: [UInt8], to path: String) throws { try BenchFiles.write(bytes, to: path) }
}
