import LabelConfig
import LabelCore
import LabelDataset
import LabelStore

extension ImportReport {
    /// Adds the labels the import brought to `termlabel.toml` (creating it at the dataset root if
    /// there is none), with the source's numbers as their ids, so they get keys in the editor and
    /// exports number them as the source did; returns what was done, for the user, or nil when
    /// there was nothing to add.
    public func addNewLabels(to dataset: Dataset, fileSystem: any FileSystem) -> String? {
        let kinds = LabelKind.allCases.filter { $0 != .keypoints && !(newLabels[$0] ?? []).isEmpty }
        guard !kinds.isEmpty || !newSkeletons.isEmpty else { return nil }
        let path = dataset.projectFile ?? PathName.join(dataset.root, ProjectFile.fileName)
        do {
            try ProjectFileLabels.add(kinds.flatMap { kind in (newLabels[kind] ?? []).map { (kind, $0) } }, ids: labelIDs, to: path, fileSystem: fileSystem)
            try ProjectFileLabels.add(skeletons: newSkeletons, to: path, fileSystem: fileSystem)
        } catch {
            return "warning: the new labels were not added to the project: \(error.description)"
        }
        var lists = kinds.map { "\($0.rawValue) \((newLabels[$0] ?? []).joined(separator: ", "))" }
        if !newSkeletons.isEmpty { lists.append("keypoints " + newSkeletons.map { "\($0.name) (\($0.names.count) points)" }.joined(separator: ", ")) }
        return "added \(lists.joined(separator: "; ")) to \(path)"
    }
}
