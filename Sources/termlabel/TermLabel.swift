import ArgumentParser

/// The `termlabel` command and its subcommands (DESIGN §1).
struct TermLabel: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "termlabel",
        abstract: "Annotate images and text in the terminal: boxes, spans and classes, saved at once to JSON sidecars.",
        version: version,
        subcommands: [OpenCommand.self, DemoCommand.self, RenderCommand.self, ValidateCommand.self, StatsCommand.self,
                      ExportCommand.self, ImportCommand.self],
        defaultSubcommand: OpenCommand.self
    )
}
