import LabelCore
import LabelText

/// The spans of a text item turned into token tags, shared by the CoNLL export.
enum TokenTags {
    /// The tags of a text, and what CoNLL could not hold as it was.
    struct Result {
        var tags: [(token: Range<Int>, tag: String)]
        /// Spans that overlap a longer one: a token has one tag, so the outermost span wins.
        var dropped: [(label: String, range: Range<Int>)] = []
        /// Spans that began or ended inside a token and were widened to whole tokens.
        var widened = 0
    }

    /// Tokens of `text` and a tag for each (IOB2 or BILOU); spans cover the tokens they touch.
    /// Where spans overlap, the outermost (longest; the earlier one on a tie) is kept whole and
    /// the others are left out and counted, never cut into a broken tag sequence.
    static func tags(_ text: String, spans: [(label: String, range: Range<Int>)], scheme: TagScheme) -> Result {
        let tokens = Tokenizer.tokens(in: text)
        var tags = Array(repeating: "O", count: tokens.count)
        var result = Result(tags: [])
        let outermostFirst = spans.sorted { ($0.range.count, -$0.range.lowerBound) > ($1.range.count, -$1.range.lowerBound) }
        for span in outermostFirst {
            let covered = tokens.indices.filter { tokens[$0].overlaps(span.range) }
            guard let first = covered.first, let last = covered.last else { continue }
            guard covered.allSatisfy({ tags[$0] == "O" }) else {
                result.dropped.append(span)
                continue
            }
            if tokens[first].lowerBound != span.range.lowerBound || tokens[last].upperBound != span.range.upperBound { result.widened += 1 }
            for index in covered {
                switch scheme {
                case .iob2: tags[index] = (index == first ? "B-" : "I-") + span.label
                case .bilou:
                    let prefix = first == last ? "U-" : index == first ? "B-" : index == last ? "L-" : "I-"
                    tags[index] = prefix + span.label
                }
            }
        }
        result.tags = zip(tokens, tags).map { ($0, $1) }
        return result
    }
}

/// CoNLL-2003-style columns: `token TAG` per line, a blank line between sentences (each line
/// of a text), `-DOCSTART- O` before each item.
enum CoNLLExporter {
    static func export(_ items: LabeledItems, to sink: ExportSink, progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        var report = ExportReport()
        var output = ""
        var dropped = 0, widened = 0
        var firstDropped: String?
        try items.forEach(kinds: [.text], progress: progress) { item throws(InterchangeError) in
            guard let text = item.text else { return }
            let spans = item.annotations.compactMap { annotation in annotation.span.map { (annotation.label, $0.start..<$0.end) } }
            report.items += 1
            output += "-DOCSTART- O\n\n"
            let scalars = ScalarOffsets(text)
            var sentence = ""
            var lineEnd = 0
            let tagged = TokenTags.tags(text, spans: spans, scheme: items.options.scheme)
            report.annotations += spans.count - tagged.dropped.count
            dropped += tagged.dropped.count
            widened += tagged.widened
            if let example = tagged.dropped.first, firstDropped == nil {
                firstDropped = "\(item.name): \(example.label) \"\(scalars.text(example.range))\""
            }
            for (token, tag) in tagged.tags {
                // A line break between tokens ends the sentence.
                if token.lowerBound > lineEnd, scalars.containsLineBreak(lineEnd..<token.lowerBound), !sentence.isEmpty {
                    output += sentence + "\n"
                    sentence = ""
                }
                let word = scalars.text(token).replacing(" ", with: "_")
                sentence += word + " " + tag + "\n"
                lineEnd = token.upperBound
            }
            if !sentence.isEmpty { output += sentence + "\n" }
            if output.utf8.count >= ExportSink.chunkSize {
                try sink.append(Array(output.utf8))
                output = ""
            }
        }
        try sink.emit(Array(output.utf8))
        report.files = sink.written
        if dropped > 0 {
            report.warnings.append("\(dropped) span\(dropped == 1 ? "" : "s") left out where spans overlap (a token has one tag; the outermost span is kept), e.g. \(firstDropped ?? "")")
        }
        if widened > 0 {
            report.warnings.append("\(widened) span\(widened == 1 ? "" : "s") began or ended inside a word and were widened to whole tokens")
        }
        return report
    }
}

