import StorefrontDomain

/// The eSIM top-up screen, one step at a time: the ICCID and the account's eSIMs, the eSIM with its bundles,
/// a plan, a bundle, and the review that shows the ICCID in full with its last digits picked out.
enum ESIMView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let glyphs = Glyphs.of(state)
        let pane = layout.body
        let esim = state.esim
        let title = switch esim.step {
        case .lookup: "eSIM top-up \(glyphs.bullet) find the eSIM"
        case .details: "eSIM \(glyphs.bullet) \(esim.esim.map { "…" + $0.iccid.suffix(4) } ?? "")"
        case .plans: "Top up \(glyphs.bullet) choose a plan"
        case .bundles: "Top up \(glyphs.bullet) choose a bundle"
        case .review: "Top up \(glyphs.bullet) review"
        }
        buffer.box(pane, title: title, glyphs: glyphs, style: Style(.accent))
        let area = Rect(x: pane.x + 2, y: pane.y + 1, width: pane.width - 4, height: pane.height - 2)
        switch esim.step {
        case .lookup: ESIMLookupView.draw(state, area, glyphs, into: &buffer)
        case .details: drawDetails(state, area, glyphs, into: &buffer)
        case .plans: ESIMPlanView.drawPlans(state, area, glyphs, into: &buffer)
        case .bundles: ESIMPlanView.drawBundles(state, area, glyphs, into: &buffer)
        case .review: ESIMReviewView.draw(state, area, glyphs, into: &buffer)
        }
        let keys = switch esim.step {
        case .lookup: "Enter look up \(glyphs.bullet) ↑↓ pick from the list \(glyphs.bullet) Esc clear / back"
        case .details: "t top up \(glyphs.bullet) n read again \(glyphs.bullet) Esc another eSIM"
        case .plans: "Enter choose \(glyphs.bullet) / filter \(glyphs.bullet) Esc back"
        case .bundles: "Enter review \(glyphs.bullet) Esc other plan"
        case .review: "y top up \(glyphs.bullet) Esc change the bundle"
        }
        buffer.put(" \(keys) ", x: pane.x + 2, y: pane.maxY - 1, style: Style(.key))
    }

    /// The eSIM as read: ICCID, plan, installation, then every bundle with data used and left.
    private static func drawDetails(_ state: AppState, _ area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        guard let esim = state.esim.esim else { return }
        var y = area.y
        labelled("ICCID", y: y, area, into: &buffer)
        var x = drawICCID(esim.iccid, x: area.x + labelWidth, y: y, highlight: Style(.title, bold: true), into: &buffer)
        x += buffer.put("   \(esim.installedText)", x: x, y: y, style: Style(esim.installed == false ? .warning : .muted))
        y += 1
        labelled("Plan", value: planName(state, esim.planId), y: y, area, into: &buffer)
        y += 1
        labelled("SM-DP+", value: esim.smdpAddress ?? "not given", y: y, area, into: &buffer)
        y += 1
        let left = esim.usableBytes.map { "\(DataAmount.format(bytes: $0)) on active and queued bundles" } ?? "none: no active or queued bundle"
        labelled("Data left", value: left, y: y, area, style: Style(esim.usableBytes ?? 0 > 0 ? .success : .warning, bold: true), into: &buffer)
        y += 2
        if state.esim.loading == esim.iccid {
            buffer.row("Reading the eSIM again\(glyphs.ellipsis)", x: area.x, y: y, width: area.width, style: Style(.accent))
        } else if let error = state.esim.error {
            buffer.row(error, x: area.x, y: y, width: area.width, style: Style(.error, bold: true))
        } else if let notice = state.esim.notice {
            buffer.row(notice.text, x: area.x, y: y, width: area.width, style: Style(role(of: notice), bold: true))
        } else if state.esim.topUp != nil {
            buffer.row("A top-up is being followed: its bundle shows here once it settles.", x: area.x, y: y, width: area.width,
                       style: Style(.accent))
        }
        y += 2
        buffer.row("Bundles (\(esim.bundles.count)), oldest first", x: area.x, y: y, width: area.width, style: Style(.title, bold: true))
        y += 1
        let table = BundleColumns(width: area.width)
        buffer.row(table.row("#", "Bundle", "Status", "Data", "Used", "Left"), x: area.x, y: y, width: area.width,
                   style: Style(.muted, underline: true))
        y += 1
        guard !esim.bundles.isEmpty else {
            buffer.row("No bundle yet.", x: area.x, y: y, width: area.width, style: Style(.muted))
            return
        }
        let rows = area.maxY - y
        // The newest bundles matter most: when the list is too long, the oldest give way.
        let first = max(0, esim.bundles.count - rows)
        for (index, bundle) in esim.bundles.enumerated().dropFirst(first) {
            let isNew = state.esim.newBundlesFrom.map { index >= $0 } ?? false
            let text = table.row("\(index + 1)", bundle.name ?? "?", bundle.status ?? "unknown", bundle.dataText, bundle.usedText,
                                 bundle.remainingText) + (isNew ? "  \(glyphs.bullet) new" : "")
            buffer.row(text, x: area.x, y: y, width: area.width, style: isNew ? Style(.success, bold: true) : .text)
            if !isNew {
                buffer.restyle(x: area.x + table.statusX, y: y, width: table.statusWidth, style: Style(statusRole(bundle.status)))
            }
            y += 1
        }
    }

    static let labelWidth = 15

    static func labelled(_ label: String, value: String? = nil, y: Int, _ area: Rect, style: Style = .text,
                         into buffer: inout ScreenBuffer) {
        buffer.row(label, x: area.x, y: y, width: labelWidth, style: Style(.muted))
        if let value { buffer.row(value, x: area.x + labelWidth, y: y, width: area.width - labelWidth, style: style) }
    }

    /// The ICCID in full, its last four digits in `highlight`: the digits a customer reads back. Returns the
    /// column after it.
    @discardableResult
    static func drawICCID(_ iccid: String, x: Int, y: Int, highlight: Style, into buffer: inout ScreenBuffer) -> Int {
        let head = String(iccid.dropLast(4))
        var column = x + buffer.put(head, x: x, y: y, style: Style(.text, bold: true))
        column += buffer.put(String(iccid.suffix(4)), x: column, y: y, style: highlight)
        return column
    }

    /// "Test eSIM (test-esim)" from the cached plans, or the id alone when the cache does not have it.
    static func planName(_ state: AppState, _ id: String?) -> String {
        guard let id else { return "not given" }
        guard let plan = state.esim.plans.first(where: { $0.id == id }) else { return id }
        return "\(plan.name) (\(id))"
    }

    static func statusRole(_ status: String?) -> StyleRole {
        switch status?.lowercased() {
        case "active": .success
        case "queued": .accent
        case "depleted", "expired": .warning
        default: .muted
        }
    }

    static func role(of message: StatusMessage) -> StyleRole {
        switch message.kind {
        case .info: .text
        case .success: .success
        case .error: .error
        }
    }

    /// The bundle table: number, name, status, then three data columns right-aligned.
    struct BundleColumns {
        let width: Int
        let numberWidth = 3
        let statusWidth = 10
        let dataWidth = 9
        let leftWidth = 14
        var nameWidth: Int { max(10, min(24, width - numberWidth - statusWidth - 2 * dataWidth - leftWidth - 5)) }
        var statusX: Int { numberWidth + 1 + nameWidth + 1 }

        func row(_ number: String, _ name: String, _ status: String, _ data: String, _ used: String, _ left: String) -> String {
            pad(number, numberWidth) + " " + DisplayWidth.fit(name, to: nameWidth) + " " + DisplayWidth.fit(status, to: statusWidth) + " "
                + pad(data, dataWidth) + " " + pad(used, dataWidth) + " " + pad(left, leftWidth)
        }

        private func pad(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + DisplayWidth.truncate(text, to: width)
        }
    }
}
