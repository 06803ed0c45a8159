import StorefrontDomain

/// How many colours a terminal can show, which decides how theme colours are brought down.
public enum ColorCapability: Sendable, Hashable, CaseIterable {
    /// The 8 basic colours (old consoles, `TERM=xterm`).
    case ansi8
    /// The 8 basic colours and their bright variants.
    case ansi16
    /// The xterm 256-colour palette: 16 named colours, a 6×6×6 cube and 24 greys.
    case palette256
    /// Any 24-bit colour.
    case truecolor

    /// The capability of a terminal reporting `count` colours (terminfo's `colors`, ncurses' `COLORS`).
    /// True colour is never inferred from a count: terminals announce it separately (`COLORTERM`).
    public init(colorCount count: Int) {
        switch count {
        case 256...: self = .palette256
        case 16...: self = .ansi16
        default: self = .ansi8
        }
    }
}
