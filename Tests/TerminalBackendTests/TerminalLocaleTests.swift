import TerminalBackend
import Testing

/// Which variable asks for UTF-8, as mosh and tmux read them: `LC_ALL` over `LC_CTYPE` over `LANG`, an empty one
/// skipped.
@Suite struct TerminalLocaleTests {
    @Test(arguments: [
        (["LC_CTYPE": "UTF-8"], true),
        (["LANG": "en_US.UTF-8"], true),
        (["LANG": "de_DE.utf8"], true),
        (["LC_ALL": "C", "LANG": "en_US.UTF-8"], false),
        (["LC_ALL": "", "LC_CTYPE": "UTF-8"], true),
        (["LANG": "C"], false),
        ([:], false),
    ])
    func theVariableInForceDecides(_ environment: [String: String], _ asks: Bool) {
        #expect(TerminalLocale.asksForUTF8(environment) == asks)
    }
}
