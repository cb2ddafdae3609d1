import LabelCore

/// Writes a new `termlabel.toml` for settings made on the command line.
public enum ProjectFileWriter {
    /// The text of a project file declaring `settings`' labels and text options.
    public static func text(for settings: ProjectSettings) -> String {
        var lines = ["# termlabel project file: labels and options for this folder (see termlabel --help)."]
        if let records = settings.records {
            lines += ["", "[text]", "records = \(ProjectFileEditor.quoted(records.rawValue))"]
            if settings.textField != "text" { lines.append("text_field = \(ProjectFileEditor.quoted(settings.textField))") }
        }
        for kind in LabelKind.allCases where kind != .keypoints {
            let set = settings.labels(kind)
            guard !set.labels.isEmpty else { continue }
            lines += ["", "[\(kind.rawValue)]"]
            if kind == .classes {
                lines.append("multi = \(set.multi)")
                lines.append("advance = \(set.advance)")
            }
            lines.append("labels = [")
            for label in set.labels {
                var fields = ["name = \(ProjectFileEditor.quoted(label.name))"]
                if let key = label.key { fields.append("key = \(ProjectFileEditor.quoted(key))") }
                if let color = label.color { fields.append("color = \(ProjectFileEditor.quoted(color))") }
                if let help = label.help { fields.append("help = \(ProjectFileEditor.quoted(help))") }
                if let id = label.id { fields.append("id = \(id)") }
                lines.append("  { " + fields.joined(separator: ", ") + " },")
            }
            lines.append("]")
        }
        for skeleton in settings.skeletons { lines += [""] + ProjectFileEditor.skeletonTable(skeleton) }
        return lines.joined(separator: "\n") + "\n"
    }
}
