import ArgumentParser
import Foundation
import LabelCore
import LabelDataset
import LabelStore

/// Runs git (a team's repository is git's to read and configure, never ours to parse).
struct Git {
    let directory: String

    /// git's output with the final line end removed, or a failure naming what git said.
    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw CommandFailure("cannot run git (is it installed?): \(error.localizedDescription)")
        }
        let text = output.fileHandleForReading.readDataToEndOfFile()
        let problem = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: problem, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "git failed"
            throw CommandFailure("git \(arguments.first ?? ""): \(message)")
        }
        var result = String(decoding: text, as: UTF8.self)
        while result.hasSuffix("\n") { result.removeLast() }
        return result
    }
}

/// `termlabel git-setup [DIR]`: makes git merge sidecars with `merge-sidecars` and fold
/// journals before each commit (DESIGN §10). Running it again changes nothing.
struct GitSetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "git-setup",
        abstract: "Set up the git repository holding DIR to merge sidecars and commit them whole.",
        discussion: """
        Adds "*.labels.json merge=termlabel" to .gitattributes, the merge.termlabel driver to the \
        repository's config (this termlabel binary by its absolute path, so it works without \
        termlabel on PATH; run git-setup again if you move it), and a pre-commit hook that folds \
        pending journals into their sidecars and refuses a commit whose sidecars cannot be read.
        """
    )

    @Argument(help: "A folder inside the repository (default: the current folder).")
    var directory = "."

    static let attribute = "*.labels.json merge=termlabel"
    static let hookMarker = "# termlabel: fold sidecar journals"

    func run() throws {
        let git = Git(directory: directory)
        let root = try git.run(["rev-parse", "--show-toplevel"])
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let quoted = "'" + executable.replacingOccurrences(of: "'", with: "'\\''") + "'"
        var changes: [String] = []

        let attributes = root + "/.gitattributes"
        let existing = (try? String(contentsOfFile: attributes, encoding: .utf8)) ?? ""
        if !existing.split(whereSeparator: \.isNewline).contains(where: { $0.trimmingCharacters(in: .whitespaces) == GitSetupCommand.attribute }) {
            let text = existing + (existing.isEmpty || existing.hasSuffix("\n") ? "" : "\n") + GitSetupCommand.attribute + "\n"
            try write(text, to: attributes)
            changes.append("\(attributes): added \(GitSetupCommand.attribute)")
        }

        let driver = "\(quoted) merge-sidecars %O %A %B %P"
        if (try? git.run(["config", "--local", "--get", "merge.termlabel.driver"])) != driver {
            try git.run(["config", "--local", "merge.termlabel.name", "termlabel sidecar merge"])
            try git.run(["config", "--local", "merge.termlabel.driver", driver])
            changes.append("git config merge.termlabel.driver = \(driver)")
        }

        let hooks = try git.run(["rev-parse", "--path-format=absolute", "--git-path", "hooks"])
        let hook = hooks + "/pre-commit"
        let script = "#!/bin/sh\n\(GitSetupCommand.hookMarker) so every commit holds complete sidecars (termlabel git-setup).\nexec \(quoted) git-hook pre-commit\n"
        let current = try? String(contentsOfFile: hook, encoding: .utf8)
        if current == nil || (current?.contains(GitSetupCommand.hookMarker) == true && current != script) {
            try FileManager.default.createDirectory(atPath: hooks, withIntermediateDirectories: true)
            try write(script, to: hook)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
            changes.append("\(hook): folds journals before each commit")
        } else if current?.contains(GitSetupCommand.hookMarker) != true {
            FileHandleOutput.standardError.write("warning: \(hook) exists and is not termlabel's; add this line to it: \(quoted) git-hook pre-commit\n")
        }
        FileHandleOutput.standardOutput.write(changes.isEmpty ? "\(root): already set up; nothing changed\n" : changes.joined(separator: "\n") + "\n")
    }

    func write(_ text: String, to path: String) throws {
        do { try AtomicFileWriter(fileSystem: POSIXFileSystem()).write(Array(text.utf8), to: path) } catch {
            throw CommandFailure("\(path): cannot write: \(error.description)")
        }
    }
}

/// `termlabel git-hook pre-commit` (run by the hook git-setup installs): folds the journals of
/// staged sidecars into them and stages the result; refuses the commit when a staged sidecar
/// cannot be read.
struct GitHookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "git-hook", abstract: "Run a git hook of termlabel's (installed by git-setup).",
                                                    shouldDisplay: false)

    @Argument(help: "The hook: pre-commit.")
    var hook: String

    func run() throws {
        guard hook == "pre-commit" else { throw CommandFailure("unknown hook \(hook) (known: pre-commit)") }
        let git = Git(directory: ".")
        let root = try git.run(["rev-parse", "--show-toplevel"])
        // NUL-separated: git would otherwise quote names with non-ASCII letters.
        let staged = try git.run(["diff", "--cached", "--name-only", "-z", "--diff-filter=ACMR"]).split(separator: "\u{0}").map(String.init)
            .filter { $0.hasSuffix(Sidecar.fileSuffix) }
        let fileSystem = POSIXFileSystem()
        let store = SidecarStore(fileSystem: fileSystem, locator: SidecarLocator(dataRoot: root))
        var problems: [String] = []
        for relative in staged {
            let sidecar = root + "/" + relative
            let dataPath = String(sidecar.dropLast(Sidecar.fileSuffix.count))
            if fileSystem.stamp(of: sidecar + Journal.suffix) != nil {
                do throws(SidecarError) {
                    if fileSystem.stamp(of: dataPath) != nil {
                        // Under the data file's lock, as the editor writes.
                        let kind = (try? SidecarCodec.decode(try fileSystem.readFile(sidecar), file: relative))?.kind ?? .image
                        store.open(dataPath, as: DataFileDescription(kind: kind))
                        do { try store.compact(dataPath) } catch { throw SidecarError.unreadable(file: relative, reason: error.description) }
                    } else {
                        // The data is elsewhere (a git-annex or git-lfs pointer whose content is not here).
                        try JournalFolding.fold(sidecarPath: sidecar, fileSystem: fileSystem)
                    }
                } catch {
                    problems.append("\(relative): its pending edits could not be folded in: \(error.description)")
                    continue
                }
                try git.run(["add", "--", relative])
            }
            do { _ = try SidecarCodec.decode(try fileSystem.readFile(sidecar), file: relative) } catch {
                problems.append("\(relative): \(error)")
            }
        }
        guard problems.isEmpty else {
            for problem in problems { FileHandleOutput.standardError.write(problem + "\n") }
            throw CommandFailure("commit refused: \(problems.count) staged sidecar\(problems.count == 1 ? "" : "s") cannot be read (fix, or unstage with git restore --staged)")
        }
    }
}
