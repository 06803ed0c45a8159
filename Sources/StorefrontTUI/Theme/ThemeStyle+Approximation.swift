import StorefrontDomain

extension ThemeStyle {
    /// The foreground and background a terminal of `capability` shows for this style.
    ///
    /// Each colour goes to its nearest, except that text never vanishes into its own background: when two
    /// different colours would land on the same one (a mid-grey border on a white page becomes white on
    /// 8 colours), the foreground takes its next nearest instead.
    public func colors(for capability: ColorCapability) -> (foreground: ThemeColor, background: ThemeColor) {
        let shownBackground = background.approximated(for: capability)
        let nearest = foreground.approximated(for: capability)
        guard nearest == shownBackground, foreground != background else { return (nearest, shownBackground) }
        return (foreground.approximated(for: capability, avoiding: shownBackground), shownBackground)
    }
}
