import StorefrontTUI


/// What the app loop needs from a terminal: its size, painting whole frames, events, a theme, and a clean exit.
///
/// Implementations are not thread-safe unless they say so: the caller owns one thread for all calls, because
/// ncurses keeps global state that no lock in this process can protect.
public protocol TerminalDevice: AnyObject {
    /// Columns and rows of the screen now.
    var size: (width: Int, height: Int) { get }
    /// Shows `buffer`, writing only what differs from the last painted frame unless `fullRepaint` asks to
    /// redraw everything (after a resize, a theme change, or Ctrl-L when the screen was scribbled on).
    func paint(_ buffer: ScreenBuffer, fullRepaint: Bool)
    /// The next key or resize, waiting at most `timeoutMilliseconds` (forever when negative); nil on timeout.
    func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent?
    /// Draws roles with `theme` from the next paint on.
    func apply(_ theme: Theme)
    /// Asks the terminal to put `text` on the local clipboard (OSC 52), which also works over SSH. Only the
    /// base64 of `text` enters the escape sequence, so no text can end it early or start another one.
    func copyToClipboard(_ text: String)
    /// Gives the terminal back to the shell. Safe to call more than once.
    func shutdown()
}

/// Something that happened at the terminal.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    /// The window changed size; the next paint should be a full repaint at the new size.
    case resize(width: Int, height: Int)
    /// The terminal is gone (an SSH drop, a closed window) and no signal said so: the program must end.
    case hangUp
}
