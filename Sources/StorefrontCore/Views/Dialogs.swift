/// Centred boxes drawn over the screen.
enum DialogView {
    static func frame(width: Int, height: Int, _ layout: Layout) -> Rect {
        let w = min(width, layout.width - 4)
        let h = min(height, layout.height - 2)
        return Rect(x: (layout.width - w) / 2, y: (layout.height - h) / 2, width: w, height: h)
    }

    static func confirm(title: String, lines: [String], _ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let width = min(layout.width - 4, max(40, (lines.map(DisplayWidth.of).max() ?? 0) + 6))
        let rect = frame(width: width, height: lines.count + 4, layout)
        buffer.box(rect, title: title, glyphs: Glyphs.of(state), style: Style(.warning))
        for (offset, line) in lines.enumerated() {
            buffer.row(line, x: rect.x + 3, y: rect.y + 2 + offset, width: rect.width - 6, style: .text)
        }
    }
}

/// Help, generated from the keymap so it always says what the keys really do.
enum HelpView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        var lines: [(String, String, Bool)] = []
        for context in KeyBinding.Context.allCases {
            lines.append((context.rawValue, "", true))
            for binding in Keymap.bindings where binding.context == context {
                let keys = binding.command == .tab(0) ? "1-5" : binding.keys.map(\.label).joined(separator: " ")
                lines.append((keys, binding.summary, false))
            }
        }
        lines.append(("Countries", "type letters to jump to a country", true))
        let rect = DialogView.frame(width: 72, height: lines.count + 4, layout)
        buffer.box(rect, title: "Keys", glyphs: Glyphs.of(state), style: Style(.accent))
        for (offset, line) in lines.prefix(rect.height - 3).enumerated() {
            let y = rect.y + 1 + offset
            if line.2 {
                buffer.row(line.0 + (line.1.isEmpty ? "" : ": " + line.1), x: rect.x + 2, y: y, width: rect.width - 4, style: Style(.title, bold: true))
            } else {
                buffer.row("  " + DisplayWidth.fit(line.0, to: 14), x: rect.x + 2, y: y, width: 16, style: Style(.key, bold: true))
                buffer.row(line.1, x: rect.x + 19, y: y, width: rect.width - 21, style: .text)
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
