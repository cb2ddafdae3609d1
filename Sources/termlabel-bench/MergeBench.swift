import ArgumentParser
import LabelCore
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// `termlabel merge-sidecars` on large sidecars (issue: git): a 100,000-annotation base and two
/// sides that each changed, added and deleted a few thousand, merged by the real binary.
struct MergeBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "Three-way sidecar merge time of the real binary.")

    @Option(help: "Annotations in the common ancestor.")
    var annotations = 100_000

    @Option(help: "Annotations each side changes, adds and deletes.")
    var changes = 2_000

    @Option(help: "Runs (the median is reported).")
    var runs = 5

    @Option(help: "Folder for the temporary files.")
    var directory = "/tmp"

    @Flag(help: "Keep the files (to profile a merge by hand).")
    var keep = false

    func run() throws {
        let root = "\(directory)/termlabel-bench-merge-\(getpid())"
        _ = system("mkdir -p '\(root)'")
        defer { if keep { print("files kept in \(root)") } else { _ = system("rm -rf '\(root)'") } }
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        var random = SeededRandom(seed: 10)
        let labels = ["person", "car", "dog", "cat"]
        let base = (0..<annotations).map { index in
            Annotation(id: "b\(index)", shape: .box(BoxGeometry(x: Int.random(in: 0..<500, using: &random), y: Int.random(in: 0..<400, using: &random), width: 20, height: 20)),
                       label: labels[index % 4], author: "ana", time: "2026-12-01T10:00:00Z")
        }
        func side(_ name: String, random: inout SeededRandom) -> Sidecar {
            var list = base
            for _ in 0..<changes { list[Int.random(in: 0..<list.count, using: &random)].label = labels[Int.random(in: 0..<4, using: &random)] + "-" + name }
            for _ in 0..<changes { list.remove(at: Int.random(in: 0..<list.count, using: &random)) }
            for index in 0..<changes { list.append(Annotation(id: "\(name)\(index)", shape: .classification, label: "new", author: name, time: "2026-12-01T11:00:00Z")) }
            return Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 640, height: 480), annotations: list.sorted(by: AnnotationOrder.precedes))
        }
        let baseBytes = SidecarCodec.encode(Sidecar(file: "a.png", kind: .image, image: ImageSize(width: 640, height: 480), annotations: base.sorted(by: AnnotationOrder.precedes)))
        let oursBytes = SidecarCodec.encode(side("ana", random: &random)), theirsBytes = SidecarCodec.encode(side("bo", random: &random))
        try BenchFiles.write(baseBytes, to: root + "/base.json")
        try BenchFiles.write(theirsBytes, to: root + "/theirs.json")
        print("sidecars: \(annotations) annotations (\(Measure.format(Double(baseBytes.count) / 1_048_576, 1)) MB); each side changes, adds and deletes \(changes)")
        var times: [Double] = []
        var peak = 0.0
        var conflicts = 0
        for _ in 0..<runs {
            try BenchFiles.write(oursBytes, to: root + "/ours.json")
            // Conflicts are reported on standard error, one line each: kept out of the report.
            let outcome = ChildProcess.run(["sh", "-c", "exec \"$0\" merge-sidecars \"$1\" \"$2\" \"$3\" 2>/dev/null", termlabel,
                                            root + "/base.json", root + "/ours.json", root + "/theirs.json"])
            guard outcome.status == 0 else { throw ValidationError("merge-sidecars failed with status \(outcome.status)") }
            times.append(outcome.milliseconds / 1000)
            peak = max(peak, outcome.peakMegabytes)
            let merged = try SidecarCodec.decode(try POSIXFileSystem().readFile(root + "/ours.json"), file: "ours.json")
            conflicts = merged.annotations.filter { $0.extra["conflict_of"] != nil }.count
        }
        print("merge-sidecars  median \(Measure.format(Measure.percentile(times, 0.5), 3)) s  min \(Measure.format(times.min() ?? 0, 3)) s  max \(Measure.format(times.max() ?? 0, 3)) s  peak \(Measure.format(peak, 1)) MB  (\(conflicts) conflicts kept side by side)")
    }
}