/// spaCy / Prodigy JSONL: one line per item, `{"text", "spans": [{"start","end","label"}],
/// "tokens", "meta"}`; the tokens (termlabel's) make every span align with them, and `meta`
/// names the file and record so the line can be imported back. Classes go in `cats`.
enum SpacyExporter {
    static func export(_ items: LabeledItems, to sink: ExportSink, progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        var report = ExportReport()
        var output = JSONWriter(capacity: ExportSink.chunkSize * 2)
        try items.forEach(kinds: [.text], progress: progress) { item throws(InterchangeError) in
            guard let text = item.text else { return }
            report.items += 1
            output.appendRaw("{\"text\":")
            output.writeString(text)
            output.appendRaw(",\"spans\":[")
            var first = true
            var cats: [String] = []
            for annotation in item.annotations {
                if annotation.isClassification { cats.append(annotation.label) }
                guard let span = annotation.span else { continue }
                report.annotations += 1
                if !first { output.appendRaw(",") }
                first = false
                output.appendRaw("{\"start\":")
                output.appendInteger(span.start)
                output.appendRaw(",\"end\":")
                output.appendInteger(span.end)
                output.appendRaw(",\"label\":")
                output.writeString(annotation.label)
                if annotation.isSuggestion {
                    output.appendRaw(",\"score\":")
                    output.appendNumber(annotation.score ?? 1)
                }
                output.appendRaw("}")
            }
            output.appendRaw("],\"tokens\":[")
            let scalars = ScalarOffsets(text)
            // spaCy's convention, so `Doc(words, spaces)` gives the text back: one space after a
            // token is its `ws`; any other blank run (newlines, more spaces) is a token of its own.
            var pieces: [(range: Range<Int>, ws: Bool)] = []
            var position = 0
            func blanks(upTo end: Int) {
                var start = position
                if start < end, let last = pieces.indices.last, scalars.isSpace(at: start) {
                    pieces[last].ws = true
                    start += 1
                }
                if start < end { pieces.append((start..<end, false)) }
            }
            for token in Tokenizer.tokens(in: text) {
                blanks(upTo: token.lowerBound)
                pieces.append((token, false))
                position = token.upperBound
            }
            blanks(upTo: scalars.count)
            for (index, piece) in pieces.enumerated() {
                if index > 0 { output.appendRaw(",") }
                output.appendRaw("{\"text\":")
                output.writeString(scalars.text(piece.range))
                output.appendRaw(",\"start\":")
                output.appendInteger(piece.range.lowerBound)
                output.appendRaw(",\"end\":")
                output.appendInteger(piece.range.upperBound)
                output.appendRaw(",\"id\":")
                output.appendInteger(index)
                output.appendRaw(piece.ws ? ",\"ws\":true}" : ",\"ws\":false}")
            }
            output.appendRaw("],\"cats\":{")
            for (index, cat) in cats.enumerated() {
                if index > 0 { output.appendRaw(",") }
                output.writeString(cat)
                output.appendRaw(":1.0")
            }
            output.appendRaw("},\"meta\":{\"file\":")
            output.writeString(item.file.relativePath)
            if let record = item.record {
                output.appendRaw(",\"record\":")
                output.appendInteger(record)
            }
            output.appendRaw("}}\n")
            if output.bytes.count >= ExportSink.chunkSize {
                try sink.append(output.bytes)
                output = JSONWriter(capacity: ExportSink.chunkSize * 2)
            }
        }
        try sink.emit(output.bytes)
        report.files = sink.written
        return report
    }
}

/// brat standoff: for each text item a `.txt` copy of its text and a `.ann` with `T1\tPER 0 13\t…`
/// lines (brat offsets are code points, like termlabel's), and `annotation.conf` listing the
/// entity types. Records become files of their own (`name-R.txt`).
enum BratExporter {
    static func export(_ items: LabeledItems, to sink: ExportSink, progress: ((Int, Int) -> Void)?) throws(InterchangeError) -> ExportReport {
        var report = ExportReport()
        var types = Set(items.dataset.settings.spans.labels.map(\.name))
        try items.forEach(kinds: [.text], progress: progress) { item throws(InterchangeError) in
            guard let text = item.text else { return }
            report.items += 1
            var lines: [String] = []
            var number = 0
            for annotation in item.annotations {
                guard let span = annotation.span else { continue }
                number += 1
                report.annotations += 1
                types.insert(annotation.label)
                // brat types cannot hold spaces.
                let type = annotation.label.replacing(" ", with: "_")
                let covered = span.text.replacing("\n", with: " ").replacing("\t", with: " ")
                lines.append("T\(number)\t\(type) \(span.start) \(span.end)\t\(covered)")
                if annotation.isSuggestion { lines.append("#\(number)\tAnnotatorNotes T\(number)\tsuggested, score \(annotation.score ?? 1)") }
            }
            let relative = item.file.relativePath
            let extensionLength = PathName.fileExtension(relative).isEmpty ? 0 : PathName.fileExtension(relative).count + 1
            var stem = String(relative.dropLast(extensionLength))
            if let record = item.record { stem += "-\(record + 1)" }
            try sink.emit(Array(text.utf8), at: stem + ".txt")
            try sink.emit(Array((lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).utf8), at: stem + ".ann")
        }
        let conf = "[entities]\n" + types.sorted().map { $0.replacing(" ", with: "_") }.joined(separator: "\n")
            + "\n\n[relations]\n\n[events]\n\n[attributes]\n"
        try sink.emit(Array(conf.utf8), at: "annotation.conf")
        report.files = sink.written
        return report
    }
}

import LabelDataset
import LabelStore

/// A text's UTF-8 bytes with the byte offset of each code point, so tokens (code-point
/// ranges) become strings without walking the text again.
struct ScalarOffsets {
    let utf8: [UInt8]
    private var offsets: [Int] = []

    init(_ text: String) {
        utf8 = Array(text.utf8)
        offsets.reserveCapacity(utf8.count + 1)
        for (index, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { offsets.append(index) }
        offsets.append(utf8.count)
    }

    /// The number of code points.
    var count: Int { offsets.count - 1 }

    /// The text of the code points `range`.
    func text(_ range: Range<Int>) -> String {
        utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offsets[range.lowerBound]..<offsets[range.upperBound]]), as: UTF8.self) }
    }

    /// Whether the code point at `index` is a plain space.
    func isSpace(at index: Int) -> Bool { index < count && utf8[offsets[index]] == 0x20 }

    /// Whether the code points `range` hold a line feed.
    func containsLineBreak(_ range: Range<Int>) -> Bool { utf8[offsets[range.lowerBound]..<offsets[range.upperBound]].contains(0x0A) }
}
