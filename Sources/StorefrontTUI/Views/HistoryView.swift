import Foundation
import StorefrontDomain

/// Every purchase in the journal: unfinished ones on top, then newest first, filtered by `/`. In team mode the
/// journal is the desk's: an Agent column says who bought each, and `m` and `a` narrow it to one agent's.
enum HistoryView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let glyphs = Glyphs.of(state)
        let pane = layout.body
        let history = state.checkout.history
        let count = history.entries.count
        // A team's list says whose purchases it holds, so "mine" is never taken for the whole desk's.
        let whose = state.connection.isTeam ? " \(glyphs.bullet) \(history.whose(me: state.connection.agent))" : ""
        buffer.box(pane, title: "History \(glyphs.bullet) \(count) purchase\(count == 1 ? "" : "s")\(whose)", glyphs: glyphs, style: Style(.accent))
        let x = pane.x + 2
        let inner = pane.width - 4
        if history.isEditingFilter || !history.filter.isEmpty {
            let filter = history.isEditingFilter ? state.showingCursor(history.filter, in: .historyFilter, glyph: glyphs.cursor) : history.filter
            buffer.row("/ \(filter)", x: x, y: pane.y + 1, width: inner, style: Style(.input, bold: history.isEditingFilter))
        } else {
            // Short enough for 80 columns: the hint says what can be typed, not cut mid-word.
            buffer.row("/ filters by invoice, product, phone, ICCID, or the end of a code or link",
                       x: x, y: pane.y + 1, width: inner, style: Style(.muted))
        }
        let columns = Columns(width: inner, showsAgents: state.connection.isTeam)
        buffer.row(columns.row(columns.isNarrowTeam ? "Created UTC" : "Created (UTC)", "Status", "Amount", "Agent", "Items", "Paid with", "Invoice"),
                   x: x, y: pane.y + 2, width: inner, style: Style(.muted, underline: true))
        guard !history.entries.isEmpty else {
            let text = history.isLoading ? "Loading\(glyphs.ellipsis)" : emptyText(history, state.connection)
            buffer.put(text, x: x, y: pane.y + 4, style: Style(.muted), maxWidth: inner)
            return
        }
        let rows = layout.historyRows
        for (offset, purchase) in history.entries.dropFirst(history.scroll).prefix(rows).enumerated() {
            let index = history.scroll + offset
            let y = pane.y + 3 + offset
            let (status, role) = PurchaseText.shortStatus(purchase)
            let pending = purchase.isUnfinished ? "\(PurchaseText.spinner(state)) " : ""
            let line = columns.row(columns.date(purchase.createdAt), pending + status, purchase.payment?.amount?.formatted ?? "",
                                   columns.agent(purchase), items(purchase), purchase.paymentMethod.displayName, purchase.invoiceId ?? "none")
            let selected = index == history.selection
            buffer.row(line, x: x, y: y, width: inner, style: selected ? Style(.selection, bold: true) : .text)
            if !selected {
                buffer.restyle(x: x + columns.statusX, y: y, width: columns.statusWidth, style: Style(role, bold: purchase.isUnfinished))
            }
        }
    }

    /// Why the list is empty, and the key that shows more.
    static func emptyText(_ history: HistoryState, _ connection: ConnectionInfo) -> String {
        switch (history.agent, history.filter.isEmpty) {
        case (nil, true): "No purchases yet: b in the cart buys what is in it."
        case (nil, false): "No purchase matches '\(history.filter)'. Esc clears the filter."
        case (let agent?, let unfiltered):
            whoseEmpty(agent == connection.agent ? nil : Sanitizer.clean(agent), search: unfiltered ? nil : history.filter)
        }
    }

    /// An agent's list with nothing in it: `agent` nil is the user's own, whose key is `m`; another's is `a`.
    private static func whoseEmpty(_ agent: String?, search: String?) -> String {
        let again = agent == nil ? "m" : "a"
        switch (agent, search) {
        case (nil, nil): return "No purchases of yours yet. \(again) shows everyone's."
        case (let agent?, nil): return "No purchases by \(agent). \(again) shows everyone's."
        case (nil, let search?): return "None of your purchases matches '\(search)'. \(again) shows everyone's."
        case (let agent?, let search?): return "None of \(agent)'s purchases matches '\(search)'. \(again) shows everyone's."
        }
    }

    /// What was bought and for whom: a top-up is marked with its eSIM, a refill with its phone number, in full,
    /// because that is what a customer on the phone reads out.
    static func items(_ purchase: Purchase) -> String {
        purchase.lines.map { line in
            let count = line.quantity > 1 ? " ×\(line.quantity)" : ""
            if let iccid = line.esimId { return "eSIM top-up \(line.faceValue) on \(iccid)" }
            let base = "\(line.productName) \(line.faceValue)\(count)"
            return line.phoneNumber.map { "\(base) for \($0)" } ?? base
        }.joined(separator: ", ")
    }

    /// Date, status, amount, agent (team mode), items, method and invoice; the items take what the others leave.
    /// A team's list below 100 columns keeps the items readable at 80: the date loses its year, the amount goes (the
    /// purchase shows it), and the agent is named without an SSH key's fingerprint.
    struct Columns {
        let width: Int
        var showsAgents = false
        var isNarrowTeam: Bool { showsAgents && width < 96 }
        var dateWidth: Int { isNarrowTeam ? 11 : 16 }
        let statusWidth = 18
        var amountWidth: Int { isNarrowTeam ? 0 : 15 }
        var agentWidth: Int { showsAgents ? (isNarrowTeam ? 12 : 20) : 0 }
        // What was bought, and for whom, comes before the method and the invoice id (the purchase shows both).
        var methodWidth: Int { width >= 110 ? 15 : 0 }
        var invoiceWidth: Int { width >= 150 ? 36 : 0 }
        var statusX: Int { dateWidth + 1 }
        var itemsWidth: Int {
            max(10, width - dateWidth - statusWidth - amountWidth - agentWidth - methodWidth - invoiceWidth - 5 - (showsAgents ? 1 : 0))
        }

        /// `2026-11-18 11:05`, or `11-18 11:05` on a narrow team list.
        func date(_ date: Date) -> String {
            let stamp = PurchaseText.stamp(date)
            return isNarrowTeam ? String(stamp.dropFirst(5)) : stamp
        }

        /// Who bought it: on a narrow list, the name before an SSH key's `(SHA256:…)`.
        func agent(_ purchase: Purchase) -> String {
            guard let agent = purchase.agent.map({ Sanitizer.clean($0) }) else { return "-" }
            guard isNarrowTeam, let cut = agent.range(of: " (") else { return agent }
            return String(agent[..<cut.lowerBound])
        }

        func row(_ date: String, _ status: String, _ amount: String, _ agent: String, _ items: String, _ method: String,
                 _ invoice: String) -> String {
            var text = DisplayWidth.fit(date, to: dateWidth) + " " + DisplayWidth.fit(status, to: statusWidth) + " "
            if amountWidth > 0 {
                text += String(repeating: " ", count: max(0, amountWidth - DisplayWidth.of(amount))) + DisplayWidth.truncate(amount, to: amountWidth) + " "
            }
            if agentWidth > 0 { text += DisplayWidth.fit(agent, to: agentWidth) + " " }
            text += DisplayWidth.fitKeepingEnd(items, to: itemsWidth)
            if methodWidth > 0 { text += " " + DisplayWidth.fit(method, to: methodWidth) }
            if invoiceWidth > 0 { text += " " + DisplayWidth.truncate(invoice, to: invoiceWidth) }
            return text
        }
    }
}
