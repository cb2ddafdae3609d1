import LabelCore
import LabelText

/// spaCy EntityRuler patterns (JSONL, DESIGN §12) matched over termlabel's tokens: phrase
/// patterns (`"pattern": "San Francisco"`, matched token by token on the exact text) and token
/// patterns (`[{"LOWER": "san"}, {"TEXT": {"REGEX": "^Fr"}}, {"IS_DIGIT": true, "OP": "+"}]`).
/// As the EntityRuler does, overlapping matches give way to the longest (then the earliest).
/// Regular expressions are compiled once, when read (so the patterns are not `Sendable`).
public struct EntityPatterns {
    /// What one token must be.
    struct TokenTest {
        enum Attribute: Sendable { case text, lower }
        enum Condition {
            case equals(Attribute, String)
            /// Compiled once, when the patterns are read.
            case regex(Attribute, Regex<AnyRegexOutput>)
            case isDigit(Bool)
        }
        var conditions: [Condition]
        /// `?`, `+`, `*`, or nil for exactly once.
        var op: Character?
    }

    struct Pattern {
        var label: String
        var tokens: [TokenTest]
    }

    let patterns: [Pattern]

    /// The labels the patterns give.
    public var labels: Set<String> { Set(patterns.map(\.label)) }

    /// Reads a patterns file: one JSON object per line; a bad line is an error naming it.
    public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> EntityPatterns {
        var patterns: [Pattern] = []
        for (number, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == 32 || $0 == 9 || $0 == 13 }
            guard !trimmed.isEmpty else { continue }
            func bad(_ message: String) -> Diagnostic { Diagnostic(file: file, line: number + 1, message: message) }
            let value: JSONValue
            do { value = try JSONParser.parse(Array(line)) } catch { throw bad("not JSON: \(error.message)") }
            guard let object = value.objectValue, let label = object["label"]?.stringValue, let pattern = object["pattern"] else {
                throw bad("a pattern needs \"label\" and \"pattern\"")
            }
            if let phrase = pattern.stringValue {
                let tokens = Tokenizer.tokens(in: phrase).map { range in
                    TokenTest(conditions: [.equals(.text, EntityPatterns.slice(Array(phrase.unicodeScalars), range))], op: nil)
                }
                guard !tokens.isEmpty else { throw bad("the phrase is empty") }
                patterns.append(Pattern(label: label, tokens: tokens))
            } else if let entries = pattern.arrayValue {
                var tokens: [TokenTest] = []
                for entry in entries {
                    guard let fields = entry.objectValue else { throw bad("each token of a pattern is an object") }
                    var test = TokenTest(conditions: [], op: nil)
                    for (key, spec) in fields.members {
                        switch key {
                        case "OP":
                            guard let op = spec.stringValue, ["?", "+", "*", "1"].contains(op) else { throw bad("OP must be ?, + or *") }
                            test.op = op == "1" ? nil : op.first
                        case "IS_DIGIT":
                            guard case .bool(let flag) = spec else { throw bad("IS_DIGIT must be true or false") }
                            test.conditions.append(.isDigit(flag))
                        case "TEXT", "ORTH", "LOWER":
                            let attribute: TokenTest.Attribute = key == "LOWER" ? .lower : .text
                            if let text = spec.stringValue {
                                test.conditions.append(.equals(attribute, text))
                            } else if let regex = spec.objectValue?["REGEX"]?.stringValue {
                                guard let compiled = try? Regex(regex) else { throw bad("the REGEX \(regex) cannot be read") }
                                test.conditions.append(.regex(attribute, compiled))
                            } else {
                                throw bad("\(key) takes a string or {\"REGEX\": ...}")
                            }
                        default:
                            throw bad("the token attribute \(key) is not supported (LOWER, TEXT, ORTH, IS_DIGIT, REGEX, OP)")
                        }
                    }
                    tokens.append(test)
                }
                guard !tokens.isEmpty else { throw bad("the pattern is empty") }
                patterns.append(Pattern(label: label, tokens: tokens))
            } else {
                throw bad("\"pattern\" is a phrase (a string) or a list of token objects")
            }
        }
        return EntityPatterns(patterns: patterns)
    }

    static func slice(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    /// The spans of `text` the patterns find (code points), longest first where they overlap.
    public func matches(in text: String) -> [(range: Range<Int>, label: String)] {
        let scalars = Array(text.unicodeScalars)
        let ranges = Tokenizer.tokens(in: text)
        let tokens = ranges.map { EntityPatterns.slice(scalars, $0) }
        var found: [(start: Int, end: Int, label: String)] = []
        for pattern in patterns {
            for start in tokens.indices {
                for end in ends(of: pattern.tokens, from: start, in: tokens) where end > start {
                    found.append((start, end, pattern.label))
                }
            }
        }
        // spaCy's filter_spans: longest first, then earliest; no token in two spans.
        found.sort { ($1.end - $1.start, $0.start) < ($0.end - $0.start, $1.start) }
        var taken = Set<Int>()
        var kept: [(start: Int, end: Int, label: String)] = []
        for match in found where !(match.start..<match.end).contains(where: taken.contains) {
            kept.append(match)
            taken.formUnion(match.start..<match.end)
        }
        return kept.sorted { $0.start < $1.start }.map { (ranges[$0.start].lowerBound..<ranges[$0.end - 1].upperBound, $0.label) }
    }

    /// Every token index where `tests` can end when they start at `start` (operators included).
    func ends(of tests: [TokenTest], from start: Int, in tokens: [String]) -> Set<Int> {
        var positions: Set<Int> = [start]
        for test in tests {
            var next: Set<Int> = []
            for position in positions {
                switch test.op {
                case "?":
                    next.insert(position)
                    if position < tokens.count, passes(test, tokens[position]) { next.insert(position + 1) }
                case "*", "+":
                    if test.op == "*" { next.insert(position) }
                    var cursor = position
                    while cursor < tokens.count, passes(test, tokens[cursor]) {
                        cursor += 1
                        next.insert(cursor)
                    }
                default:
                    if position < tokens.count, passes(test, tokens[position]) { next.insert(position + 1) }
                }
            }
            positions = next
            if positions.isEmpty { break }
        }
        return positions
    }

    func passes(_ test: TokenTest, _ token: String) -> Bool {
        test.conditions.allSatisfy { condition in
            switch condition {
            case .equals(.text, let text): return token == text
            case .equals(.lower, let text): return token.lowercased() == text
            case .regex(let attribute, let regex):
                return (attribute == .lower ? token.lowercased() : token).contains(regex)
            case .isDigit(let flag): return !token.isEmpty && token.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal } == flag
            }
        }
    }
}
