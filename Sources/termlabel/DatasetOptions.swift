import ArgumentParser
import LabelCore
import LabelSession
import LabelDataset
import LabelStore

extension RecordMode: ExpressibleByArgument {}

/// Options shared by every command that reads a dataset.
struct DatasetOptions: ParsableArguments {
    @Option(name: .long, help: "How text files split into items: file, lines, paragraphs or jsonl.")
    var records: RecordMode?

    @Option(name: .customLong("text-field"), help: "The JSONL field that holds the text.")
    var textField: String?

    @Option(name: .long, help: ArgumentHelp("Read and write sidecars in a mirror tree under DIR (for read-only data).", valueName: "DIR"))
    var sidecars: String?

    /// The parsed options as a plain value (argument-parser types stop here).
    var settings: DatasetSettings { DatasetSettings(records: records, textField: textField, sidecars: sidecars) }

    /// Opens the data under `paths` as one dataset per project (each file judged by its own
    /// nearest `termlabel.toml`).
    func openPerProject(_ paths: [String], environment: [String: String] = ProcessEnvironment.current) throws -> [Dataset] {
        do {
            return try Dataset.openPerProject(OpenOptions(paths: paths, sidecarsDirectory: sidecars, records: records, textField: textField),
                                              environment: environment)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// Opens the dataset at `paths` with these options.
    func open(_ paths: [String], environment: [String: String] = ProcessEnvironment.current) throws -> Dataset {
        do {
            return try Dataset.open(OpenOptions(paths: paths, sidecarsDirectory: sidecars, records: records, textField: textField),
                                    environment: environment)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

/// The process environment as a dictionary.
enum ProcessEnvironment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        // Without $USER (cron, some ssh setups) the login name still names the annotator.
        if (result["USER"] ?? "").isEmpty, (result["LOGNAME"] ?? "").isEmpty, let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
            result["LOGNAME"] = String(cString: name)
        }
        return result
    }
}

#if canImport(Glibc)
import Glibc
#endif
