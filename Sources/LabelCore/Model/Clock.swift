#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Where the current time comes from; injected so tests are deterministic.
public protocol TimeSource: Sendable {
    /// The current time as ISO 8601 UTC with seconds, e.g. `2026-11-22T10:00:00Z`.
    func now() -> String
}

/// Where new annotation ids come from; injected so tests are deterministic.
public protocol IdentifierSource: Sendable {
    /// A new id, unique within the sidecar it is used in with overwhelming probability.
    func newIdentifier() -> String
}

/// Random 8-character base-36 ids (about 41 bits, like `k3f9q2ab`): a fast generator seeded
/// once from the system's randomness, so an import of 50,000 boxes makes one getrandom call
/// instead of one per id.
public final class RandomIdentifiers: IdentifierSource {
    private let generator: Mutex<SeededRandom>

    /// A source seeded from the system's random numbers.
    public init() {
        var system = SystemRandomNumberGenerator()
        generator = Mutex(SeededRandom(seed: system.next()))
    }

    public func newIdentifier() -> String {
        // One 64-bit draw gives all eight characters (36^8 < 2^64).
        var value = generator.withLock { $0.next() }
        var characters: [UInt8] = []
        characters.reserveCapacity(8)
        for _ in 0..<8 {
            let digit = UInt8(value % 36)
            value /= 36
            characters.append(digit < 26 ? UInt8(ascii: "a") + digit : UInt8(ascii: "0") + digit - 26)
        }
        return String(decoding: characters, as: UTF8.self)
    }
}

/// Formats a count of seconds since 1970 as ISO 8601 UTC (`2026-11-22T10:00:00Z`).
public enum ISO8601 {
    /// The timestamp for `secondsSince1970`.
    public static func timestamp(secondsSince1970 seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        let month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }
}

/// The system clock, to the second.
public struct SystemTimeSource: TimeSource {
    public init() {}

    public func now() -> String {
        ISO8601.timestamp(secondsSince1970: Int(time(nil)))
    }
}
