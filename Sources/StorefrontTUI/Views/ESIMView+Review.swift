import StorefrontDomain

/// The top-up to confirm: the ICCID in full with its last four digits picked out (the ones a customer reads
/// back), the plan, the bundle, the price and the balance after. Only `y` buys.
enum ESIMReviewView {
    static func draw(_ state: AppState, _ area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let esim = state.esim
        guard let details = esim.esim, let plan = esim.plan, let package = esim.selectedPackage else { return }
        var y = area.y
        buffer.row("Add this bundle to this eSIM?", x: area.x, y: y, width: area.width, style: Style(.title, bold: true))
        y += 2
        ESIMView.labelled("ICCID", y: y, area, into: &buffer)
        ESIMView.drawICCID(details.iccid, x: area.x + ESIMView.labelWidth, y: y, highlight: Style(.match, bold: true, underline: true),
                           into: &buffer)
        y += 1
        ESIMView.labelled("", value: "ends in \(details.iccid.suffix(4)): check these digits with the customer", y: y, area,
                          style: Style(.muted), into: &buffer)
        y += 1
        ESIMView.labelled("Profile", value: details.installedText, y: y, area, into: &buffer)
        y += 1
        ESIMView.labelled("Now", value: details.activeBundle.map { "\($0.name ?? "?") active, \($0.remainingText) left" } ?? "no active bundle",
                          y: y, area, into: &buffer)
        y += 2
        if let own = details.planId, own != plan.summary.id {
            // A bundle of another plan may not work on this eSIM's network: said before `y`, never after.
            ESIMView.labelled("Plan", value: "\(plan.summary.name) (\(plan.summary.id)): NOT this eSIM's plan (\(own))", y: y, area,
                              style: Style(.error, bold: true), into: &buffer)
        } else {
            ESIMView.labelled("Plan", value: "\(plan.summary.name) (\(plan.summary.id))", y: y, area, into: &buffer)
        }
        y += 1
        ESIMView.labelled("Bundle", value: package.value, y: y, area, style: Style(.accent, bold: true), into: &buffer)
        y += 1
        let price = plan.price(of: package)
        ESIMView.labelled("Price", value: "\(price?.formatted ?? "on the invoice"), paid from the balance at once", y: y, area, into: &buffer)
        y += 1
        if let price, let balance = state.balance, balance.currency == price.currency, let after = balance.after(spending: price.minorUnits) {
            ESIMView.labelled(after.short ? "Short by" : "Balance after", value: after.amount.formatted,
                              y: y, area, style: Style(after.short ? .error : .success, bold: after.short), into: &buffer)
        }
        y += 2
        if esim.topUp != nil {
            buffer.row("Creating the top-up invoice\(glyphs.ellipsis)", x: area.x, y: y, width: area.width, style: Style(.accent, bold: true))
        } else if let error = esim.error {
            buffer.wrapped(error, x: area.x, y: y, width: area.width, maxRows: 2, style: Style(.error, bold: true))
        } else {
            buffer.row("y tops up now; Esc goes back. Enter does not buy.", x: area.x, y: y, width: area.width, style: Style(.muted))
        }
    }
}
