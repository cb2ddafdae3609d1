import Foundation
import PackagePlugin

/// Embeds `Keymaps/*.toml` and `Themes/*.toml` into the target as Swift source at build time,
/// so the shipped files stay the single source of truth and the binary needs no resources.
@main
struct EmbedResourcesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let tool = try context.tool(named: "embed-resources")
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in ["Keymaps", "Themes"] {
            let directory = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            inputs += names.filter { $0.hasSuffix(".toml") }.sorted().map { directory.appendingPathComponent($0) }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedResources.swift")
        return [.buildCommand(displayName: "Embedding keymaps and themes", executable: tool.url,
                              arguments: [output.path] + inputs.map(\.path), inputFiles: inputs, outputFiles: [output])]
    }
}
