import LabelCells
import LabelInput

/// Runs the editor on a screen until it quits or `shouldStop` says so (a signal): draws,
/// waits for input, handles it, and redraws only when something may have changed. Work done on
/// other threads (decoded pictures) arrives as `.wake` events from the screen.
public enum EditorLoop {
    /// Runs the loop.
    public static func run(_ editor: Editor, on screen: any Screen, shouldStop: () -> Bool) {
        let size = screen.size
        editor.handle(.resize(columns: size.columns, rows: size.rows))
        var dirty = true
        while !editor.quitRequested && !shouldStop() {
            var wait = 250
            if dirty {
                let deferral = editor.frameDeferral
                if deferral > 0 {
                    wait = deferral
                } else {
                    screen.present(editor.render())
                    editor.startBackgroundWork()
                    dirty = false
                }
            }
            guard let event = screen.nextEvent(timeout: wait) else {
                if !dirty { dirty = editor.idle() }
                continue
            }
            editor.handle(event)
            // Take what is already typed before drawing (pastes, key repeat, slow links).
            var drained = 0
            while drained < 64, !editor.quitRequested, let more = screen.nextEvent(timeout: 0) {
                editor.handle(more)
                drained += 1
            }
            if editor.suspendRequested {
                editor.suspendRequested = false
                screen.suspend()
            }
            dirty = true
        }
        editor.shutdown()
    }
}
