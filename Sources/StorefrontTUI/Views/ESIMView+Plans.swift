import StorefrontDomain

/// Choosing what to add: a plan of the catalog cache (the eSIM's own first), then one of its bundles.
enum ESIMPlanView {
    static func drawPlans(_ state: AppState, _ area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let esim = state.esim
        heading(state, "choose the plan to add a bundle from", area, into: &buffer)
        if esim.isEditingPlanFilter || !esim.planFilter.isEmpty {
            buffer.row("/ \(esim.isEditingPlanFilter ? state.showingCursor(esim.planFilter, in: .planFilter, glyph: glyphs.cursor) : esim.planFilter)", x: area.x, y: area.y + 1,
                       width: area.width, style: Style(.input, bold: esim.isEditingPlanFilter))
        } else {
            buffer.row("/ filters the plans by name", x: area.x, y: area.y + 1, width: area.width, style: Style(.muted))
        }
        let columns = PlanColumns(width: area.width)
        buffer.row(columns.row("Plan", "Bundles", "Country", id: "Id"), x: area.x, y: area.y + 3, width: area.width,
                   style: Style(.muted, underline: true))
        let plans = esim.visiblePlans
        if plans.isEmpty {
            let text = esim.plans.isEmpty ? "The catalog cache has no eSIM plans yet: wait for the refresh, then Esc and t again."
                : "No plan matches '\(esim.planFilter)'. Esc clears the filter."
            buffer.row(text, x: area.x, y: area.y + 4, width: area.width, style: Style(.muted))
        }
        let rows = Layout(width: state.width, height: state.height).esimListRows
        let top = max(0, min(esim.planSelection - rows + 1, plans.count - rows))
        let own = esim.esim?.planId
        for (offset, plan) in plans.dropFirst(top).prefix(rows).enumerated() {
            let index = top + offset
            let name = plan.id == own ? "\(plan.name) \(glyphs.bullet) this eSIM's plan" : plan.name
            let selected = index == esim.planSelection
            buffer.row(columns.row(name, plan.faceValues, plan.countryName ?? plan.countryCode ?? "", id: plan.id), x: area.x, y: area.y + 4 + offset,
                       width: area.width, style: selected ? Style(.selection, bold: true) : Style(plan.id == own ? .accent : .text))
        }
        status(state, area, glyphs, into: &buffer)
    }

    static func drawBundles(_ state: AppState, _ area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let esim = state.esim
        guard let plan = esim.plan else { return }
        heading(state, "add a bundle of \(plan.summary.name)", area, into: &buffer)
        let columns = PlanColumns(width: area.width)
        buffer.row(columns.row("Bundle", "Price", ""), x: area.x, y: area.y + 2, width: area.width, style: Style(.muted, underline: true))
        let packages = plan.denominations.packages
        let rows = Layout(width: state.width, height: state.height).esimListRows
        let top = max(0, min(esim.bundleSelection - rows + 1, packages.count - rows))
        for (offset, package) in packages.dropFirst(top).prefix(rows).enumerated() {
            let price = plan.price(of: package)?.formatted ?? "price on the invoice"
            let selected = top + offset == esim.bundleSelection
            buffer.row(columns.row(package.value, price, ""), x: area.x, y: area.y + 3 + offset, width: area.width,
                       style: selected ? Style(.selection, bold: true) : .text)
        }
        status(state, area, glyphs, into: &buffer)
    }

    /// "Top up 8988247000000000019: …", the last digits picked out, so every step names the line.
    private static func heading(_ state: AppState, _ text: String, _ area: Rect, into buffer: inout ScreenBuffer) {
        guard let esim = state.esim.esim else { return }
        var x = area.x + buffer.put("Top up ", x: area.x, y: area.y, style: Style(.title, bold: true))
        x = ESIMView.drawICCID(esim.iccid, x: x, y: area.y, highlight: Style(.title, bold: true), into: &buffer)
        buffer.row(": \(text)", x: x, y: area.y, width: area.maxX - x, style: Style(.title))
    }

    /// The last row: a plan being read, or what went wrong.
    private static func status(_ state: AppState, _ area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let y = area.maxY - 1
        if state.esim.loadingPlan != nil {
            buffer.row("Reading the plan's bundles\(glyphs.ellipsis)", x: area.x, y: y, width: area.width, style: Style(.accent))
        } else if let error = state.esim.error {
            buffer.row(error, x: area.x, y: y, width: area.width, style: Style(.error, bold: true))
        }
    }

    /// Name, bundles, country, and (when wide enough) the id, which tells apart plans of the same name.
    struct PlanColumns {
        let width: Int
        var countryWidth: Int { 18 }
        var idWidth: Int { width >= 110 ? 24 : 0 }
        var valuesWidth: Int { max(12, width / 4) }
        var nameWidth: Int { max(10, width - valuesWidth - countryWidth - idWidth - 3) }

        func row(_ name: String, _ values: String, _ country: String, id: String = "") -> String {
            var text = DisplayWidth.fit(name, to: nameWidth) + " " + DisplayWidth.fit(values, to: valuesWidth) + " "
                + DisplayWidth.fit(country, to: countryWidth)
            if idWidth > 0 { text += " " + DisplayWidth.truncate(id, to: idWidth) }
            return text
        }
    }
}
