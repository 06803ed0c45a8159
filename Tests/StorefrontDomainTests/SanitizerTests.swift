import StorefrontDomain
import Testing

@Suite struct SanitizerTests {
    @Test func windowTitleSequenceBecomesInert() {
        #expect(Sanitizer.clean("Evil\u{1B}]0;pwned\u{07} Card") == "Evil Card")
        #expect(Sanitizer.clean("Evil\u{1B}]0;pwned\u{1B}\\ Card") == "Evil Card")
    }

    @Test func colourAndCursorSequencesAreRemoved() {
        #expect(Sanitizer.clean("\u{1B}[31mRed\u{1B}[0m \u{1B}[2J\u{1B}[HCard") == "Red Card")
        #expect(Sanitizer.clean("C1\u{9B}31mcsi") == "C1csi")
    }

    @Test func deviceControlStringsAreRemoved() {
        #expect(Sanitizer.clean("a\u{1B}P1$qm\u{1B}\\b") == "ab")
        #expect(Sanitizer.clean("a\u{90}dcs\u{9C}b") == "ab")
    }

    @Test func controlCharactersAndBidiOverridesAreRemoved() {
        #expect(Sanitizer.clean("pay\u{202E}moc.evil\u{202C}") == "paymoc.evil")
        #expect(Sanitizer.clean("a\u{0}b\u{7}c\u{8}d\u{7F}e") == "abcde")
        #expect(Sanitizer.clean("\u{2066}iso\u{2069}") == "iso")
    }

    @Test func newlinesBecomeSpacesUnlessKept() {
        #expect(Sanitizer.clean("line1\r\nline2\tx") == "line1  line2 x")
        #expect(Sanitizer.clean("line1\r\nline2", keepNewlines: true) == "line1\nline2")
    }

    @Test func unicodeTextIsKept() {
        let names = ["Café Müller", "ユニクロ", "Pizza 🍕 Palace", "Zoë's e\u{301}"]
        for name in names { #expect(Sanitizer.clean(name) == name) }
    }

    @Test func unterminatedSequenceSwallowsOnlyItself() {
        #expect(Sanitizer.clean("ok\u{1B}[") == "ok")
        #expect(Sanitizer.clean("ok\u{1B}") == "ok")
    }
}
