import LabelCells
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore
import LabelText
#if canImport(Glibc)
import Glibc
#endif

/// `--learn` (DESIGN §12): a model trained in-process on the classes people gave suggests
/// classes for the items that have none. Texts: hashed word and character n-grams with a
/// multinomial logistic regression; pictures: an 8×8 Oklab thumbnail with k nearest neighbours.
/// No download, no GPU; scores are probabilities.
public final class ClassLearner: Suggester {
    /// What it was trained on.
    public struct Training: Equatable, Sendable {
        public var texts = 0
        public var pictures = 0
        public var classes: [String] = []
    }

    public private(set) var training = Training()
    private var textModel: TextClassifier?
    private var pictureModel: PictureNeighbours?

    /// Trains on the accepted classes of `dataset`'s items (one per item: an item with several
    /// people's different classes is left out of training).
    public init(dataset: Dataset, store: SidecarStore) {
        var texts: [(features: [Int: Float], label: Int)] = []
        var pictures: [(features: [Float], label: Int)] = []
        var labelIndex: [String: Int] = [:]
        func index(_ label: String) -> Int {
            if let known = labelIndex[label] { return known }
            labelIndex[label] = labelIndex.count
            return labelIndex.count - 1
        }
        for file in dataset.files {
            let document = store.open(file.path, as: DataFileDescription(kind: file.kind))
            let source = file.kind == .text ? try? dataset.textSource(of: file) : nil
            for record in dataset.itemKeys(of: file) {
                let labels = Set(document.annotations(record: record).filter { $0.isClassification && !$0.isSuggestion }.map(\.label))
                guard labels.count == 1, let label = labels.first, dataset.settings.classes.contains(label) else { continue }
                if file.kind == .text, let text = source?.record(record ?? 0)?.text {
                    texts.append((TextClassifier.features(text), index(label)))
                } else if file.kind == .image, let features = PictureNeighbours.features(file.path) {
                    pictures.append((features, index(label)))
                }
            }
        }
        let names = labelIndex.sorted { $0.value < $1.value }.map(\.key)
        training = Training(texts: texts.count, pictures: pictures.count, classes: names)
        if Set(texts.map(\.label)).count >= 2 { textModel = TextClassifier(texts, classes: names) }
        if Set(pictures.map(\.label)).count >= 2 { pictureModel = PictureNeighbours(pictures, classes: names) }
    }

    public func handles(_ kind: ItemKind) -> Bool { kind == .text ? textModel != nil : pictureModel != nil }

    public func suggest(_ item: SuggestionProtocol.Item, settings: ProjectSettings, source: String,
                        identifiers: any IdentifierSource) throws(SuggestFailure) -> SuggestionProtocol.Answer {
        var answer = SuggestionProtocol.Answer()
        let scores: [(String, Double)]?
        if let text = item.text { scores = textModel?.predict(text) } else { scores = pictureModel?.predict(path: item.absolutePath ?? item.path) }
        guard let best = scores?.max(by: { $0.1 < $1.1 }) else { return answer }
        answer.suggestions.append(Annotation(id: identifiers.newIdentifier(), shape: .classification, label: best.0, record: item.record,
                                             status: Annotation.suggestedStatus, score: (best.1 * 1000).rounded() / 1000, source: source))
        return answer
    }

    /// Only items without a class from a person get one suggested.
    public func wants(_ annotations: [Annotation]) -> Bool { !annotations.contains { $0.isClassification && !$0.isSuggestion } }
}

/// Hashed word, word-pair and character-trigram features and a multinomial logistic regression
/// trained by stochastic gradient descent with L2 regularisation.
struct TextClassifier {
    static let dimension = 1 << 18
    let classes: [String]
    private var weights: [Float]
    private var bias: [Float]

    /// Sparse features of `text`: counts of hashed n-grams, scaled to unit length.
    static func features(_ text: String) -> [Int: Float] {
        var counts: [Int: Float] = [:]
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        func add(_ key: String) { counts[Int(Assignments.stableHash(key) % UInt64(dimension)), default: 0] += 1 }
        for (index, word) in words.enumerated() {
            add("w:" + word)
            if index > 0 { add("b:" + words[index - 1] + " " + word) }
            let padded = Array(" " + word + " ")
            if padded.count >= 3 { for start in 0...(padded.count - 3) { add("c:" + String(padded[start..<(start + 3)])) } }
        }
        let norm = sqrt(counts.values.reduce(0) { $0 + $1 * $1 })
        return norm > 0 ? counts.mapValues { $0 / norm } : counts
    }

