import ArgumentParser
import LabelAssist
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// `--learn` at scale (issue 20): training on half of 10,000 items and suggesting classes for
/// the other half, texts and pictures, in-process.
struct LearnBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "learn", abstract: "Learning classes from half of 10,000 texts and pictures, suggesting the rest.")

    @Option(help: "Items of each kind.") var items = 10_000
    @Option(help: "Folder for the generated data.") var directory = "/tmp/termlabel-bench-learn"

    func run() throws {
        _ = system("rm -rf '\(directory)'")
        let texts = directory + "/texts", pictures = directory + "/pictures"
        try POSIXFileSystem().createDirectories(texts)
        let good = ["great", "lovely", "excellent", "wonderful"], bad = ["awful", "terrible", "broken", "dreadful"]
        var random = SeededRandom(seed: 9)
        var lines: [String] = [], labels: [String] = []
        for index in 0..<items {
            let positive = Bool.random(using: &random)
            let word = (positive ? good : bad)[Int.random(in: 0..<4, using: &random)]
            lines.append("item \(index): the service was \(word) and the room \(["small", "large", "quiet"][index % 3])")
            labels.append(positive ? "pos" : "neg")
        }
        try BenchFiles.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: texts + "/reviews.txt")
        let given = (0..<(items / 2)).map { Annotation(id: "g\($0)", shape: .classification, label: labels[$0], record: $0, author: "bench") }
        try BenchFiles.write(SidecarCodec.encode(Sidecar(file: "reviews.txt", kind: .text, annotations: given)), to: texts + "/reviews.txt.labels.json")
        try BenchFiles.write(Array("[text]\nrecords = \"lines\"\n[classes]\nlabels = [\"pos\", \"neg\"]\n".utf8), to: texts + "/termlabel.toml")
        try BenchFiles.writePictures(in: pictures, count: items, project: "[classes]\nlabels = [\"sea\", \"desert\"]\n") { index, name in
            index < items / 2 ? Sidecar(file: name, kind: .image, annotations: [Annotation(id: "c\(index)", shape: .classification,
                                                                                              label: index % 2 == 0 ? "sea" : "desert", author: "bench")]) : nil
        }
        print("\(items) items of each kind, half labeled; train, then suggest a class for the other half")
        for (name, folder) in [("texts", texts), ("pictures", pictures)] {
            let dataset = try Dataset.open(OpenOptions(paths: [folder], annotator: "bench"))
            let store = SidecarStore(locator: dataset.locator)
            let (learner, training) = Measure.time { ClassLearner(dataset: dataset, store: store) }
            let (report, suggesting) = Measure.time {
                SuggestRun(dataset: dataset, store: store, options: SuggestRun.Options(source: "learned", batch: 512)).run(learner)
            }
            print("\(name.leftPadded(8)): train \(Measure.format(training / 1000, 2)) s, suggest \(Measure.format(suggesting / 1000, 2)) s for \(report.suggested) items")
        }
        let reviews = try Dataset.open(OpenOptions(paths: [texts], annotator: "bench"))
        let read = try SidecarStore.read(texts + "/reviews.txt", locator: reviews.locator, fileSystem: POSIXFileSystem()).get()
        let suggested = read?.annotations.filter(\.isSuggestion) ?? []
        let right = suggested.filter { labels[$0.record ?? 0] == $0.label }.count
        print("texts: \(right) of \(suggested.count) suggested classes right")
    }
}
