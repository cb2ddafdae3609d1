import ArgumentParser
import LabelCells
import LabelCore
import LabelImaging
#if canImport(Glibc)
import Glibc
#endif

/// `termlabel render` against chafa on a 4000×3000 photo-like JPEG and PNG: wall time, peak
/// memory, and fidelity (PSNR of the pixels the cells show against a box-filtered reference).
struct RenderBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "termlabel render against chafa: time, memory, fidelity.")

    @Option(help: "Runs per measurement (the median is reported).") var runs = 5
    @Option(help: "Cells across.") var cols = 200
    @Option(help: "Cells down.") var rows = 60
    @Option(help: "Folder for the generated pictures.") var directory = "/tmp/termlabel-bench-render"

    func run() throws {
        mkdir(directory, 0o755)
        let termlabel = ChildProcess.productsDirectory() + "/termlabel"
        guard access(termlabel, X_OK) == 0 else { throw ValidationError("build termlabel first: swift build -c release") }
        let photo = directory + "/photo"
        if access(photo + ".png", R_OK) != 0 {
            print("generating a 4000×3000 photo-like picture with Python (numpy, Pillow)…")
            let result = ChildProcess.run(["python3", "-c", PhotoScript.source, photo])
            guard result.status == 0 else { throw ValidationError("python3 with numpy and Pillow is needed to make the test picture") }
        }
        let chafaVersion = ChildProcess.run(["chafa", "--version"], outputPath: directory + "/version.txt")
        guard chafaVersion.status == 0 else { throw ValidationError("chafa is needed (apt-get install chafa)") }
        print("\(cols)×\(rows) cells, median of \(runs) runs, both stretched to fill the cells exactly; reference: Pillow BOX resize")
        print("picture  colours  tool        ms      MB   PSNR dB   speed-up  memory ratio")
        for format in ["jpg", "png"] {
            let file = "\(photo).\(format)"
            printPhases(file, format: format)
            // The reference: what the cells should show, averaged by an independent tool.
            let referencePath = directory + "/reference-\(format).rgb"
            _ = ChildProcess.run(["python3", "-c", PhotoScript.reference, file, String(cols), String(rows * 2), referencePath])
            let reference = readBytes(referencePath)
            for colors in ["full", "256"] {
                let chafa = measure(["chafa", "-f", "symbols", "--symbols=vhalf", "-s", "\(cols)x\(rows)", "--stretch", "-c", colors, file])
                let ours = measure([termlabel, "render", file, "--cols", String(cols), "--rows", String(rows), "--stretch",
                                    "--colors", colors == "full" ? "truecolor" : "256"])
                let label = colors == "full" ? "24-bit" : "256   "
                for (name, result) in [("chafa    ", chafa), ("termlabel", ours)] {
                    let psnr = ANSIPicture.psnr(ANSIPicture.pixels(of: result.output, width: cols, height: rows), reference)
                    let ratio = name == "termlabel" ? "\(Measure.format(chafa.milliseconds / max(0.001, ours.milliseconds), 2))×" : ""
                    let memory = name == "termlabel" ? "\(Measure.format(ours.megabytes / max(0.001, chafa.megabytes), 2))" : ""
                    print("\(format)      \(label)   \(name)  \(pad(Measure.format(result.milliseconds, 1), 6))  \(pad(Measure.format(result.megabytes, 1), 6))   \(pad(Measure.format(psnr, 2), 6))   \(pad(ratio, 8))  \(memory)")
                }
            }
        }
    }

    /// Where the time goes inside one process (median of `runs`): decoding and averaging
    /// down, choosing colours and making cells, and encoding escape sequences.
    func printPhases(_ file: String, format: String) {
        var decode: [Double] = [], cells: [Double] = [], encode: [Double] = []
        let target = ImageSize(width: cols, height: rows * 2)
        for _ in 0..<runs {
            guard let (pixels, decodeTime) = try? Measure.time({ try ImageDecoder().decode(file, resizedTo: target) }) else { return }
            let (grid, cellTime) = Measure.time { HalfBlockRenderer(depth: .palette256).render(pixels) }
            let (_, encodeTime) = Measure.time { ANSIEncoder.encodeBytes(grid) }
            decode.append(decodeTime)
            cells.append(cellTime)
            encode.append(encodeTime)
        }
        print("in process, \(format): decode and average \(Measure.format(Measure.percentile(decode, 0.5), 1)) ms, 256-colour cells \(Measure.format(Measure.percentile(cells, 0.5), 1)) ms, escape codes \(Measure.format(Measure.percentile(encode, 0.5), 1)) ms")
    }

    func measure(_ arguments: [String]) -> (milliseconds: Double, megabytes: Double, output: String) {
        let outputPath = directory + "/out.txt"
        _ = ChildProcess.run(arguments, outputPath: outputPath)  // warm the page cache
        var times: [Double] = [], memory: [Double] = []
        for _ in 0..<runs {
            let outcome = ChildProcess.run(arguments, outputPath: outputPath)
            times.append(outcome.milliseconds)
            memory.append(outcome.peakMegabytes)
        }
        return (Measure.percentile(times, 0.5), Measure.percentile(memory, 0.5), String(decoding: readBytes(outputPath), as: UTF8.self))
    }

    func readBytes(_ path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else { return [] }
        defer { fclose(file) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = fread(&chunk, 1, chunk.count, file)
            if got == 0 { break }
            result.append(contentsOf: chunk[0..<got])
        }
        return result
    }

    func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}

/// The Python the render benchmark runs: a photo-like test picture and the reference.
enum PhotoScript {
    static let source = """
    import sys
    import numpy as np
    from PIL import Image, ImageFilter, ImageDraw
    rng = np.random.default_rng(1)
    h, w = 3000, 4000
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    r = 120 + 70 * np.sin(x / 370 + y / 530) + 35 * np.cos(x / 90 - y / 140)
    g = 115 + 80 * np.sin(x / 610 - 1.3) * np.cos(y / 410) + 20 * np.sin(y / 45)
    b = 100 + 60 * np.cos((x + y) / 800) + 40 * np.sin(x / 60) * np.sin(y / 75)
    picture = np.stack([r, g, b], -1)
    picture += rng.normal(0, 10, picture.shape).astype(np.float32)
    image = Image.fromarray(np.clip(picture, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for i in range(60):
        cx, cy, radius = rng.integers(0, w), rng.integers(0, h), rng.integers(40, 400)
        color = tuple(int(c) for c in rng.integers(0, 255, 3))
        draw.ellipse([cx - radius, cy - radius * 0.7, cx + radius, cy + radius * 0.7], fill=color)
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    noise = rng.normal(0, 6, (h, w, 3)).astype(np.float32)
    image = Image.fromarray(np.clip(np.asarray(image).astype(np.float32) + noise, 0, 255).astype(np.uint8))
    image.save(sys.argv[1] + ".jpg", quality=90)
    image.save(sys.argv[1] + ".png")
    """

    static let reference = """
    import sys
    from PIL import Image
    image = Image.open(sys.argv[1]).convert("RGB")
    open(sys.argv[4], "wb").write(image.resize((int(sys.argv[2]), int(sys.argv[3])), Image.BOX).tobytes())
    """
}
