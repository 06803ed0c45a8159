extension ThemeColor {
    /// The colour a terminal of `capability` can show that is nearest to this one.
    ///
    /// The result uses only what the terminal has: `.terminalDefault` or `.ansi` for 8 and 16 colours (bright
    /// names become the nearest basic colour on 8, so bright-black turns white rather than vanishing into a
    /// black background), palette entries for 256 colours (exact colours go to the cube or the grey ramp, never
    /// to the first 16, which users redefine), and anything for true colour.
    public func approximated(for capability: ColorCapability) -> ThemeColor {
        switch capability {
        case .truecolor:
            return self
        case .palette256:
            guard case .rgb = self, let color = rgbValue else { return self }
            return .indexed(UInt8(ColorPalette.nearestIndex(to: color, among: 16...255)))
        case .ansi16, .ansi8:
            guard let color = rgbValue else { return self }
            let last = capability == .ansi8 ? 7 : 15
            return .ansi(ANSIColor(rawValue: ColorPalette.nearestIndex(to: color, among: 0...last)) ?? .white)
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
