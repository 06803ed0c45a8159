import StorefrontDomain

/// The colours behind palette indices, and nearest-colour search over them.
///
/// The 16 named colours use xterm's defaults: users' palettes differ, but only the relative distances matter
/// when bringing an exact colour down to the nearest one.
enum ColorPalette {
    struct RGB: Hashable {
        var red: Int
        var green: Int
        var blue: Int

        /// Whether the colour has (almost) no hue, so that it should stay black, grey or white.
        var isGrey: Bool {
            max(red, green, blue) - min(red, green, blue) < 24
        }
    }

    private static let named: [RGB] = [
        RGB(red: 0, green: 0, blue: 0), RGB(red: 205, green: 0, blue: 0),
        RGB(red: 0, green: 205, blue: 0), RGB(red: 205, green: 205, blue: 0),
        RGB(red: 0, green: 0, blue: 238), RGB(red: 205, green: 0, blue: 205),
        RGB(red: 0, green: 205, blue: 205), RGB(red: 229, green: 229, blue: 229),
        RGB(red: 127, green: 127, blue: 127), RGB(red: 255, green: 0, blue: 0),
        RGB(red: 0, green: 255, blue: 0), RGB(red: 255, green: 255, blue: 0),
        RGB(red: 92, green: 92, blue: 255), RGB(red: 255, green: 0, blue: 255),
        RGB(red: 0, green: 255, blue: 255), RGB(red: 255, green: 255, blue: 255),
    ]

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The colour of a 256-palette index: named colours, then the 6×6×6 cube, then 24 greys.
    static func rgb(ofIndex index: Int) -> RGB {
        switch index {
        case 0..<16:
            return named[index]
        case 16..<232:
            let cube = index - 16
            return RGB(red: cubeLevels[cube / 36], green: cubeLevels[(cube / 6) % 6], blue: cubeLevels[cube % 6])
        default:
            let level = 8 + 10 * (index - 232)
            return RGB(red: level, green: level, blue: level)
        }
    }

    /// The index in `candidates` whose colour is nearest to `color` (the lowest index on a tie).
    static func nearestIndex(to color: RGB, among candidates: some Collection<Int>) -> Int {
        candidates.min { distance(rgb(ofIndex: $0), color) < distance(rgb(ofIndex: $1), color) } ?? 0
    }

    /// "Redmean" distance: a cheap weighting of the channels that tracks perceived difference far better than
    /// plain Euclidean distance, so dark blues do not turn into black.
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let redMean = (a.red + b.red) / 2
        let red = a.red - b.red
        let green = a.green - b.green
        let blue = a.blue - b.blue
        return (((512 + redMean) * red * red) >> 8) + 4 * green * green + (((767 - redMean) * blue * blue) >> 8)
    }
}
