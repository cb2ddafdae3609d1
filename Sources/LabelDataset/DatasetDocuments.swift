import Dispatch
import LabelCore
import LabelStore
import LabelText
import Synchronization

/// Every data file's document with its item keys, for the commands that read a whole dataset.
public enum DatasetDocuments {
    /// Calls `project` for each opened project and `each` for each file whose sidecar can be
    /// read; the others are named on standard error (not counted as empty: a sidecar that cannot
    /// be read would look like unlabeled data) and returned, for the command to fail with;
    /// `warn` is told each problem.
    public static func walk(_ projects: [Dataset], warn: (String) -> Void, project: (Dataset) -> Void = { _ in },
                            each: (DataFile, Document, [Int?]) -> Void) -> [String] {
        var unreadable: [String] = []
        let fileSystem = POSIXFileSystem()
        for opened in projects {
            project(opened)
            // Sidecars are read and decoded on every core, a slice at a time, and handed on in
            // the dataset's order (100,000 pictures: most of the time is reading and decoding).
            let slice = 2_048
            for start in stride(from: 0, to: opened.files.count, by: slice) {
                let files = Array(opened.files[start..<min(opened.files.count, start + slice)])
                let results = Mutex([Result<Document?, SidecarError>?](repeating: nil, count: files.count))
                DispatchQueue.concurrentPerform(iterations: files.count) { index in
                    let result = SidecarStore.read(files[index].path, locator: opened.locator, fileSystem: fileSystem)
                    results.withLock { $0[index] = result }
                }
                let read = results.withLock { $0 }
                for (file, result) in zip(files, read) {
                    switch result {
                    case .failure(let error)?:
                        warn(error.description)
                        unreadable.append(file.relativePath)
                    case .success(let document)?:
                        let empty = Document(sidecar: Sidecar(file: PathName.baseName(file.path), kind: file.kind))
                        each(file, document ?? empty, opened.itemKeys(of: file))
                    case nil:
                        break
                    }
                }
            }
        }
        return unreadable
    }
}
