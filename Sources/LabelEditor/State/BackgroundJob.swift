import Dispatch
import Synchronization

/// Long work on a large text file (a search, counting its records) on a background thread, so
/// the keyboard stays live: the editor starts it, may stop it (Esc, newer work, leaving the
/// file), and collects how it ended when the screen is woken. Only the latest work's ending is
/// ever collected.
final class BackgroundJob<Outcome: Sendable>: Sendable {
    /// How the work ended: its outcome, or stopped before it finished (no outcome).
    struct Ending: Sendable {
        let outcome: Outcome?
        var stopped: Bool { outcome == nil }
    }

    private struct State {
        var generation = 0
        var running = false
        var ending: Ending?
    }

    private let state = Mutex(State())
    private let stopped = Atomic<Int>(0)
    private let queue: DispatchQueue

    /// A job whose work runs on a serial queue named `label`.
    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    /// Whether work is under way.
    var isRunning: Bool { state.withLock { $0.running } }

    /// Runs `work` on the background thread, which is to return early (any value) once the
    /// `isStopped` it is given says so; `wake` is called (from that thread) when it ends. Work
    /// still running is stopped first.
    func start(_ work: @escaping @Sendable (_ isStopped: @escaping @Sendable () -> Bool) -> Outcome, wake: @escaping @Sendable () -> Void) {
        let generation = state.withLock { state -> Int in
            state.generation += 1
            state.running = true
            state.ending = nil
            return state.generation
        }
        stopped.store(generation - 1, ordering: .relaxed)
        let isStopped: @Sendable () -> Bool = { [self] in stopped.load(ordering: .relaxed) >= generation }
        queue.async { [self] in
            let outcome = work(isStopped)
            let wasStopped = isStopped()
            let finished = state.withLock { state -> Bool in
                guard state.generation == generation else { return false }
                state.running = false
                state.ending = Ending(outcome: wasStopped ? nil : outcome)
                return true
            }
            if finished { wake() }
        }
    }

    /// Stops the work under way (its ending says it was stopped); nothing if none runs.
    func stop() {
        let generation = state.withLock { $0.generation }
        stopped.store(generation, ordering: .relaxed)
    }

    /// How the latest work ended, once it has, taken (each ending once).
    func collect() -> Ending? {
        state.withLock { state in
            defer { state.ending = nil }
            return state.ending
        }
    }
}
