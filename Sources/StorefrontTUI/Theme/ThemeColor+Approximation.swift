import StorefrontDomain

extension ThemeColor {
    /// The colour a terminal of `capability` can show that is nearest to this one.
    ///
    /// The result uses only what the terminal has: `.terminalDefault` or `.ansi` for 8 and 16 colours, palette
    /// entries for 256 colours (exact colours go to the cube or the grey ramp, never to the first 16, which
    /// users redefine), and anything for true colour. Greys only ever become greys: by distance alone a
    /// mid-grey is nearer cyan than white on 8 colours; this way bright-black turns white there instead.
    public func approximated(for capability: ColorCapability) -> ThemeColor {
        approximated(for: capability, avoiding: nil)
    }

    /// The nearest colour other than `avoided`, which a foreground uses when its nearest colour is its own
    /// background's (see `ThemeStyle.colors(for:)`).
    func approximated(for capability: ColorCapability, avoiding avoided: ThemeColor?) -> ThemeColor {
        switch capability {
        case .truecolor:
            return self
        case .palette256:
            guard case .rgb = self, let color = rgbValue else { return self }
            let candidates = (16...255).filter { $0 != avoided?.paletteIndex }
            return .indexed(UInt8(ColorPalette.nearestIndex(to: color, among: candidates)))
        case .ansi16, .ansi8:
            guard let color = rgbValue else { return self }
            let candidates: [ANSIColor] = switch (capability, color.isGrey) {
            case (.ansi8, true): [.black, .white]
            case (.ansi8, false): Array(ANSIColor.allCases.prefix(8))
            case (_, true): [.black, .brightBlack, .white, .brightWhite]
            case (_, false): ANSIColor.allCases
            }
            return .ansi(candidates.filter { .ansi($0) != avoided }.min {
                ColorPalette.distance(ColorPalette.rgb(ofIndex: $0.rawValue), color)
                    < ColorPalette.distance(ColorPalette.rgb(ofIndex: $1.rawValue), color)
            } ?? .white)
        }
    }

    /// The colour's red, green and blue, or nil for the terminal default, which has none of its own.
    private var rgbValue: ColorPalette.RGB? {
        switch self {
        case .terminalDefault: nil
        case .ansi(let color): ColorPalette.rgb(ofIndex: color.rawValue)
        case .indexed(let index): ColorPalette.rgb(ofIndex: Int(index))
        case .rgb(let red, let green, let blue): ColorPalette.RGB(red: Int(red), green: Int(green), blue: Int(blue))
        }
    }
}
