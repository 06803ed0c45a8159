import StorefrontTUI
import Testing
import ThemeFiles

@Suite struct ThemeDecodingTests {
    private let file = "themes/x.toml"

    private func decode(_ text: String) throws(ThemeError) -> Theme {
        try Theme.decode(toml: text, name: "x", file: file)
    }

    private func error(decoding text: String) -> ThemeError? {
        do {
            _ = try decode(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsColoursAndAttributesOfEveryForm() throws {
        let theme = try decode("""
            # a comment
            [text]
            fg = "white"
            bg = "#101010"

            [selection]
            fg = 231
            reverse = true

            [muted]
            fg = "bright-black"
            dim = true
            bold = false
            underline = true

            [accent]
            fg = "208"
            bg = "default"
            """)
        #expect(theme.name == "x")
        #expect(theme[.text] == ThemeStyle(foreground: .ansi(.white), background: .rgb(red: 16, green: 16, blue: 16)))
        #expect(theme[.muted] == ThemeStyle(
            foreground: .ansi(.brightBlack), background: .rgb(red: 16, green: 16, blue: 16), dim: true, underline: true
        ))
        #expect(theme[.accent] == ThemeStyle(foreground: .indexed(208), background: .terminalDefault))
    }

    @Test func missingColoursComeFromTextAndMissingRolesLookLikeText() throws {
        let theme = try decode("""
            [text]
            fg = "white"
            bg = 235

            [selection]
            reverse = true
            """)
        #expect(theme[.selection] == ThemeStyle(foreground: .ansi(.white), background: .indexed(235), reverse: true))
        #expect(theme[.title] == theme[.text])
        #expect(theme[.statusBar] == theme[.text])
    }

    @Test func anEmptyFileIsPlain() throws {
        let theme = try decode("")
        #expect(theme[.text] == .plain)
        #expect(theme[.error] == .plain)
    }

    @Test func qrIsBlackOnWhiteWhateverTheFileSays() throws {
        let theme = try decode("""
            [text]
            fg = "green"
            bg = "black"

            [qr]
            fg = "white"
            bg = "black"
            reverse = true
            """)
        #expect(theme[.qr] == .qr)
        #expect(theme[.qr] == ThemeStyle(foreground: .rgb(red: 0, green: 0, blue: 0),
                                         background: .rgb(red: 255, green: 255, blue: 255)))
        #expect(Theme(name: "built", styles: [.qr: ThemeStyle(foreground: .ansi(.red))])[.qr] == .qr)
    }

    @Test func viewEmphasisAddsToTheRole() throws {
        let theme = try decode("""
            [title]
            fg = "cyan"
            underline = true
            """)
        let resolved = theme.resolve(Style(.title, bold: true))
        #expect(resolved == ThemeStyle(foreground: .ansi(.cyan), bold: true, underline: true))
    }

    @Test func aColourThatIsNotOneNamesFileLineAndKey() {
        let error = error(decoding: """
            [text]
            fg = "default"

            [title]
            bold = true

            [selection]
            fg = "purple"
            """)
        #expect(error?.kind == .badColor)
        #expect(error?.line == 8)
        #expect(error?.key == "[selection] fg")
        #expect(error?.description
            == #"themes/x.toml line 8: [selection] fg: "purple" is not a colour; use a name, 0-255 or #rrggbb"#)
    }

    @Test func outOfRangeIndicesAndOtherTypesAreNotColours() {
        let index = error(decoding: "[muted]\nbg = 300\n")
        #expect(index?.description == "themes/x.toml line 2: [muted] bg: 300 is not a colour; use a name, 0-255 or #rrggbb")
        let short = error(decoding: "[muted]\nfg = \"#fff\"\n")
        #expect(short?.kind == .badColor)
        let flag = error(decoding: "[muted]\nfg = true\n")
        #expect(flag?.description.contains("true is not a colour") == true)
    }

    @Test func anAttributeThatIsNotAFlagSaysSo() {
        let error = error(decoding: "[error]\nfg = \"red\"\nbold = \"yes\"\n")
        #expect(error?.kind == .badFlag)
        #expect(error?.description == #"themes/x.toml line 3: [error] bold: "yes" is not a flag; use true or false"#)
    }

    @Test func anUnknownRoleListsTheRoles() {
        let error = error(decoding: "[text]\n\n[selction]\nfg = \"red\"\n")
        #expect(error?.kind == .unknownRole)
        #expect(error?.line == 3)
        #expect(error?.key == "[selction]")
        #expect(error?.reason.contains("selection") == true)
        #expect(error?.reason.contains("badge-sandbox") == true)
    }

    @Test func anUnknownKeyListsTheKeys() {
        let error = error(decoding: "[text]\ncolour = \"red\"\n")
        #expect(error?.kind == .unknownKey)
        #expect(error?.description
            == "themes/x.toml line 2: [text] colour: unknown key; a role takes fg, bg, bold, dim, underline and reverse")
    }

    @Test func aRoleMustBeATable() {
        let error = error(decoding: "# header\ntext = \"red\"\n")
        #expect(error?.kind == .notATable)
        #expect(error?.line == 2)
        #expect(error?.key == "text")
    }

    @Test func inlineTablesAndDottedKeysPointAtTheirLine() {
        let inline = error(decoding: "\n\nselection = { fg = \"purple\" }\n")
        #expect(inline?.line == 3)
        #expect(inline?.key == "[selection] fg")
        let dotted = error(decoding: "muted.fg = 1\nselection.bg = \"nope\"\n")
        #expect(dotted?.kind == .badColor)
        #expect(dotted?.line == 2)
        #expect(dotted?.key == "[selection] bg")
    }

    @Test func brokenTOMLNamesTheLineTheParserStoppedAt() {
        let error = error(decoding: "[text]\nfg = \"red\"\n\n[selection\nfg = 1\n")
        #expect(error?.kind == .syntax)
        #expect(error?.line == 4)
        #expect(error?.key == nil)
        #expect(error?.description.hasPrefix("themes/x.toml line 4: ") == true)
    }

    @Test func theFirstProblemInFileOrderIsReported() {
        // TOMLKit sorts keys; the user reads top to bottom.
        let error = error(decoding: """
            [warning]
            fg = "orange"

            [accent]
            fg = "teal"
            """)
        #expect(error?.key == "[warning] fg")
        #expect(error?.line == 2)
    }
}
