import StorefrontDomain

/// Centred boxes drawn over the screen.
enum DialogView {
    static func frame(width: Int, height: Int, _ layout: Layout) -> Rect {
        let w = min(width, layout.width - 4)
        let h = min(height, layout.height - 2)
        return Rect(x: (layout.width - w) / 2, y: (layout.height - h) / 2, width: w, height: h)
    }

    static func confirm(title: String, lines text: [String], _ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        // A question is read whole: long lines wrap instead of losing their end at 80 columns.
        let lines = text.flatMap { PurchaseView.wrap($0, width: layout.width - 10, breakAnywhere: true) }
        let width = min(layout.width - 4, max(40, (lines.map(DisplayWidth.of).max() ?? 0) + 6))
        let rect = frame(width: width, height: lines.count + 4, layout)
        buffer.box(rect, title: title, glyphs: Glyphs.of(state), style: Style(.warning))
        for (offset, line) in lines.enumerated() {
            buffer.row(line, x: rect.x + 3, y: rect.y + 2 + offset, width: rect.width - 6, style: .text)
        }
    }
}

/// Help, generated from the keymap so it always says what the keys really do: the keys of everywhere and of
/// the screen it was opened on. When the list is taller than the window it flows into two columns.
enum HelpView {
    struct Entry {
        var keys: String
        var summary: String
        var isHeading: Bool
    }

    static func entries(for screen: Screen) -> [Entry] {
        let here = KeyBinding.Context(screen)
        var entries: [Entry] = []
        for context in [KeyBinding.Context.everywhere, here] {
            entries.append(Entry(keys: context.rawValue, summary: "", isHeading: true))
            for binding in Keymap.bindings where binding.context == context {
                let keys = binding.command == .tab(0) ? "1-5" : binding.keys.map(\.label).joined(separator: " ")
                entries.append(Entry(keys: keys, summary: binding.summary, isHeading: false))
            }
        }
        if screen == .browser {
            entries.append(Entry(keys: "Countries pane", summary: "", isHeading: true))
            entries.append(Entry(keys: "/ then a-z", summary: "Jump to a country", isHeading: false))
        }
        return entries
    }

    /// How the entries are laid out at a size: one or two columns, and how many rows each column has.
    private struct Shape {
        let entries: [Entry]
        let columns: Int
        let perColumn: Int
        let rect: Rect
        /// Entry rows the box shows at once (the last inner row is left blank).
        var visibleRows: Int { max(1, rect.height - 3) }
        var maxScroll: Int { max(0, perColumn - visibleRows) }

        init(_ state: AppState, _ layout: Layout) {
            entries = HelpView.entries(for: state.screen)
            let fitsOneColumn = entries.count + 3 <= layout.height - 2
            columns = fitsOneColumn ? 1 : 2
            perColumn = (entries.count + columns - 1) / columns
            rect = fitsOneColumn ? DialogView.frame(width: 72, height: entries.count + 3, layout)
                : Rect(x: 1, y: 1, width: layout.width - 2, height: min(layout.height - 2, perColumn + 3))
        }
    }

    /// The furthest the help scrolls at the state's size: 0 when every key fits.
    static func maxScroll(_ state: AppState) -> Int {
        Shape(state, Layout(width: state.width, height: state.height)).maxScroll
    }

    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let shape = Shape(state, layout)
        let entries = shape.entries
        let perColumn = shape.perColumn
        let rect = shape.rect
        let scroll = min(state.helpScroll, shape.maxScroll)
        let glyphs = Glyphs.of(state)
        buffer.box(rect, title: "Keys", glyphs: glyphs, style: Style(.accent))
        if shape.maxScroll > 0 {
            let more = scroll < shape.maxScroll ? "more below" : "end"
            buffer.put(" ↑↓ scroll \(glyphs.bullet) \(more) ", x: rect.x + 2, y: rect.maxY - 1, style: Style(.muted))
        }
        let columnWidth = (rect.width - 3) / shape.columns
        let keyWidth = 12
        for (index, entry) in entries.enumerated() {
            let column = index / perColumn
            let row = index % perColumn - scroll
            guard row >= 0, row < shape.visibleRows else { continue }
            let y = rect.y + 1 + row
            let x = rect.x + 2 + column * columnWidth
            if entry.isHeading {
                buffer.row(entry.keys, x: x, y: y, width: columnWidth - 1, style: Style(.title, bold: true))
            } else {
                buffer.row(" " + DisplayWidth.fit(entry.keys, to: keyWidth - 1), x: x, y: y, width: keyWidth, style: Style(.key, bold: true))
                buffer.row(entry.summary, x: x + keyWidth + 1, y: y, width: columnWidth - keyWidth - 2, style: .text)
            }
        }
    }
}

/// Below 80x24 nothing else fits: say so, and by how much.
enum TooSmallView {
    static func draw(_ state: AppState, into buffer: inout ScreenBuffer) {
        let lines = [
            "Terminal too small: \(state.width)x\(state.height).",
            "Storefront needs at least \(AppState.minimumWidth)x\(AppState.minimumHeight).",
            "Enlarge the window, or press q to quit.",
        ]
        let top = max(0, (state.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let x = max(0, (state.width - DisplayWidth.of(line)) / 2)
            buffer.put(line, x: x, y: top + offset, style: Style(offset == 0 ? .warning : .text, bold: offset == 0))
        }
    }
}
