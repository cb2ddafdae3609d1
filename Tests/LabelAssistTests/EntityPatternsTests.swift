import LabelAssist
import LabelCore
import LabelDataset
import LabelStore
import TestSupport
import Testing

/// `--patterns`: the same spans as spaCy's own EntityRuler on the same texts and patterns.
@Suite struct EntityPatternsTests {
    static let patterns = """
    {"label": "ORG", "pattern": "Apple"}
    {"label": "GPE", "pattern": "San Francisco"}
    {"label": "GPE", "pattern": [{"LOWER": "new"}, {"LOWER": "york"}, {"LOWER": "city", "OP": "?"}]}
    {"label": "DATE", "pattern": [{"IS_DIGIT": true}, {"TEXT": {"REGEX": "^(January|May|June)$"}}, {"IS_DIGIT": true, "OP": "?"}]}
    {"label": "MONEY", "pattern": [{"TEXT": "$"}, {"IS_DIGIT": true, "OP": "+"}]}
    {"label": "ORG", "pattern": [{"LOWER": "acme"}, {"TEXT": {"REGEX": "^[A-Z]"}, "OP": "*"}, {"LOWER": "inc"}]}
    {"label": "PRODUCT", "pattern": [{"LOWER": "iphone"}, {"IS_DIGIT": true, "OP": "*"}]}
    """

    static let texts = [
        "Apple opened a store in San Francisco on 12 May 2024 .",
        "She moved from New York City to new york on 3 June .",
        "Acme Widgets Global Inc paid $ 400 for an iPhone 15 in San Francisco .",
        "Nothing here at all .",
        "Apple Apple San Francisco 7 January",
    ]

    @Test(.enabled(if: RequiredTools.python("spacy")))
    func theSpansAreSpaCysEntityRulers() throws {
        let folder = TemporaryDirectory()
        folder.write("patterns.jsonl", Self.patterns)
        folder.write("texts.txt", Self.texts.joined(separator: "\n") + "\n")
        let patterns = try EntityPatterns.parse(Array(Self.patterns.utf8), file: "patterns.jsonl")
        let ours = Self.texts.enumerated().flatMap { index, text in
            patterns.matches(in: text).map { "\(index) \($0.range.lowerBound) \($0.range.upperBound) \($0.label)" }
        }
        let theirs = try PythonScript.run("""
        import json, sys, spacy
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns([json.loads(line) for line in open(sys.argv[1]) if line.strip()])
        for index, text in enumerate(open(sys.argv[2]).read().splitlines()):
            for ent in nlp(text).ents:
                print(index, ent.start_char, ent.end_char, ent.label_)
        """, [folder.url("patterns.jsonl"), folder.url("texts.txt")]).split(separator: "\n").map(String.init)
        #expect(ours == theirs)
        #expect(ours.count >= 10, "\(ours)")
    }

    @Test func aBadPatternIsNamedByLine() {
        #expect(throws: Diagnostic(file: "p.jsonl", line: 2, message: "the token attribute POS is not supported (LOWER, TEXT, ORTH, IS_DIGIT, REGEX, OP)")) {
            try EntityPatterns.parse(Array("{\"label\": \"A\", \"pattern\": \"x\"}\n{\"label\": \"B\", \"pattern\": [{\"POS\": \"NOUN\"}]}\n".utf8), file: "p.jsonl")
        }
    }

    @Test func suggestWithPatternsSavesSpanSuggestions() throws {
        let folder = TemporaryDirectory()
        folder.write("termlabel.toml", "[text]\nrecords = \"lines\"\n[spans]\nlabels = [\"ORG\", \"GPE\"]\n")
        folder.write("t.txt", Self.texts.joined(separator: "\n") + "\n")
        let dataset = try Dataset.open(OpenOptions(paths: [folder.path], annotator: "ana"))
        let patterns = try EntityPatterns.parse(Array(Self.patterns.utf8), file: "patterns.jsonl")
        let report = SuggestRun(dataset: dataset, store: SidecarStore(locator: dataset.locator), options: SuggestRun.Options(source: "patterns"))
            .run(PatternSuggester(patterns: patterns))
        let sidecar = try SidecarCodec.decode(try #require(folder.read("t.txt.labels.json")), file: "t")
        #expect(sidecar.annotations.filter { $0.record == 0 }.compactMap(\.span?.text).sorted() == ["Apple", "San Francisco"])
        #expect(report.problems.contains { $0.contains("DATE") }, "labels the project lacks are named")
    }
}
