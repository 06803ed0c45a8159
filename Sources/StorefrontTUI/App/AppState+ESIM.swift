import StorefrontDomain

/// The eSIM top-up screen, step by step: find the eSIM by ICCID (or in the account's list), read it, pick a
/// plan and a bundle, review with the ICCID in full, top up, and read the eSIM again to show the new bundle.
public struct ESIMScreenState: Sendable, Equatable {
    public enum Step: Sendable, Equatable {
        /// Typing or pasting an ICCID; the account's eSIMs below, filtered by the digits typed.
        case lookup
        /// The eSIM read from the API, with its bundles.
        case details
        case plans
        case bundles
        /// The top-up to confirm: only `y` buys.
        case review
    }

    public var step: Step = .lookup
    public var iccidText = ""
    /// Why the typed ICCID or its look-up failed, in words to act on.
    public var error: String?
    /// The ICCID being read from the API.
    public var loading: String?
    public var esim: ESIMDetails?
    /// The account's eSIMs (`GET /esims`); nil until read.
    public var owned: [ESIMDetails]?
    public var ownedError: String?
    /// Index into `visibleOwned`.
    public var ownedSelection = 0
    /// The cached eSIM plans, the eSIM's own first.
    public var plans: [ProductSummary] = []
    public var planFilter = ""
    public var isEditingPlanFilter = false
    /// Index into `visiblePlans`.
    public var planSelection = 0
    /// The chosen plan, with its bundles and their prices.
    public var plan: ProductDetail?
    /// The plan whose bundles are being read.
    public var loadingPlan: String?
    public var bundleSelection = 0
    /// The top-up under way, from `y` until the eSIM is read again after it settled.
    public var topUp: ESIMTopUp?
    /// After a delivered top-up: bundles from this index on are new, and highlighted.
    public var newBundlesFrom: Int?
    /// What the last top-up came to, shown above the bundles.
    public var notice: StatusMessage?
    /// Where Esc from the first step goes.
    public var returnTo: Screen = .browser

    public init() {}

    /// The digits typed so far (spaces and dashes ignored), for filtering the list by the end of the ICCID.
    public var typedDigits: String { iccidText.filter { !" -\t".contains($0) } }

    /// The account's eSIMs whose ICCID ends with what was typed.
    public var visibleOwned: [ESIMDetails] {
        let digits = typedDigits
        return (owned ?? []).filter { digits.isEmpty || $0.iccid.hasSuffix(digits) }
    }

    /// The plans whose name or id has every word of the filter, the eSIM's own plan first: a top-up usually
    /// stays on the plan the customer has.
    public var visiblePlans: [ProductSummary] {
        let words = SearchText.fold(planFilter).split(separator: " ")
        var matching = words.isEmpty ? plans : plans.filter { plan in
            let text = SearchText.fold(plan.name + " " + plan.id)
            return words.allSatisfy { text.contains($0) }
        }
        if let own = esim?.planId, let index = matching.firstIndex(where: { $0.id == own }) {
            matching.insert(matching.remove(at: index), at: 0)
        }
        return matching
    }

    public var selectedPackage: PackageOption? {
        guard let packages = plan?.denominations.packages, packages.indices.contains(bundleSelection) else { return nil }
        return packages[bundleSelection]
    }
}

/// A top-up from its confirmation to the eSIM read again after it settled.
public struct ESIMTopUp: Sendable, Equatable {
    public var iccid: String
    public var bundle: String
    /// nil while the create is in flight.
    public var purchaseId: String?
    /// How many bundles the eSIM had, so the new one can be pointed out once it is read again.
    public var bundlesBefore: Int
    /// The purchase settled and the eSIM is being read again.
    public var isSettled = false

    public init(iccid: String, bundle: String, purchaseId: String? = nil, bundlesBefore: Int) {
        self.iccid = iccid
        self.bundle = bundle
        self.purchaseId = purchaseId
        self.bundlesBefore = bundlesBefore
    }
}
