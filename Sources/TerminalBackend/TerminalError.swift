/// Why the terminal interface could not start, saying what to do instead.
public struct TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { reason }

    /// Input or output is a pipe or file: an interactive screen there would only write escape codes into it.
    public static let notATerminal = TerminalError(
        reason: "the interface needs a terminal: run storefront directly, without redirecting its input or output"
    )

    /// ncurses has no description of the terminal type.
    public static func unknownTerminal(_ term: String?) -> TerminalError {
        guard let term, !term.isEmpty else {
            return TerminalError(reason: "TERM is not set; set it to your terminal's type, e.g. TERM=xterm-256color")
        }
        return TerminalError(
            reason: "ncurses does not know TERM=\(term); set TERM to a known type such as xterm-256color"
        )
    }
}
