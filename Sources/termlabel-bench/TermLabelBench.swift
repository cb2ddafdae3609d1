import ArgumentParser

/// `termlabel-bench`: measurements of speed and memory, run in release builds, with the
/// reference tools of each issue run in the same process tree for ratios.
struct TermLabelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "termlabel-bench",
        abstract: "Measure termlabel's speed and memory (build with -c release).",
        subcommands: [EditLatencyBench.self, RenderBench.self, TextBench.self, TUIBench.self, RandomEdits.self, ExportBench.self, ConfigBench.self, ImportBench.self, AgreeBench.self, MergeBench.self, ScaleBench.self, ReviewBench.self, LearnBench.self]
    )
}
