@testable import TerminalBackend
import StorefrontTUI
import Testing

/// `NO_COLOR` (https://no-color.org) and colourless terminals draw every theme as `mono`, QR codes excepted.
@Suite struct ThemeNoColorTests {
    private let solarized = Theme(name: "solarized-dark", styles: [
        .text: ThemeStyle(foreground: .rgb(red: 0x83, green: 0x94, blue: 0x96),
                          background: .rgb(red: 0x00, green: 0x2B, blue: 0x36)),
    ])

    @Test func noColorDrawsEveryThemeAsMono() {
        let mode = CursesColorMode.decide(environment: ["NO_COLOR": "1"], colorCount: 256, terminalDefaults: true)
        #expect(mode.monochrome)
        #expect(mode.effective(solarized) == .mono)
        #expect(mode.effective(solarized)[.qr] == .qr, "QR codes keep black on white")
    }

    @Test func anEmptyNoColorIsNotSet() {
        let mode = CursesColorMode.decide(environment: ["NO_COLOR": ""], colorCount: 256, terminalDefaults: true)
        #expect(!mode.monochrome)
        #expect(mode.capability == .palette256)
        #expect(mode.effective(solarized) == solarized)
    }

    @Test func aTerminalWithoutColoursIsMono() {
        let mode = CursesColorMode.decide(environment: [:], colorCount: nil, terminalDefaults: true)
        #expect(mode.monochrome)
        #expect(mode.capability == nil)
        #expect(mode.effective(solarized) == .mono)
    }
}