    init(_ examples: [(features: [Int: Float], label: Int)], classes: [String], epochs: Int = 12) {
        self.classes = classes
        let count = classes.count
        weights = [Float](repeating: 0, count: count * Self.dimension)
        bias = [Float](repeating: 0, count: count)
        var order = Array(examples.indices)
        var random = SeededRandom(seed: 1)
        let l2: Float = 1e-5
        for epoch in 0..<epochs {
            order.shuffle(using: &random)
            let rate: Float = 0.5 / (1 + Float(epoch) * 0.5)
            for index in order {
                let example = examples[index]
                let probabilities = probabilities(example.features)
                for label in 0..<count {
                    let gradient = probabilities[label] - (label == example.label ? 1 : 0)
                    bias[label] -= rate * gradient
                    let base = label * Self.dimension
                    for (feature, value) in example.features {
                        weights[base + feature] -= rate * (gradient * value + l2 * weights[base + feature])
                    }
                }
            }
        }
    }

    func probabilities(_ features: [Int: Float]) -> [Float] {
        var logits = bias
        for label in logits.indices {
            let base = label * Self.dimension
            for (feature, value) in features { logits[label] += weights[base + feature] * value }
        }
        let top = logits.max() ?? 0
        let exponentials = logits.map { expf($0 - top) }
        let total = exponentials.reduce(0, +)
        return exponentials.map { $0 / total }
    }

    func predict(_ text: String) -> [(String, Double)] {
        zip(classes, probabilities(Self.features(text))).map { ($0, Double($1)) }
    }
}

/// Pictures as 8×8 Oklab thumbnails; a picture's class scores are the (distance-weighted,
/// smoothed) votes of its k nearest labeled pictures.
struct PictureNeighbours {
    /// Every example's features one after another (one flat array: the search runs over it).
    let features: [Float]
    let labels: [Int]
    let classes: [String]
    let k = 5
    static let dimension = 8 * 8 * 3

    init(_ examples: [(features: [Float], label: Int)], classes: [String]) {
        features = examples.flatMap(\.features)
        labels = examples.map(\.label)
        self.classes = classes
    }

    /// The thumbnail features of the picture at `path`, or nil when it cannot be read.
    static func features(_ path: String) -> [Float]? {
        guard let decoded = try? ImageDecoder().decode(path, minimumSize: ImageSize(width: 32, height: 32)) else { return nil }
        let image = decoded.image
        guard image.width > 0, image.height > 0 else { return nil }
        var sums = [Float](repeating: 0, count: 8 * 8 * 3), counts = [Float](repeating: 0, count: 64)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let offset = (y * image.width + x) * 4
                let color = Oklab(RGB(image.pixels[offset], image.pixels[offset + 1], image.pixels[offset + 2]))
                let cell = (y * 8 / image.height) * 8 + x * 8 / image.width
                sums[cell * 3] += color.l
                sums[cell * 3 + 1] += color.a
                sums[cell * 3 + 2] += color.b
                counts[cell] += 1
            }
        }
        return sums.indices.map { sums[$0] / max(1, counts[$0 / 3]) }
    }

    func predict(path: String) -> [(String, Double)]? {
        let query = Self.features(path)
        guard let query, query.count == Self.dimension else { return nil }
        // The k nearest, kept in a small sorted list (no sort of every example).
        var nearest: [(distance: Float, label: Int)] = []
        self.features.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { wanted in
                for example in labels.indices {
                    let base = example * Self.dimension
                    var distance: Float = 0
                    for index in 0..<Self.dimension {
                        let difference = all[base + index] - wanted[index]
                        distance += difference * difference
                    }
                    guard nearest.count < k || distance < (nearest.last?.distance ?? .infinity) else { continue }
                    let at = nearest.firstIndex { $0.distance > distance } ?? nearest.count
                    nearest.insert((distance, labels[example]), at: at)
                    if nearest.count > k { nearest.removeLast() }
                }
            }
        }
        var votes = [Double](repeating: 1.0 / Double(classes.count + k), count: classes.count)
        for neighbour in nearest { votes[neighbour.label] += 1 / (1 + Double(neighbour.distance) * 10) }
        let total = votes.reduce(0, +)
        return zip(classes, votes).map { ($0, $1 / total) }
    }
}
