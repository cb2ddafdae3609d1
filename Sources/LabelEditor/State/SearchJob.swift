import Dispatch
import LabelText
import Synchronization

/// A search through a large text file on a background thread, so the keyboard stays live: the
/// editor starts it, may stop it (Esc, another search, leaving the file), and collects the
/// outcome when the screen is woken. Only the latest search's outcome is ever collected.
final class SearchJob: Sendable {
    /// What a finished search found: where the cursor goes, or nothing.
    struct Outcome: Sendable {
        let position: TextPosition?
        let stopped: Bool
    }

    private struct State {
        var generation = 0
        var running = false
        var outcome: Outcome?
    }

    private let state = Mutex(State())
    private let stopped = Atomic<Int>(0)
    private let queue = DispatchQueue(label: "termlabel.search", qos: .userInitiated)

    /// Whether a search is under way.
    var isRunning: Bool { state.withLock { $0.running } }

    /// Runs `search` `count` times from `position` on the background thread; `wake` is called
    /// (from that thread) when it ends. Any search still running is stopped first.
    func start(_ search: TextSearch, from position: TextPosition, forward: Bool, count: Int, wake: @escaping @Sendable () -> Void) {
        let generation = state.withLock { state -> Int in
            state.generation += 1
            state.running = true
            state.outcome = nil
            return state.generation
        }
        stopped.store(generation - 1, ordering: .relaxed)
        search.stop = { [self] in stopped.load(ordering: .relaxed) >= generation }
        queue.async { [self] in
            var position: TextPosition? = position
            for _ in 0..<max(1, count) {
                guard let from = position, let hit = search.find(from: from, forward: forward) else { position = nil; break }
                position = hit.start
            }
            let wasStopped = stopped.load(ordering: .relaxed) >= generation
            let finished = state.withLock { state -> Bool in
                guard state.generation == generation else { return false }
                state.running = false
                state.outcome = Outcome(position: wasStopped ? nil : position, stopped: wasStopped)
                return true
            }
            if finished { wake() }
        }
    }

    /// Stops the search under way (its outcome says it was stopped); nothing if none runs.
    func stop() {
        let generation = state.withLock { $0.generation }
        stopped.store(generation, ordering: .relaxed)
    }

    /// The outcome of the latest search once it has ended, taken (each outcome once).
    func collect() -> Outcome? {
        state.withLock { state in
            defer { state.outcome = nil }
            return state.outcome
        }
    }
}
