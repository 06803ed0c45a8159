import StorefrontDomain

/// `e`, from anywhere: the eSIM top-up screen, where it was left, with the account's eSIMs read again (one
/// bought since shows up). On the screen itself, `e` goes back to its first step for another eSIM.
func openESIM(_ state: inout AppState) -> [Effect] {
    switch state.screen {
    case .esim:
        state.esim.step = .lookup
        state.esim.error = nil
        return []
    case .purchase:
        leavePurchase(&state, to: .esim)
        state.esim.returnTo = .browser
    default:
        state.esim.returnTo = state.screen
        state.screen = .esim
        state.message = nil
    }
    return [.esim(.loadPlans), .esim(.loadOwned)]
}

func handleESIMKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if state.esim.step == .lookup, let effects = editICCID(&state, key) { return effects }
    if state.esim.step == .plans, state.esim.isEditingPlanFilter, editPlanFilter(&state, key) { return [] }
    guard let command = Keymap.command(for: key, in: .esim) else { return [] }
    if let effects = screenCommand(&state, command) { return effects }
    switch state.esim.step {
    case .lookup: return lookupCommand(&state, command)
    case .details: return detailsCommand(&state, command)
    case .plans: return plansCommand(&state, command)
    case .bundles: return bundlesCommand(&state, command)
    case .review: return reviewTopUpCommand(&state, command)
    }
}

/// Typing or pasting the ICCID: every printable character is text (a letter is reported, not obeyed), so
/// only Enter, Esc and the arrows act. nil for keys the list handles.
private func editICCID(_ state: inout AppState, _ key: Key) -> [Effect]? {
    switch key {
    case _ where LineEditor.isEditing(key):
        state.esim.iccidText = state.edit(state.esim.iccidText, in: .iccid, key, limit: 40) ?? state.esim.iccidText
    case .enter:
        return submitICCID(&state)
    case .escape:
        guard !state.esim.iccidText.isEmpty else {
            state.screen = state.esim.returnTo
            state.esim.error = nil
            return []
        }
        state.esim.iccidText = ""
    default:
        return nil
    }
    state.esim.error = nil
    state.esim.ownedSelection = 0
    return []
}

/// Enter on the first step: a valid ICCID is looked up; a few digits pick the highlighted eSIM of the list
/// they filter; anything else is refused, before any request, with what exactly is wrong.
private func submitICCID(_ state: inout AppState) -> [Effect] {
    let esim = state.esim
    if let iccid = ICCID.normalize(esim.iccidText) { return lookUp(&state, iccid) }
    let digits = esim.typedDigits
    let partial = digits.count < 19 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    if partial, esim.visibleOwned.indices.contains(esim.ownedSelection) {
        return lookUp(&state, esim.visibleOwned[esim.ownedSelection].iccid)
    }
    if partial, !digits.isEmpty, esim.owned != nil {
        state.esim.error = "No eSIM of this account ends in \(digits). Type or paste the whole ICCID (19 or 20 digits) to look it up."
    } else {
        state.esim.error = ICCID.problem(esim.iccidText)
    }
    return []
}

/// Reads an eSIM from the API; the answer opens its details.
func lookUp(_ state: inout AppState, _ iccid: String) -> [Effect] {
    state.esim.loading = iccid
    state.esim.error = nil
    state.esim.notice = nil
    state.esim.newBundlesFrom = nil
    return [.esim(.lookUp(iccid: iccid))]
}

private func lookupCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    let rows = Layout(width: state.width, height: state.height).esimListRows
    let count = state.esim.visibleOwned.count
    switch command {
    case .moveUp: state.esim.ownedSelection -= 1
    case .moveDown: state.esim.ownedSelection += 1
    case .pageUp: state.esim.ownedSelection -= rows
    case .pageDown: state.esim.ownedSelection += rows
    case .top: state.esim.ownedSelection = 0
    case .bottom: state.esim.ownedSelection = count - 1
    default: return []
    }
    state.esim.ownedSelection = min(max(0, state.esim.ownedSelection), max(0, count - 1))
    return []
}

private func detailsCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    guard let esim = state.esim.esim else {
        state.esim.step = .lookup
        return []
    }
    switch command {
    case .topUp, .open:
        guard state.esim.topUp == nil else {
            state.message = StatusMessage(.info, "A top-up of this eSIM is still being followed: its bundle shows here once it settles.")
            return []
        }
        state.esim.step = .plans
        state.esim.planFilter = ""
        state.esim.planSelection = 0
        state.esim.error = nil
        return [.esim(.loadPlans)]
    case .checkNow:
        return lookUp(&state, esim.iccid)
    case .back:
        state.esim.step = .lookup
        state.esim.notice = nil
        return []
    default:
        return []
    }
}

