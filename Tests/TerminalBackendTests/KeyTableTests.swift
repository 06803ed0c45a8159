@testable import TerminalBackend
import StorefrontTUI
import Testing

/// Codes are spelled as numbers from ncurses' ABI (curses.h), so these tests also check the table against it.
@Suite struct KeyTableTests {
    private let functionKey: Int32 = 0o400
    private let character: Int32 = 0

    @Test func functionKeysMapToKeys() {
        let expected: [UInt32: CursesInput] = [
            0o403: .key(.up), 0o402: .key(.down), 0o404: .key(.left), 0o405: .key(.right),
            0o523: .key(.pageUp), 0o522: .key(.pageDown), 0o406: .key(.home), 0o550: .key(.end),
            0o527: .key(.enter), 0o407: .key(.backspace), 0o512: .key(.delete), 0o541: .key(.backTab),
            0o411: .key(.function(1)), 0o424: .key(.function(12)), 0o632: .resize,
        ]
        for (code, input) in expected {
            #expect(CursesKeyTable.decode(status: functionKey, code: code) == input, "code \(code)")
        }
        #expect(CursesKeyTable.decode(status: functionKey, code: 0o425) == nil)
    }

    @Test func alternateHomeAndEndSequencesDecodeAsHomeAndEnd() {
        let keys = CursesKeyTable.alternateSequences.map { alternate in
            CursesKeyTable.decode(status: functionKey, code: UInt32(alternate.code))
        }
        #expect(keys.count { $0 == .key(.home) } == 4)
        #expect(keys.count { $0 == .key(.end) } == 4)
    }

    @Test func bracketedPasteMarkersDecodeAsTheStartAndEndOfAPaste() {
        #expect(CursesKeyTable.pasteSequences.map(\.sequence) == ["\u{1B}[200~", "\u{1B}[201~"])
        let inputs = CursesKeyTable.pasteSequences.map { CursesKeyTable.decode(status: functionKey, code: UInt32($0.code)) }
        #expect(inputs == [.pasteStart, .pasteEnd])
    }

    @Test func controlCharactersMapToTheirKeys() {
        let expected: [UInt32: Key] = [
            1: .control("a"), 3: .control("c"), 12: .control("l"), 26: .control("z"),
            8: .backspace, 127: .backspace, 9: .tab, 10: .enter, 13: .enter, 27: .escape,
        ]
        for (code, key) in expected {
            #expect(CursesKeyTable.decode(status: character, code: code) == .key(key), "code \(code)")
        }
        #expect(CursesKeyTable.controlCharacters.count == 26 + 2)
    }

    @Test func printableCharactersArriveWhole() {
        #expect(CursesKeyTable.decode(status: character, code: 0x61) == .key(.character("a")))
        #expect(CursesKeyTable.decode(status: character, code: 0x20) == .key(.character(" ")))
        #expect(CursesKeyTable.decode(status: character, code: 0xE9) == .key(.character("é")))
        #expect(CursesKeyTable.decode(status: character, code: 0x4E2D) == .key(.character("中")))
    }

    @Test func inputWithoutAKeyIsDropped() {
        for code: UInt32 in [0, 28, 31, 0x85, 0x9B, 0xD800] {
            #expect(CursesKeyTable.decode(status: character, code: code) == nil, "code \(code)")
        }
        #expect(CursesKeyTable.decode(status: -1, code: 0x61) == nil)
    }
}
