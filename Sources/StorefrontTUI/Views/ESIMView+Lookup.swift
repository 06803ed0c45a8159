import StorefrontDomain

/// The first step: the ICCID field with a verdict on what is typed (before anything is sent), and the
/// account's eSIMs, filtered by the digits typed as the end of their ICCID.
enum ESIMLookupView {
    static func draw(_ state: AppState, _ area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let esim = state.esim
        let fieldX = area.x + ESIMView.labelWidth
        let fieldWidth = area.width - ESIMView.labelWidth
        ESIMView.labelled("ICCID", y: area.y, area, into: &buffer)
        if esim.iccidText.isEmpty {
            buffer.row(glyphs.cursor + "type or paste the ICCID, or its last digits to find it below", x: fieldX, y: area.y,
                       width: fieldWidth, style: Style(.muted))
        } else {
            buffer.row(state.showingCursor(esim.iccidText, in: .iccid, glyph: glyphs.cursor), x: fieldX, y: area.y, width: fieldWidth, style: Style(.input, bold: true))
        }
        let (verdict, style) = self.verdict(esim, glyphs: glyphs)
        buffer.wrapped(verdict, x: fieldX, y: area.y + 1, width: fieldWidth, maxRows: 2, style: style)
        drawOwned(state, Rect(x: area.x, y: area.y + 4, width: area.width, height: area.height - 4), glyphs, into: &buffer)
    }

    /// What the typed text amounts to: a valid ICCID, a few digits that filter the list, or exactly what is wrong.
    static func verdict(_ esim: ESIMScreenState, glyphs: Glyphs) -> (String, Style) {
        if let loading = esim.loading { return ("Reading eSIM \(loading)\(glyphs.ellipsis)", Style(.accent)) }
        if let error = esim.error { return (error, Style(.error, bold: true)) }
        let digits = esim.typedDigits
        if digits.isEmpty { return ("19 or 20 digits; spaces and dashes are ignored.", Style(.muted)) }
        if ICCID.normalize(esim.iccidText) != nil {
            return ("\(digits.count) digits, check digit correct: Enter looks it up.", Style(.success))
        }
        if digits.count < 19, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let matches = esim.visibleOwned.count
            let found = esim.owned == nil ? "" : matches == 0 ? " No eSIM of this account ends so."
                : " \(matches) eSIM\(matches == 1 ? "" : "s") of this account end\(matches == 1 ? "s" : "") so: Enter opens the highlighted one."
            return ("\(digits.count) digit\(digits.count == 1 ? "" : "s") of 19-20.\(found)", Style(.muted))
        }
        return (ICCID.problem(esim.iccidText) ?? "", Style(.warning, bold: true))
    }

    private static func drawOwned(_ state: AppState, _ area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let esim = state.esim
        guard let owned = esim.owned else {
            let text = esim.ownedError.map { "The account's eSIMs could not be read: \($0)" } ?? "Reading the account's eSIMs\(glyphs.ellipsis)"
            buffer.row(text, x: area.x, y: area.y, width: area.width, style: Style(esim.ownedError == nil ? .muted : .error))
            return
        }
        let visible = esim.visibleOwned
        let digits = esim.typedDigits
        let count = visible.count == owned.count ? "\(owned.count)" : "\(visible.count) of \(owned.count) end in \(digits)"
        buffer.row("eSIMs of this account (\(count))", x: area.x, y: area.y, width: area.width, style: Style(.title, bold: true))
        let columns = Columns(width: area.width)
        buffer.row(columns.row("ICCID", "Plan", "Installed", "Active bundle", "Data left"), x: area.x, y: area.y + 1,
                   width: area.width, style: Style(.muted, underline: true))
        let rows = max(1, area.height - 2)
        let top = max(0, min(esim.ownedSelection - rows + 1, visible.count - rows))
        for (offset, item) in visible.dropFirst(top).prefix(rows).enumerated() {
            let index = top + offset
            let installed = item.installed.map { $0 ? "yes" : "no" } ?? "?"
            let left = item.usableBytes.map { DataAmount.format(bytes: $0) } ?? "none"
            let plan = item.planId.map { id in state.esim.plans.first { $0.id == id }?.name ?? id } ?? "-"
            let line = columns.row(item.iccid, plan, installed,
                                   item.activeBundle?.name ?? "none active", left)
            let selected = index == esim.ownedSelection
            buffer.row(line, x: area.x, y: area.y + 2 + offset, width: area.width,
                       style: selected ? Style(.selection, bold: true) : Style(item.usableBytes ?? 0 > 0 ? .text : .muted))
        }
    }

    /// ICCID, plan, installed, the active bundle and the data left; the plan takes what the others leave.
    struct Columns {
        let width: Int
        let iccidWidth = 21
        let installedWidth = 10
        let bundleWidth = 16
        let leftWidth = 10
        /// Wide enough for "Name (plan-id)", no wider: the columns after it stay near.
        var planWidth: Int { max(8, min(40, width - iccidWidth - installedWidth - bundleWidth - leftWidth - 4)) }

        func row(_ iccid: String, _ plan: String, _ installed: String, _ bundle: String, _ left: String) -> String {
            DisplayWidth.fit(iccid, to: iccidWidth) + " " + DisplayWidth.fit(plan, to: planWidth) + " "
                + DisplayWidth.fit(installed, to: installedWidth) + " " + DisplayWidth.fit(bundle, to: bundleWidth) + " "
                + String(repeating: " ", count: max(0, leftWidth - DisplayWidth.of(left))) + left
        }
    }
}
