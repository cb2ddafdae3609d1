import Foundation

/// Tools some tests need (tmux, Python packages). On a developer's machine a missing tool
/// skips those tests; in CI (`TERMLABEL_REQUIRE_TOOLS=1`) it fails them, so nothing is
/// silently left unchecked.
public enum RequiredTools {
    /// Whether tests must fail rather than skip when a tool is missing.
    public static var required: Bool { ProcessInfo.processInfo.environment["TERMLABEL_REQUIRE_TOOLS"] == "1" }

    /// Whether tests needing Python's `module` should run.
    public static func python(_ module: String) -> Bool { required || ProcessRunner.pythonHas(module) }

    /// Whether tests needing the program `name` should run.
    public static func program(_ name: String) -> Bool { required || ProcessRunner.toolExists(name) }

    /// Whether ImageMagick's `convert` is at /usr/bin/convert (where the tests call it): some
    /// machines have another program of that name on PATH, so its `-version` is checked.
    public static var imageMagick: Bool {
        required || ProcessRunner.run("/usr/bin/convert", ["-version"]).standardOutput.contains("ImageMagick")
    }
}
