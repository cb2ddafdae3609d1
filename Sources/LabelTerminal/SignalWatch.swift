import CTerminalSupport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Signals that end the session: SIGHUP (a dropped SSH connection), SIGTERM and SIGINT set a
/// flag the event loop checks, so the session ends the normal way (every edit is already on
/// disk; journals are folded in, the position saved, the terminal restored). A crash restores
/// the terminal from its handler before dying.
public enum SignalWatch {
    // A signal handler can only reach global state; this one flag is it.
    private static let received = Atomic<Int32>(0)

    /// Starts watching (call after the terminal is set up, so ncurses' own handlers are replaced).
    public static func install() {
        termlabel_install_crash_restore()
        for signalNumber in [SIGHUP, SIGTERM, SIGINT, SIGQUIT] {
            signal(signalNumber) { number in SignalWatch.received.store(number, ordering: .relaxed) }
        }
    }

    /// Remembers the terminal's settings for the crash handler (call before ncurses starts).
    public static func saveTerminal() { termlabel_save_tty() }

    /// The signal that asked the session to end, or nil.
    public static var stopSignal: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
