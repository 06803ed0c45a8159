import StorefrontDomain

/// What the edge found out for the eSIM screen.
public enum ESIMEvent: Sendable, Equatable {
    case loaded(ESIMDetails)
    /// The API has no eSIM with this ICCID on this account.
    case notFound(iccid: String)
    case lookUpFailed(iccid: String, message: String)
    case ownedLoaded([ESIMDetails])
    case ownedFailed(String)
    /// The cached eSIM plans, by name.
    case plansLoaded([ProductSummary])
    case planLoaded(ProductDetail)
    case planFailed(id: String, message: String)
}

/// eSIM work for the edge, as data.
public enum ESIMEffect: Sendable, Equatable {
    /// `GET /esims/{iccid}`, answering `.loaded`, `.notFound` or `.lookUpFailed`.
    case lookUp(iccid: String)
    /// `GET /esims`, every page.
    case loadOwned
    /// Every eSIM plan of the catalog cache.
    case loadPlans
    /// One plan with its bundles: from the cache, else from the API.
    case loadPlan(id: String)
}

/// What the edge found out for the phone refill screen.
public enum PhoneRefillEvent: Sendable, Equatable {
    case checked(number: String, operators: [PhoneOperatorChoice])
    /// The check was refused or failed; `message` already says what to do.
    case checkFailed(number: String, message: String)
    case operatorLoaded(ProductDetail)
    case operatorFailed(id: String, message: String)
}

/// Phone refill work for the edge, as data.
public enum PhoneRefillEffect: Sendable, Equatable {
    /// `GET /check_phone_number` for an E.164 number.
    case check(number: String)
    /// The operator's product with its packages: from the cache, else from the API.
    case loadOperator(id: String)
}
