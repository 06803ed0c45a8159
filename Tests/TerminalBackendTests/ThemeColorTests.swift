import StorefrontTUI
import Testing

@Suite struct ThemeColorTests {
    @Test func parsesEveryFormAThemeFileAllows() {
        #expect(ThemeColor(parsing: "default") == .terminalDefault)
        #expect(ThemeColor(parsing: "red") == .ansi(.red))
        #expect(ThemeColor(parsing: "Bright-Cyan") == .ansi(.brightCyan))
        #expect(ThemeColor(parsing: "3") == .ansi(.yellow))
        #expect(ThemeColor(parsing: "208") == .indexed(208))
        #expect(ThemeColor(parsing: "#Ff8700") == .rgb(red: 255, green: 135, blue: 0))
        #expect(ThemeColor(index: 15) == .ansi(.brightWhite))
    }

    @Test func rejectsWhatIsNotAColour() {
        for text in ["purple", "256", "-1", "#fff", "#gggggg", "ff8700", "bright-", ""] {
            #expect(ThemeColor(parsing: text) == nil, "\(text)")
        }
    }

    @Test func describesColoursTheWayFilesSpellThem() {
        let colors: [ThemeColor] = [.terminalDefault, .ansi(.brightBlack), .indexed(240), .rgb(red: 0, green: 95, blue: 135)]
        #expect(colors.map(\.description) == ["default", "bright-black", "240", "#005f87"])
        for color in colors {
            #expect(ThemeColor(parsing: color.description) == color)
        }
    }

    @Test func exactColoursGoToTheCubeOrGreyRampOn256() {
        #expect(ThemeColor.rgb(red: 0xFF, green: 0x87, blue: 0x00).approximated(for: .palette256) == .indexed(208))
        #expect(ThemeColor.rgb(red: 0x80, green: 0x80, blue: 0x80).approximated(for: .palette256) == .indexed(244))
        #expect(ThemeColor.rgb(red: 0x81, green: 0x7F, blue: 0x82).approximated(for: .palette256) == .indexed(244))
        #expect(ThemeColor.rgb(red: 0x5F, green: 0xAF, blue: 0xFF).approximated(for: .palette256) == .indexed(75))
        #expect(ThemeColor.indexed(100).approximated(for: .palette256) == .indexed(100))
        #expect(ThemeColor.ansi(.red).approximated(for: .palette256) == .ansi(.red))
    }

    @Test func sixteenColourTerminalsGetTheNearestNamedColour() {
        #expect(ThemeColor.indexed(196).approximated(for: .ansi16) == .ansi(.brightRed))
        #expect(ThemeColor.indexed(21).approximated(for: .ansi16) == .ansi(.blue))
        #expect(ThemeColor.rgb(red: 0x10, green: 0x10, blue: 0x10).approximated(for: .ansi16) == .ansi(.black))
        #expect(ThemeColor.ansi(.brightMagenta).approximated(for: .ansi16) == .ansi(.brightMagenta))
    }

    @Test func eightColourTerminalsLoseBrightVariantsWithoutLosingContrast() {
        #expect(ThemeColor.ansi(.brightRed).approximated(for: .ansi8) == .ansi(.red))
        #expect(ThemeColor.ansi(.brightBlack).approximated(for: .ansi8) == .ansi(.white))
        #expect(ThemeColor.indexed(226).approximated(for: .ansi8) == .ansi(.yellow))
        #expect(ThemeColor.indexed(245).approximated(for: .ansi8) == .ansi(.white))
        #expect(ThemeColor.indexed(236).approximated(for: .ansi8) == .ansi(.black))
    }

    @Test func greysStayGreyOnSixteenColours() {
        #expect(ThemeColor.indexed(245).approximated(for: .ansi16) == .ansi(.brightBlack))
        #expect(ThemeColor.rgb(red: 0xEE, green: 0xEE, blue: 0xEE).approximated(for: .ansi16) == .ansi(.white))
        #expect(ThemeColor.rgb(red: 0x80, green: 0x90, blue: 0x88).approximated(for: .ansi16) == .ansi(.brightBlack))
    }

    @Test func approximationsUseOnlyWhatTheTerminalHas() {
        let samples: [ThemeColor] = ANSIColor.allCases.map { .ansi($0) } + (16...255).map { .indexed(UInt8($0)) }
            + stride(from: 0, through: 255, by: 51).flatMap { red in
                [0, 128, 255].map { ThemeColor.rgb(red: UInt8(red), green: UInt8($0), blue: UInt8(255 - red)) }
            }
        for color in samples {
            #expect((color.approximated(for: .ansi8).paletteIndex ?? -1) < 8)
            #expect((color.approximated(for: .ansi16).paletteIndex ?? -1) < 16)
            #expect(color.approximated(for: .palette256).paletteIndex != nil)
            #expect(color.approximated(for: .truecolor) == color)
        }
    }

    @Test func theTerminalDefaultStaysEverywhere() {
        for capability in ColorCapability.allCases {
            #expect(ThemeColor.terminalDefault.approximated(for: capability) == .terminalDefault)
        }
    }

    @Test func qrStaysBlackOnWhiteOnEveryTerminal() {
        let expected: [ColorCapability: (ThemeColor, ThemeColor)] = [
            .ansi8: (.ansi(.black), .ansi(.white)),
            .ansi16: (.ansi(.black), .ansi(.brightWhite)),
            .palette256: (.indexed(16), .indexed(231)),
            .truecolor: (.rgb(red: 0, green: 0, blue: 0), .rgb(red: 255, green: 255, blue: 255)),
        ]
        for (capability, colors) in expected {
            #expect(ThemeStyle.qr.foreground.approximated(for: capability) == colors.0)
            #expect(ThemeStyle.qr.background.approximated(for: capability) == colors.1)
        }
    }

    @Test func textNeverLandsOnItsOwnBackground() {
        let border = ThemeStyle(foreground: .rgb(red: 0x8C, green: 0x95, blue: 0x9F),
                                background: .rgb(red: 0xFA, green: 0xFA, blue: 0xFA))
        #expect(border.foreground.approximated(for: .ansi8) == .ansi(.white), "its nearest alone is the page's white")
        #expect(border.colors(for: .ansi8) == (.ansi(.black), .ansi(.white)))
        let nearBlack = ThemeStyle(foreground: .rgb(red: 0, green: 0, blue: 1), background: .rgb(red: 0, green: 0, blue: 0))
        for capability in ColorCapability.allCases {
            let shown = nearBlack.colors(for: capability)
            #expect(shown.foreground != shown.background, "\(capability)")
        }
        #expect(nearBlack.colors(for: .palette256) == (.indexed(232), .indexed(16)))
        let same = ThemeStyle(foreground: .ansi(.blue), background: .ansi(.blue))
        #expect(same.colors(for: .ansi8) == (.ansi(.blue), .ansi(.blue)), "colours written the same stay the same")
        #expect(ThemeStyle.plain.colors(for: .ansi16) == (.terminalDefault, .terminalDefault))
    }

    @Test func capabilityFollowsTheColourCount() {
        #expect(ColorCapability(colorCount: 8) == .ansi8)
        #expect(ColorCapability(colorCount: 16) == .ansi16)
        #expect(ColorCapability(colorCount: 88) == .ansi16)
        #expect(ColorCapability(colorCount: 256) == .palette256)
        #expect(ColorCapability(colorCount: 16_777_216) == .palette256)
    }
}
