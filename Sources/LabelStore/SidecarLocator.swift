import LabelCore

/// Where the sidecar of a data file lives: beside it (`cat.png.labels.json`), or in a mirror tree
/// (`--sidecars DIR`) at the data file's path relative to the dataset root.
public struct SidecarLocator: Hashable, Sendable {
    /// The folder data paths are taken relative to, for mirror trees.
    public let dataRoot: String
    /// The mirror tree's root, or nil for sidecars beside the data.
    public let mirrorRoot: String?

    /// A locator for data under `dataRoot`, mirroring into `mirrorRoot` when given.
    public init(dataRoot: String, mirrorRoot: String? = nil) {
        self.dataRoot = dataRoot
        self.mirrorRoot = mirrorRoot
    }

    /// The sidecar path of the data file at `dataPath` (absolute).
    public func sidecarPath(for dataPath: String) -> String {
        guard let mirrorRoot else { return dataPath + Sidecar.fileSuffix }
        return PathName.join(mirrorRoot, PathName.relative(dataPath, to: dataRoot)) + Sidecar.fileSuffix
    }

    /// The journal path of the data file at `dataPath`.
    public func journalPath(for dataPath: String) -> String { sidecarPath(for: dataPath) + Journal.suffix }
}