private func plansCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    let rows = Layout(width: state.width, height: state.height).esimListRows
    let plans = state.esim.visiblePlans
    switch command {
    case .moveUp: state.esim.planSelection -= 1
    case .moveDown: state.esim.planSelection += 1
    case .pageUp: state.esim.planSelection -= rows
    case .pageDown: state.esim.planSelection += rows
    case .top: state.esim.planSelection = 0
    case .bottom: state.esim.planSelection = plans.count - 1
    case .startSearch:
        // A new `/` starts a new filter, as in fzf, less and vim.
        state.esim.isEditingPlanFilter = true
        state.esim.planFilter = ""
        state.esim.planSelection = 0
        state.lineCursor = LineCursor(field: .planFilter)
        return []
    case .open:
        guard plans.indices.contains(state.esim.planSelection) else { return [] }
        let chosen = plans[state.esim.planSelection]
        if state.esim.plan?.summary.id == chosen.id {
            state.esim.step = .bundles
            return []
        }
        state.esim.loadingPlan = chosen.id
        state.esim.error = nil
        return [.esim(.loadPlan(id: chosen.id))]
    case .back:
        if !state.esim.planFilter.isEmpty {
            state.esim.planFilter = ""
        } else {
            state.esim.step = .details
        }
        state.esim.planSelection = 0
        return []
    default:
        return []
    }
    state.esim.planSelection = min(max(0, state.esim.planSelection), max(0, plans.count - 1))
    return []
}

/// Typing the plan filter; true when the key was the filter's.
private func editPlanFilter(_ state: inout AppState, _ key: Key) -> Bool {
    switch key {
    case _ where LineEditor.isEditing(key):
        state.esim.planFilter = state.edit(state.esim.planFilter, in: .planFilter, key, limit: 40) ?? state.esim.planFilter
    case .enter, .tab:
        state.esim.isEditingPlanFilter = false
    case .escape:
        state.esim.isEditingPlanFilter = false
        state.esim.planFilter = ""
    default:
        return false
    }
    state.esim.planSelection = 0
    return true
}

private func bundlesCommand(_ state: inout AppState, _ command: Command) -> [Effect] {
    let count = state.esim.plan?.denominations.packages.count ?? 0
    switch command {
    case .moveUp, .pageUp: state.esim.bundleSelection -= command == .moveUp ? 1 : count
    case .moveDown, .pageDown: state.esim.bundleSelection += command == .moveDown ? 1 : count
    case .top: state.esim.bundleSelection = 0
    case .bottom: state.esim.bundleSelection = count - 1
    case .open:
        guard state.esim.selectedPackage != nil else { return [] }
        state.esim.step = .review
        state.esim.error = nil
        return []
    case .back:
        state.esim.step = .plans
        return []
    default:
        return []
    }
    state.esim.bundleSelection = min(max(0, state.esim.bundleSelection), max(0, count - 1))
    return []
}

/// What the edge found: the eSIM, the account's list, the plans.
func reduceESIM(_ state: inout AppState, _ event: ESIMEvent) -> [Effect] {
    switch event {
    case .loaded(let esim):
        replaceOwned(&state, esim)
        if let topUp = state.esim.topUp, topUp.isSettled, topUp.iccid == esim.iccid {
            return finishTopUp(&state, topUp, esim)
        }
        guard state.esim.loading == esim.iccid else { return [] }
        state.esim.loading = nil
        state.esim.esim = esim
        state.esim.step = .details
        return []
    case .notFound(let iccid):
        guard state.esim.loading == iccid else { return [] }
        state.esim.loading = nil
        state.esim.error = "No eSIM \(iccid) on this account. Check the ICCID with the customer (the phone's eSIM settings show it); an eSIM bought with another account cannot be topped up from this one."
        return []
    case .lookUpFailed(let iccid, let message):
        guard state.esim.loading == iccid else { return [] }
        state.esim.loading = nil
        state.esim.error = "The eSIM could not be read: \(message) Enter tries again."
        return []
    case .ownedLoaded(let list):
        state.esim.owned = list
        state.esim.ownedError = nil
        state.esim.ownedSelection = min(state.esim.ownedSelection, max(0, state.esim.visibleOwned.count - 1))
        return []
    case .ownedFailed(let message):
        state.esim.ownedError = message
        return []
    case .plansLoaded(let plans):
        state.esim.plans = plans
        state.esim.planSelection = min(state.esim.planSelection, max(0, state.esim.visiblePlans.count - 1))
        return []
    case .planLoaded(let plan):
        guard state.esim.loadingPlan == plan.summary.id else { return [] }
        state.esim.loadingPlan = nil
        guard !plan.denominations.packages.isEmpty else {
            state.esim.error = "\(plan.summary.name) lists no bundles: pick another plan, or refresh the catalog (storefront catalog refresh)."
            return []
        }
        state.esim.plan = plan
        state.esim.bundleSelection = 0
        state.esim.step = .bundles
        return []
    case .planFailed(let id, let message):
        guard state.esim.loadingPlan == id else { return [] }
        state.esim.loadingPlan = nil
        state.esim.error = message
        return []
    }
}

/// A fresh read of an eSIM also freshens its row in the account's list.
private func replaceOwned(_ state: inout AppState, _ esim: ESIMDetails) {
    guard let index = state.esim.owned?.firstIndex(where: { $0.iccid == esim.iccid }) else { return }
    state.esim.owned?[index] = esim
}

extension Layout {
    /// Rows of the eSIM screen's lists (the account's eSIMs, plans, bundles): what the headings leave.
    var esimListRows: Int { max(1, body.height - 8) }
}
