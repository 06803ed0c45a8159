import Foundation
@testable import TerminalBackend
import Testing

/// OSC 52: what reaches the terminal when a value is copied.
@Suite struct ClipboardTests {
    @Test func onlyBase64OfTheValueEntersTheSequence() {
        let hostile = "3F9K\u{07}\u{1B}]0;owned\u{07}\u{1B}[2J"
        let sequence = OSC52.sequence(copying: hostile)
        #expect(sequence.hasPrefix("\u{1B}]52;c;"))
        #expect(sequence.hasSuffix("\u{07}"))
        let payload = String(sequence.dropFirst(7).dropLast())
        #expect(payload.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) },
                "no control character of the value can end the sequence or start another")
        #expect(Data(base64Encoded: payload) == Data(hostile.utf8))
    }

    @Test func theHeadlessTerminalKeepsWhatWasCopied() {
        let terminal = HeadlessTerminal(width: 80, height: 24)
        terminal.copyToClipboard("MMLD-EV2H-6LCF-3F9K")
        #expect(terminal.copied == ["MMLD-EV2H-6LCF-3F9K"])
    }
}
