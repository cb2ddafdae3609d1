import ArgumentParser
import LabelDataset
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// The real binary on a pseudo-terminal: key → screen time (until the last byte of the frame)
/// and bytes written, per kind of keystroke.
struct TUIBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Key-to-screen time and bytes written, on a pseudo-terminal.")

    @Option(help: "Terminal width.") var columns = 200
    @Option(help: "Terminal height.") var rows = 60
    @Option(help: "Repetitions per keystroke.") var repetitions = 20
    @Option(help: "Folder for the generated data.") var directory = "/tmp/termlabel-bench-tui"
    @Option(help: "TERM for the session.") var term = "xterm-256color"
    @Flag(help: "Only the steps to the next 12-megapixel JPEG.") var picturesOnly = false
    @Option(help: "Only the steps whose name holds this text (e.g. \"8×\").") var only: String?

    func run() throws {
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        _ = system("rm -rf '\(directory)/demo'")
        mkdir(directory, 0o755)
        guard ChildProcess.run([termlabel, "demo", "--write-only", directory + "/demo"]).status == 0 else {
            throw ValidationError("could not write the demo dataset with \(termlabel)")
        }
        print("\(columns)×\(rows) pseudo-terminal, TERM=\(term), \(repetitions) repetitions; time until the last byte of the frame")
        print("keystroke                                   p50 ms   p90 ms   bytes p50")
        if picturesOnly {
            try pictures()
            return
        }
        try measure("cursor move (l) on a picture", setup: [], keys: Array(repeating: "l", count: repetitions))
        try measure("class key with advance (next item drawn)", setup: ["c"], keys: Array(repeating: "1", count: min(repetitions, 13)))
        try measure("cursor move (l) in text", setup: [":goto 16\r"], keys: Array(repeating: "l", count: repetitions))
        try bigText()
        try measure("one-pixel box corner move (l) at fit", setup: ["b"], keys: Array(repeating: "l", count: repetitions))
        try measure("one-pixel box corner move (l) at 8×", setup: ["+++++", "b"], keys: Array(repeating: "l", count: repetitions))
        try measure("polygon vertex (l then Space) at 8×", setup: ["+++++", "p", " "], keys: Array(repeating: "l ", count: repetitions))
        try measure("brush stroke (l), one-pixel brush, at 8×", setup: ["+++++", "m", "p"], keys: Array(repeating: "l", count: repetitions))
        try measure("brush stroke (l), radius-3 brush, at 8×", setup: ["+++++", "m", "3p"], keys: Array(repeating: "l", count: repetitions))
        try pictures()
    }

    /// A 1 GiB text file (from `termlabel-bench text`): the first screen, a word motion, and
    /// extending a selection by a word.
    func bigText() throws {
        let big = "/tmp/termlabel-bench-text/lines.txt"
        if let only, !"1 GiB file".contains(only) { return }
        guard access(big, R_OK) == 0 else {
            print("(run termlabel-bench text first for the 1 GiB file steps)")
            return
        }
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        _ = system("rm -f '\(big).labels.json' '\(big).labels.json.journal'")
        _ = ChildProcess.run(["cat", big])  // in the page cache, as a file being worked on is
        var firsts: [Double] = []
        for _ in 0..<5 {
            let start = Measure.now()
            guard let terminal = PseudoTerminal([termlabel, "--annotator", "bench", "--spans", "PER,LOC", big], columns: columns, rows: rows,
                                                environment: ["TERM": term, "XDG_STATE_HOME": directory + "/state", "NO_COLOR": "", "COLORTERM": ""]) else {
                throw ValidationError("cannot start a pseudo-terminal")
            }
            firsts.append(terminal.drain(since: start, quiet: 300).milliseconds)
            _ = system("rm -rf '\(directory)/state'")
        }
        print("first screen of a 1 GiB file (start to last byte)  \(pad(Measure.format(Measure.percentile(firsts, 0.5), 2)))   \(pad(Measure.format(Measure.percentile(firsts, 0.9), 2)))")
        try measure("word motion (w) in the 1 GiB file", setup: [], keys: Array(repeating: "w", count: repetitions), data: big)
        try measure("extend a selection by a word (e), 1 GiB file", setup: ["v"], keys: Array(repeating: "e", count: repetitions), data: big)
    }

    /// `]` to the next 12-megapixel JPEG: decoded ahead (the default), and cold (nothing ahead).
    func pictures() throws {
        let folder = directory + "/photos"
        mkdir(folder, 0o755)
        let photo = "/tmp/termlabel-bench-render/photo"
        if access(photo + ".jpg", R_OK) != 0 {
            print("generating a 4000×3000 photo-like JPEG with Python (numpy, Pillow)…")
            mkdir("/tmp/termlabel-bench-render", 0o755)
            guard ChildProcess.run(["python3", "-c", PhotoScript.source, photo]).status == 0 else {
                throw ValidationError("python3 with numpy and Pillow is needed to make the test picture")
            }
        }
        // Six different pictures (mirrored, turned, shifted), so every step redraws the view.
        let variants = """
        import sys
        from PIL import Image, ImageOps
        im = Image.open(sys.argv[1])
        steps = [lambda i: i, ImageOps.mirror, ImageOps.flip, lambda i: i.rotate(180),
                 lambda i: ImageOps.mirror(ImageOps.flip(i)).transpose(Image.Transpose.ROTATE_180).offset if False else Image.eval(i, lambda v: 255 - v),
                 lambda i: i.transform(i.size, Image.Transform.AFFINE, (1, 0, 400, 0, 1, 300))]
        for n, step in enumerate(steps, 1):
            step(im).save(f"{sys.argv[2]}/photo{n}.jpg", quality=90)
        """
        if access(folder + "/photo6.jpg", R_OK) != 0 {
            guard ChildProcess.run(["python3", "-c", variants, photo + ".jpg", folder]).status == 0 else {
                throw ValidationError("could not write the photo variants with Pillow")
            }
        }
        do {
            try measure("] to the next 12 MP JPEG, decoded ahead", setup: [], keys: Array(repeating: "]", count: 5), data: folder, settle: 1500)
        }
        try measure("] to the next 12 MP JPEG, cold", setup: [], keys: Array(repeating: "]", count: 5), data: folder,
                    environment: ["TERMLABEL_PREFETCH": "0"])
    }

    /// Starts a fresh session, types `setup`, then times each of `keys`.
    func measure(_ name: String, setup: [String], keys: [String], data: String? = nil, settle: Int = 120,
                 environment extra: [String: String] = [:]) throws {
        if let only, !name.contains(only) { return }
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        _ = system("rm -rf '\(directory)'/demo/*/*.labels.json '\(directory)'/demo/*/*.journal '\(directory)/state'")
        var environment = ["TERM": term, "XDG_STATE_HOME": directory + "/state", "NO_COLOR": "", "COLORTERM": ""]
        environment.merge(extra) { $1 }
        guard let terminal = PseudoTerminal([termlabel, "--annotator", "bench", "--spans", "PER,LOC", data ?? directory + "/demo"], columns: columns, rows: rows,
                                            environment: environment) else {
            throw ValidationError("cannot start a pseudo-terminal")
        }
        _ = terminal.drain(since: Measure.now(), quiet: 400)
        for key in setup {
            terminal.send(key)
            _ = terminal.drain(since: Measure.now(), quiet: 300)
        }
        var times: [Double] = [], bytes: [Double] = []
        for key in keys {
            // Let decoding ahead finish before the next key, when that is what is measured.
            if settle > 120 { usleep(useconds_t(settle * 1000)) }
            let start = Measure.now()
            terminal.send(key)
            let frame = terminal.drain(since: start, quiet: 120)
            times.append(frame.milliseconds)
            bytes.append(Double(frame.bytes))
        }
        let label = name + String(repeating: " ", count: max(0, 42 - name.count))
        print("\(label)  \(pad(Measure.format(Measure.percentile(times, 0.5), 2)))   \(pad(Measure.format(Measure.percentile(times, 0.9), 2)))   \(pad(String(Int(Measure.percentile(bytes, 0.5))), 9))")
    }

    func pad(_ text: String, _ width: Int = 6) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}
