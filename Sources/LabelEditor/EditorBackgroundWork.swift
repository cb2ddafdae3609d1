import LabelCore
import LabelInput
import LabelStore

/// Work on a large text file that the keyboard waits for without blocking: a search (see
/// `repeatSearch`), and counting a file to its end before going to its last record, to an item
/// by number, or to its last line.
extension Editor {
    /// Runs `then` at once when file `file` needs no count first; else counts it on another
    /// thread (keys typed meanwhile wait, the mode's way out stops it) and runs `then` when the
    /// count is in. `then` runs the command again, which now finds the count.
    func whenCounted(_ file: Int, then: @escaping () -> Void) {
        guard catalog.awaitsCount(file), let source = catalog.textSource(file) else {
            then()
            return
        }
        afterCounting = then
        countingFile = file
        let wake = environment.wake
        countJob.start({ isStopped in
            // A step of 8 MiB takes a few milliseconds; each wakes the screen for the progress.
            while !isStopped() && !source.extendIndexes(byBytes: 8 << 20) { wake() }
        }, wake: wake)
        showCountProgress()
    }

    /// The count's message: which file, how far, and how to stop it.
    func showCountProgress() {
        guard let file = countingFile, let source = catalog.textSource(file) else { return }
        let stopKey = keyHint(for: mode.keymapMode == .span ? .normal_mode : .deselect, in: mode.keymapMode, fallback: "Esc")
        let found = source.indexProgress.found
        let unit = catalog.recordMode(of: file) == .file ? "lines" : "records"
        let so = found > 0 ? " \(found) \(unit) so far" : ""
        message = EditorMessage("counting \(PathName.baseName(dataset.files[file].path)) to its end…\(so) (\(stopKey) stops)")
    }

    /// Collects background work that ended (a search lands, a count runs what waited for it,
    /// then the keys typed meanwhile), or shows a count's progress.
    func collectBackgroundWork() {
        collectSearch()
        guard let ending = countJob.collect() else {
            if countJob.isRunning { showCountProgress() }
            return
        }
        let typedAhead = takeKeysTypedAhead()
        let action = afterCounting
        afterCounting = nil
        countingFile = nil
        if ending.stopped {
            message = EditorMessage("counting stopped", .warning)
            return
        }
        action?()
        for key in typedAhead { handleKey(key) }
    }

    /// The keys typed while work ran, taken.
    func takeKeysTypedAhead() -> [Key] {
        defer { keysTypedAhead = [] }
        return keysTypedAhead
    }
}
