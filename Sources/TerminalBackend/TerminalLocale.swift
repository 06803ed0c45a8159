import Foundation

/// What the terminal's bytes mean. ncursesw draws wide characters only under a UTF-8 locale; under any other it
/// prints each byte above 127 on its own, which garbles every border, separator and QR code.
public enum TerminalCharset: Sendable, Equatable {
    case utf8
    /// The terminal cannot show UTF-8: the storefront draws in ASCII (QR codes in `#`).
    case ascii
}

/// Sets the process's locale from the environment, as mosh and tmux do: the user's locale when this system has
/// it; `C.UTF-8` when the environment asks for UTF-8 under a name the system lacks (a macOS terminal sends
/// `LC_CTYPE=UTF-8`, which is no locale name on Linux); ASCII when nothing asks for UTF-8.
public enum TerminalLocale {
    /// Locales to fall back on, in order, when UTF-8 is asked for under an unknown name.
    static let utf8Fallbacks = ["C.UTF-8", "C.utf8", "en_US.UTF-8"]

    /// Whether the variable in force for characters (`LC_ALL`, else `LC_CTYPE`, else `LANG`) names UTF-8.
    public static func asksForUTF8(_ environment: [String: String]) -> Bool {
        let value = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let name = value.lowercased()
        return name.contains("utf-8") || name.contains("utf8")
    }

    /// Sets the locale (`setlocale`, process-wide) and says what the terminal gets. Call it before ncurses starts.
    @discardableResult
    public static func configure(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalCharset {
        if setlocale(LC_ALL, "") != nil, codesetIsUTF8 { return .utf8 }
        guard asksForUTF8(environment) else { return codesetIsUTF8 ? .utf8 : .ascii }
        for name in utf8Fallbacks where setlocale(LC_CTYPE, name) != nil && codesetIsUTF8 {
            return .utf8
        }
        return .ascii
    }

    private static var codesetIsUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
