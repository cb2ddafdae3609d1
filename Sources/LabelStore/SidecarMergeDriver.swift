import Dispatch
import LabelCore
import Synchronization

/// Why a merge could not be made; git then reports an ordinary conflict and OURS is untouched.
public struct SidecarMergeError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

/// `termlabel merge-sidecars BASE OURS THEIRS [PATH]`: the files git hands a merge driver,
/// merged three ways and the result written atomically over OURS (DESIGN §10).
public struct SidecarMergeDriver: Sendable {
    public let fileSystem: any FileSystem

    /// A driver reading and writing through `fileSystem`.
    public init(fileSystem: any FileSystem = POSIXFileSystem()) { self.fileSystem = fileSystem }

    /// Merges; returns one line per conflict. `path` is the sidecar's place in the working
    /// tree: a journal of pending edits beside it is folded into OURS first (its edits were made
    /// on top of OURS), and removed once the merged sidecar holds them.
    public func merge(base: String, ours: String, theirs: String, path: String?) throws(SidecarMergeError) -> [String] {
        let name = path ?? ours
        // The three sides are decoded side by side (large sidecars take most of a merge's time).
        let sides = [(base, "\(name) (common ancestor)", true), (ours, "\(name) (ours)", false), (theirs, "\(name) (theirs)", false)]
        let results = ResultBox(count: 3)
        DispatchQueue.concurrentPerform(iterations: 3) { index in
            let (path, label, emptyAllowed) = sides[index]
            results.set(index, Result { () throws(SidecarMergeError) in try read(path, as: label, emptyAllowed: emptyAllowed) })
        }
        let baseSidecar = try results.get(0).get()
        var oursSidecar = try results.get(1).get()
        let theirsSidecar = try results.get(2).get()
        var journal: String?
        if let path, fileSystem.stamp(of: path + Journal.suffix) != nil {
            do { oursSidecar = try JournalFolding.folded(oursSidecar, journal: path + Journal.suffix, fileSystem: fileSystem) } catch {
                throw SidecarMergeError(description: "\(error.description); pending edits not merged, so git reports a conflict")
            }
            journal = path + Journal.suffix
        }
        let merge = SidecarMerge(base: baseSidecar, ours: oursSidecar, theirs: theirsSidecar)
        // The merge sorts its result already.
        let bytes = SidecarCodec.encode(header: merge.result, sortedAnnotations: merge.result.annotations, sortedMarks: merge.result.marks)
        do { try AtomicFileWriter(fileSystem: fileSystem).write(bytes, to: ours) } catch {
            throw SidecarMergeError(description: "\(ours): cannot write the merged sidecar: \(error.description)")
        }
        if let journal { try? fileSystem.removeFile(journal) }
        return merge.conflicts.map { "\(name): merge conflict: \($0); flagged" }
    }

    func read(_ path: String, as label: String, emptyAllowed: Bool) throws(SidecarMergeError) -> Sidecar {
        let bytes: [UInt8]
        do { bytes = try fileSystem.readFile(path) } catch {
            throw SidecarMergeError(description: "\(label): cannot read \(path): \(error.reason)")
        }
        // git gives an empty ancestor when both sides added the file.
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            guard emptyAllowed else { throw SidecarMergeError(description: "\(label): the file is empty") }
            return Sidecar(file: "", kind: nil)
        }
        do { return try SidecarCodec.decode(bytes, file: label) } catch {
            throw SidecarMergeError(description: "\(error.description); not merged, so git reports a conflict")
        }
    }
}

/// The sides' decoded sidecars, filled in from several threads.
private final class ResultBox: Sendable {
    private let results: Mutex<[Result<Sidecar, SidecarMergeError>?]>

    init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }

    func set(_ index: Int, _ result: Result<Sidecar, SidecarMergeError>) { results.withLock { $0[index] = result } }

    func get(_ index: Int) -> Result<Sidecar, SidecarMergeError> {
        results.withLock { $0[index] } ?? .failure(SidecarMergeError(description: "a side was not read"))
    }
}
