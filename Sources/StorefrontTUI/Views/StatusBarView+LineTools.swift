import StorefrontDomain

extension StatusBarView {
    /// The keys of the eSIM and phone refill screens, for the step they are at.
    static func lineToolHints(_ state: AppState) -> [(String, String)] {
        if state.screen == .phoneRefill {
            switch state.phone.step {
            case .number: return [("Enter", "check the number"), ("Tab", "number / country"), ("Esc", "clear / back")]
            case .operators: return [("↑↓", "operator"), ("Enter", "packages"), ("b", "buy the cart"), ("c", "cart"), ("Esc", "other number")]
            }
        }
        switch state.esim.step {
        case .lookup: return [("Enter", "look up"), ("↑↓", "pick"), ("Esc", "clear / back"), ("Ctrl-C", "quit")]
        case .details: return [("t", "top up"), ("n", "read again"), ("Esc", "another eSIM"), ("h", "history"), ("?", "help")]
        case .plans:
            if state.esim.isEditingPlanFilter { return [("Enter", "done"), ("Esc", "clear"), ("↑↓", "move")] }
            return [("↑↓", "plan"), ("Enter", "bundles"), ("/", "filter"), ("Esc", "back")]
        case .bundles: return [("↑↓", "bundle"), ("Enter", "review"), ("Esc", "plans")]
        case .review: return [("y", "top up"), ("Esc", "change the bundle")]
        }
    }
}
