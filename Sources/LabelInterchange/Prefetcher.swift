import Dispatch
import Synchronization

/// Runs `produce` for 0..<count on a thread of its own, a few steps ahead of `consume`, which
/// gets the results in order on the calling thread: loading the next files overlaps with
/// writing out this one. If `consume` throws, the producer stops before this returns.
enum Prefetcher {
    /// Values handed from the producer thread to the consumer; each is used by one thread at a time.
    struct Handoff<Value>: @unchecked Sendable {
        let value: Value
    }

    static func run<Value, Failure: Error>(count: Int, ahead: Int = 8, produce: @escaping (Int) -> Value,
                                           consume: (Value) throws(Failure) -> Void) throws(Failure) {
        guard count > 0 else { return }
        let ready = Mutex<[Int: Handoff<Value>]>([:])
        let stop = Atomic<Bool>(false)
        let filled = DispatchSemaphore(value: 0)
        // Created at 0 and raised by signals: libdispatch traps when a semaphore is freed below the
        // value it was created with, which is where a consumer that throws leaves this one.
        let free = DispatchSemaphore(value: 0)
        for _ in 0..<ahead { free.signal() }
        let done = DispatchGroup()
        let producer = Handoff(value: produce)
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            defer { done.leave() }
            for index in 0..<count {
                free.wait()
                if stop.load(ordering: .acquiring) { return }
                let value = Handoff(value: producer.value(index))
                ready.withLock { $0[index] = value }
                filled.signal()
            }
        }
        defer {
            stop.store(true, ordering: .releasing)
            free.signal()
            done.wait()
        }
        for index in 0..<count {
            filled.wait()
            guard let value = ready.withLock({ $0.removeValue(forKey: index) }) else { continue }
            free.signal()
            try consume(value.value)
        }
    }
}
