import ArgumentParser
import LabelCore
import LabelImaging
import LabelDataset
import LabelStore

/// `termlabel validate PATH...`: one line per problem; non-zero exit if there is any.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check sidecars against the schema, the project's labels and their data files.",
        discussion: "Prints one line per problem as FILE:LINE: MESSAGE and exits with status 1 if there is any."
    )

    @OptionGroup var dataset: DatasetOptions

    @Argument(help: "Data files or folders (walked recursively).")
    var paths: [String]

    func run() throws {
        var problems: [ValidationProblem] = []
        var fileCount = 0
        for opened in try dataset.openPerProject(paths) {
            let validator = SidecarValidator(dataset: opened, fileSystem: POSIXFileSystem()) { path in
                try? ImageHeader.read(path).uprightSize
            }
            for warning in opened.warnings { FileHandleOutput.standardError.write("warning: \(warning)\n") }
            problems += validator.validate()
            fileCount += opened.files.count
        }
        for problem in problems { FileHandleOutput.standardOutput.write(problem.description + "\n") }
        if !problems.isEmpty {
            throw CommandFailure("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(fileCount) data file\(fileCount == 1 ? "" : "s")")
        }
    }
}
