import ArgumentParser

/// The `termlabel` command and its subcommands (DESIGN §1).
struct TermLabel: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "termlabel",
        abstract: "Annotate images and text in the terminal: boxes, spans and classes, saved at once to JSON sidecars.",
        discussion: """
        Try it: termlabel demo (a sample dataset). Label your own files: termlabel PATH... \
        Inside, press ? for the keys of each mode and the labels' guidelines; :q quits.
        """,
        version: version,
        subcommands: [OpenCommand.self, DemoCommand.self, RenderCommand.self, ValidateCommand.self, StatsCommand.self,
                      ExportCommand.self, ImportCommand.self, AgreeCommand.self, AssignCommand.self, AdjudicateCommand.self, ReviewCommand.self, SuggestCommand.self, MergeSidecarsCommand.self, GitSetupCommand.self, GitHookCommand.self],
        defaultSubcommand: OpenCommand.self
    )
}
