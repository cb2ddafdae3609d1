import ArgumentParser
import LabelStore

/// `termlabel merge-sidecars BASE OURS THEIRS [PATH]`: git's merge driver for sidecars.
struct MergeSidecarsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge-sidecars",
        abstract: "Merge two versions of a sidecar three ways (git's merge driver; see git-setup).",
        discussion: """
        Annotations merge by id and marks by author, state and record; additions on either side \
        are kept and deletions applied. The same annotation changed differently on both sides is \
        kept twice (theirs with conflict_of) and a flagged mark names it. The result is written to \
        OURS. A side that cannot be read leaves OURS untouched and exits 1, so git reports a conflict.
        """
    )

    @Argument(help: "The common ancestor's version (git's %O).")
    var base: String

    @Argument(help: "Our version, replaced by the result (git's %A).")
    var ours: String

    @Argument(help: "Their version (git's %B).")
    var theirs: String

    @Argument(help: "The sidecar's path in the working tree (git's %P), for messages and pending journals.")
    var path: String?

    func run() throws {
        do {
            let conflicts = try SidecarMergeDriver().merge(base: base, ours: ours, theirs: theirs, path: path)
            for conflict in conflicts { FileHandleOutput.standardError.write(conflict + "\n") }
        } catch {
            throw CommandFailure(error.description)
        }
    }
}
