import LabelEditor
import LabelDataset
import LabelStore
import LabelTerminal
#if canImport(Glibc)
import Glibc
#endif

/// Starting, running and ending a TUI session on the controlling terminal.
public enum TUISession {
    /// Runs a session over `paths` until the user quits or a signal ends it; `report` writes a
    /// line on standard error. Returns the exit status: 0, 1 when something could not be saved
    /// at exit, 128 + N after signal N.
    public static func run(paths: [String], session: SessionSettings, dataset: DatasetSettings, review: Bool = false,
                           environment: [String: String], report: (String) -> Void) throws(SessionError) -> Int32 {
        guard isatty(0) != 0 && isatty(1) != 0 else {
            throw SessionError("termlabel needs a terminal (validate, stats and export work without one)")
        }
        let prepared = try SessionSetup.prepare(paths: paths, session: session, dataset: dataset, review: review, environment: environment)
        SignalWatch.saveTerminal()
        let screen: NCursesScreen
        do { screen = try NCursesScreen(environment: environment, forcedDepth: session.colors) } catch {
            throw SessionError("\(error)")
        }
        SignalWatch.install()
        let pipe = screen.wakePipe
        let size = screen.size
        let editor = prepared.makeEditor(colorDepth: screen.colorDepth, columns: size.columns, rows: size.rows, wake: { pipe.wake() })
        let warnings = prepared.warnings + editor.shadowedKeyWarnings
        if let first = SessionSetup.firstMessage(editor: editor, warnings: warnings, colorNote: screen.colorNote) {
            editor.show(first)
        } else {
            editor.showFirstHint()
        }
        EditorLoop.run(editor, on: screen, shouldStop: { SignalWatch.stopSignal != nil })
        screen.close()
        for warning in warnings { report("warning: \(warning)") }
        for problem in editor.shutdownProblems { report("error: \(problem)") }
        if let signalNumber = SignalWatch.stopSignal { return 128 + signalNumber }
        return editor.shutdownProblems.isEmpty ? 0 : 1
    }
}
