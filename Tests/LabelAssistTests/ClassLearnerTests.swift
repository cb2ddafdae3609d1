import LabelAssist
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// `--learn`: classes learned in-process from what people gave, suggested for the rest.
@Suite struct ClassLearnerTests {
    /// Reviews whose class follows from their words, in 300 records; the first 200 are labeled.
    static func reviews() -> [(text: String, label: String)] {
        let good = ["great", "lovely", "excellent", "wonderful", "superb", "fantastic"], bad = ["awful", "terrible", "broken", "horrible", "dreadful", "poor"]
        let things = ["phone", "hotel", "meal", "film", "book", "chair", "service", "room"]
        var random = SeededRandom(seed: 42)
        return (0..<300).map { index in
            let positive = index % 2 == 0
            let words = positive ? good : bad
            let thing = things[Int.random(in: 0..<things.count, using: &random)]
            let filler = ["the", "a", "my", "this"][Int.random(in: 0..<4, using: &random)]
            return ("\(filler) \(thing) was \(words[Int.random(in: 0..<6, using: &random)]) and \(words[Int.random(in: 0..<6, using: &random)])", positive ? "pos" : "neg")
        }
    }

    @Test func textClassesAreLearnedAndScoredAsProbabilities() throws {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[text]\nrecords = \"lines\"\n[classes]\nlabels = [\"pos\", \"neg\"]\n")
        let reviews = Self.reviews()
        folder.write("r.txt", reviews.map(\.text).joined(separator: "\n") + "\n")
        let given = (0..<200).map { Annotation(id: "g\($0)", shape: .classification, label: reviews[$0].label, record: $0, author: "ana") }
        folder.write("r.txt.labels.json", bytes: SidecarCodec.encode(Sidecar(file: "r.txt", kind: .text, annotations: given)))
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path], annotator: "ana"))
        let store = SidecarStore(locator: dataset.locator)
        let learner = ClassLearner(dataset: dataset, store: store)
        #expect(learner.training.texts == 200 && learner.training.pictures == 0 && learner.training.classes == ["pos", "neg"])
        let report = SuggestRun(dataset: dataset, store: store, options: SuggestRun.Options(source: "learned")).run(learner)
        #expect(report.suggested == 100, "only the 100 records without a class: \(report)")
        let suggested = try SidecarCodec.decode(try #require(folder.read("r.txt.labels.json")), file: "r").annotations.filter(\.isSuggestion)
        let right = suggested.filter { $0.label == reviews[$0.record ?? 0].label }
        #expect(Double(right.count) / Double(suggested.count) >= 0.95, "\(right.count) of \(suggested.count)")
        #expect(suggested.allSatisfy { ($0.score ?? 0) > 0.5 && ($0.score ?? 2) <= 1 }, "scores are probabilities of the chosen class")
    }

    @Test func pictureClassesComeFromTheNearestLabeledPictures() throws {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[classes]\nlabels = [\"sea\", \"desert\"]\n")
        var annotations: [String: Annotation] = [:]
        for index in 0..<12 {
            let sea = index % 2 == 0
            var pixels: [UInt8] = []
            for y in 0..<16 { for _ in 0..<16 { pixels += sea ? [20, UInt8(60 + y * 4), 200, 255] : [210, UInt8(170 + y * 2), 90, 255] } }
            let name = "p\(index).png"
            try PNGEncoder.write(PixelImage(width: 16, height: 16, pixels: pixels), to: folder.url(name))
            if index < 8 { annotations[name] = Annotation(id: "c\(index)", shape: .classification, label: sea ? "sea" : "desert", author: "ana") }
        }
        for (name, annotation) in annotations {
            folder.write(name + ".labels.json", bytes: SidecarCodec.encode(Sidecar(file: name, kind: .image, annotations: [annotation])))
        }
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path], annotator: "ana"))
        let store = SidecarStore(locator: dataset.locator)
        let report = SuggestRun(dataset: dataset, store: store, options: SuggestRun.Options(source: "learned")).run(ClassLearner(dataset: dataset, store: store))
        #expect(report.suggested == 4)
        for index in 8..<12 {
            let bytes = try #require(folder.read("p\(index).png.labels.json"))
            let suggestion = try #require(try SidecarCodec.decode(bytes, file: "p").annotations.first)
            #expect(suggestion.label == (index % 2 == 0 ? "sea" : "desert") && (suggestion.score ?? 0) > 0.6, "\(suggestion)")
        }
    }
}
