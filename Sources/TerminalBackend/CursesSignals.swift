import CNcurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back however the process ends, so a killed or crashed storefront never leaves the user's
/// shell without echo, with a hidden cursor or in the alternate screen.
///
/// Installed before `newterm` so ncurses keeps its own SIGINT/SIGTERM handlers out (it only installs them over
/// default dispositions), and removed by `CursesTerminal.shutdown()`. Handlers call only `endwin`, `sigaction`,
/// `raise` and `_exit`; `endwin` is not formally async-signal-safe, but it is what ncurses' own handlers call,
/// and a restored terminal is worth the risk at that point.
enum CursesSignals {
    /// Requests to stop (`kill`, an SSH drop, an interrupt sent from outside, since raw mode turns Ctrl-C into
    /// a key): restore, then exit with 128 + the signal as shells expect.
    static let exitSignals: [Int32] = [SIGTERM, SIGHUP, SIGINT]
    /// Crashes (Swift traps are SIGILL on x86-64 and SIGTRAP on arm64): restore, then hand the signal to
    /// whoever had it before (Swift's backtracer, or the default core dump).
    static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGABRT, SIGTRAP, SIGFPE, SIGQUIT]

    static func install() {
        for signal in exitSignals {
            sf_handle_exit_signal(signal, restoreAndExit, previousActions + Int(signal))
            if sf_was_ignored(previousActions + Int(signal)) != 0 {
                // Started with it ignored (nohup, a background job): keep ignoring it, as POSIX asks.
                sf_restore_signal(signal, previousActions + Int(signal))
            }
        }
        for signal in crashSignals {
            sf_handle_crash_signal(signal, restoreAndCrash, previousActions + Int(signal))
        }
    }

    static func uninstall() {
        for signal in exitSignals + crashSignals {
            sf_restore_signal(signal, previousActions + Int(signal))
        }
    }
}

/// The dispositions replaced by `install()`, indexed by signal number. A pointer rather than a Swift array so
/// a handler reads it without exclusivity checks or reference counting; written only while the handlers it
/// serves are not installed.
nonisolated(unsafe) private let previousActions: UnsafeMutablePointer<sigaction> = {
    let slots = 65
    let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: slots)
    actions.initialize(repeating: sigaction(), count: slots)
    return actions
}()

private func restoreAndExit(_ signal: Int32) {
    endwin()
    _exit(128 + signal)
}

private func restoreAndCrash(_ signal: Int32) {
    endwin()
    sf_restore_signal(signal, previousActions + Int(signal))
    raise(signal)
    // The previous handler returned (or ignored it): end the way an unhandled crash does.
    sf_default_signal(signal)
    raise(signal)
}
