import CNcurses
import Foundation
import StorefrontDomain
import StorefrontTUI

/// The real terminal, through ncursesw: paints frame differences, reads keys and resizes, and always gives the
/// terminal back (see `CursesSignals`).
///
/// Not `Sendable`, on purpose: ncurses keeps global state and is not thread-safe, so the thread that creates
/// this terminal must make every call on it, up to and including `shutdown()`.
public final class CursesTerminal: TerminalDevice {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let colors: CursesColorMode
    private var palette: CursesPalette
    private var lastPainted: ScreenBuffer?
    private var lastSize: (width: Int, height: Int)
    private var isRunning = true

    /// Takes over the terminal: the alternate screen, raw keys (Ctrl-C arrives as a key so the app quits
    /// cleanly), no echo, hidden cursor, no mouse capture (it would break selecting and copying text).
    ///
    /// Reads `ESCDELAY` (Esc waits 25 ms for a following sequence unless set), `NO_COLOR` (attributes only)
    /// and `TERM` (through ncurses) from `environment`.
    public init(
        theme: Theme = .fallback,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        // Without a UTF-8 locale ncursesw treats every byte above 127 as a separate character.
        TerminalLocale.configure(environment: environment)
        CursesSignals.install()
        guard let screen = sf_newterm(), let window = sf_stdscr() else {
            CursesSignals.uninstall()
            throw .unknownTerminal(environment["TERM"])
        }
        _ = Self.restoreAtExit
        self.screen = screen
        self.window = window
        if environment["ESCDELAY"] == nil {
            set_escdelay(25)
        }
        raw()
        noecho()
        nonl()
        keypad(window, true)
        for alternate in CursesKeyTable.alternateSequences + CursesKeyTable.pasteSequences {
            define_key(alternate.sequence, alternate.code)
        }
        intrflush(window, false)
        // The cursor is hidden, so ncurses need not move it back after each update: fewer bytes per frame.
        leaveok(window, true)
        curs_set(0)
        colors = CursesColorMode.start(environment: environment)
        palette = CursesPalette.install(theme, mode: colors)
        lastSize = (Int(sf_getmaxx(window)), Int(sf_getmaxy(window)))
        // Bracketed paste: a pasted ICCID or phone number arrives as one piece of text, so a line break in it
        // is not an Enter and its letters are not commands.
        Self.writeToTerminal(Self.bracketedPasteOn)
    }

    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"

    deinit {
        shutdown()
    }

    /// Restores the terminal when the process calls `exit()` without shutting down (a library's exit path).
    /// `endwin` does nothing harmful once the terminal is already restored or the screen deleted.
    private static let restoreAtExit: Void = {
        atexit {
            if !isendwin() { endwin() }
        }
    }()

    public var size: (width: Int, height: Int) {
        guard isRunning else { return lastSize }
        return (Int(sf_getmaxx(window)), Int(sf_getmaxy(window)))
    }

    public func paint(_ buffer: ScreenBuffer, fullRepaint: Bool) {
        guard isRunning else { return }
        let plan = PaintPlan(from: fullRepaint ? nil : lastPainted, to: buffer)
        if plan.isFullRepaint {
            // Start from blanks and make the next update redraw the whole screen, whatever is on it now.
            werase(window)
            clearok(window, true)
        }
        let (width, height) = size
        for run in plan.runs where run.y < height {
            let look = palette.look(for: run.style)
            for (offset, cell) in run.cells.enumerated() where !cell.isContinuation && run.x + offset < width {
                put(cell.text, x: run.x + offset, y: run.y, attributes: look.attributes, pair: look.pair)
            }
        }
        wnoutrefresh(window)
        doupdate()
        lastPainted = buffer
    }

    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        guard isRunning else { return nil }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(max(0, timeoutMilliseconds)))
        var wait = timeoutMilliseconds < 0 ? -1 : timeoutMilliseconds
        while true {
            wtimeout(window, Int32(clamping: wait))
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == sf_err() { return Self.inputHungUp() ? .hangUp : nil }
            switch CursesKeyTable.decode(status: status, code: UInt32(code)) {
            case .key(let key):
                return .key(key)
            case .pasteStart:
                return .key(.paste(readPaste()))
            case .pasteEnd:
                continue
            case .resize:
                lastPainted = nil
                lastSize = size
                return .resize(width: lastSize.width, height: lastSize.height)
            case nil:
                // Input the app has no key for: keep waiting for the rest of the timeout.
                guard wait >= 0 else { continue }
                let left = clock.now.duration(to: deadline).components
                wait = Int(left.seconds) * 1000 + Int(left.attoseconds / 1_000_000_000_000_000)
                if wait <= 0 { return nil }
            }
        }
    }

    /// The text between the paste markers. A terminal sends it at once; a second without a byte ends it, so a
    /// lost end marker cannot swallow the keys typed after it.
    private func readPaste() -> String {
        var text = String.UnicodeScalarView()
        wtimeout(window, 1000)
        while text.count < 4096 {
            var code: wint_t = 0
            let status = wget_wch(window, &code)
            if status == sf_err() { break }
            if status == sf_key_code_yes() {
                if Int32(bitPattern: UInt32(code)) == CursesKeyTable.pasteEndCode { break }
                continue
            }
            if let scalar = Unicode.Scalar(UInt32(code)) { text.append(scalar) }
        }
        return String(text)
    }

    /// A hung-up terminal makes every read fail at once; without this check the loop would spin at full CPU
    /// forever after an SSH drop that sent no SIGHUP.
    private static func inputHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return true }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    public func apply(_ theme: Theme) {
        guard isRunning else { return }
        palette = CursesPalette.install(theme, mode: colors)
        // Attributes live in the painted cells, not in the colour pairs: the next paint must rewrite them all.
        lastPainted = nil
    }

    public func copyToClipboard(_ text: String) {
        guard isRunning else { return }
        // ncurses has flushed its own output by now (each paint ends with doupdate), so the sequence cannot
        // land in the middle of a cell's bytes.
        Self.writeToTerminal(OSC52.sequence(copying: text))
    }

    /// Writes a control sequence of our own straight to the terminal, after ncurses' output.
    private static func writeToTerminal(_ text: String) {
        fflush(nil)
        let sequence = Array(text.utf8)
        sequence.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
    }

    public func shutdown() {
        guard isRunning else { return }
        isRunning = false
        lastSize = (Int(sf_getmaxx(window)), Int(sf_getmaxy(window)))
        Self.writeToTerminal(Self.bracketedPasteOff)
        endwin()
        CursesSignals.uninstall()
        delscreen(screen)
    }

    /// Writes one cell at its own column, so a character whose width the terminal judges differently from
    /// `DisplayWidth` cannot shift the rest of the row.
    private func put(_ text: String, x: Int, y: Int, attributes: attr_t, pair: Int16) {
        let limit = Int(sf_ccharw_max())
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: limit + 1) { characters in
            var count = 0
            for scalar in text.unicodeScalars.prefix(limit) {
                characters[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            characters[count] = 0
            // ERR is expected for the bottom-right cell: ncurses draws it, then cannot advance the cursor.
            _ = sf_put_cell(window, Int32(y), Int32(x), characters.baseAddress, attributes, pair)
        }
    }
}
