import ArgumentParser
import LabelCore
import LabelDataset
import LabelStore
#if canImport(Glibc)
import Glibc
#endif

/// Edit → on-disk latency of the store for sidecars of several sizes (issue: foundation).
struct EditLatencyBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "edits", abstract: "Edit-to-disk latency, p50 and p99, by sidecar size.")

    @Option(help: "Annotation counts of the sidecars to measure.")
    var sizes: [Int] = [10, 1_000, 100_000]

    @Option(help: "Edits timed per size.")
    var edits = 500

    @Option(help: "Folder for the temporary dataset (default: /tmp).")
    var directory = "/tmp"

    func run() throws {
        print("edit → on disk (lock, check, apply, write, fdatasync, rename, fsync folder), \(edits) edits each")
        print("annotations   p50 ms   p99 ms   max ms   mode      sidecar KB   fold-in ms")
        for size in sizes {
            let folder = "\(directory)/termlabel-bench-edits-\(getpid())-\(size)"
            mkdir(folder, 0o755)
            defer { _ = system("rm -rf '\(folder)'") }
            let dataPath = folder + "/data.png"
            let data = fopen(dataPath, "w")
            fclose(data)
            let ids = RandomIdentifiers()
            var sidecar = Sidecar(file: "data.png", kind: .image, image: ImageSize(width: 4000, height: 3000))
            sidecar.annotations = (0..<size).map { index in
                Annotation(id: ids.newIdentifier(), shape: .box(BoxGeometry(x: index % 3900, y: index % 2900, width: 50, height: 40)),
                           label: ["cat", "dog", "bird"][index % 3], author: "bench", time: "2026-11-22T10:00:00Z")
            }
            try AtomicFileWriter(fileSystem: POSIXFileSystem()).write(SidecarCodec.encode(sidecar), to: dataPath + ".labels.json")
            let sidecarKB = (POSIXFileSystem().stamp(of: dataPath + ".labels.json")?.size ?? 0) / 1024
            let store = SidecarStore(locator: SidecarLocator(dataRoot: folder))
            let (document, openTime) = Measure.time { store.open(dataPath, as: DataFileDescription(kind: .image)) }
            print("  \(size) annotations: the sidecar (\(sidecarKB / 1024) MB) opens in \(Measure.format(openTime, 1)) ms")
            var latencies: [Double] = []
            var previous = document.annotations.first
            for index in 0..<edits {
                let transaction: Transaction
                if index % 2 == 0 || previous == nil {
                    let box = Annotation(id: ids.newIdentifier(), shape: .box(BoxGeometry(x: index, y: index, width: 10, height: 10)),
                                         label: "cat", author: "bench", time: "2026-11-22T10:00:00Z")
                    transaction = Transaction([.add(box)])
                    previous = box
                } else if let old = previous {
                    var moved = old
                    moved.shape = .box(BoxGeometry(x: index % 100 + 1, y: 3, width: 11, height: 12))
                    transaction = Transaction([.update(from: old, to: moved)])
                    previous = moved
                } else { continue }
                let (_, milliseconds) = try Measure.time { try store.apply(transaction, to: dataPath) }
                latencies.append(milliseconds)
            }
            let journal = POSIXFileSystem().stamp(of: dataPath + ".labels.json.journal") != nil
            let (_, foldIn) = try Measure.time { try store.compact(dataPath) }
            print("\(pad(String(size), 11))   \(pad(Measure.format(Measure.percentile(latencies, 0.5), 3), 6))   \(pad(Measure.format(Measure.percentile(latencies, 0.99), 3), 6))   \(pad(Measure.format(latencies.max() ?? 0, 3), 6))   \(journal ? "journal" : "rewrite")   \(pad(String(sidecarKB), 10))   \(journal ? Measure.format(foldIn, 1) : "-")")
        }
    }

    func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}
