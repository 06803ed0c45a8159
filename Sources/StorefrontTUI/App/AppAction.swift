import Foundation
import StorefrontDomain

/// Something that happened: a key, a resize, a tick, or the result of an effect. Named for what happened,
/// not for what should be done about it.
public enum AppAction: Sendable, Equatable {
    case keyPressed(Key)
    case resized(width: Int, height: Int)
    case ticked(Date)
    /// The terminal went away: quit at once (the cart and the journal are already saved).
    case terminalClosed
    case balanceLoaded(Money)
    case balanceFailed(String)
    case catalogSummaryLoaded(productCount: Int, refreshedAt: Date?)
    /// The catalog cache could not be read: said, never shown as an empty catalog.
    case catalogUnreadable(String)
    case countriesLoaded([CountrySummary], totals: CatalogTotals)
    case productsLoaded(ProductPage, for: CatalogQuery)
    case productsFailed(String, for: CatalogQuery)
    case detailLoaded(ProductDetail)
    case detailFailed(productId: String, message: String)
    case refreshProgressed(RefreshProgress)
    case refreshFailed(String)
    /// The saved cart, and the line ids each purchase still waiting for its invoice holds (by purchase id); `unsettled`
    /// says why some stay held without knowing whether their purchase was bought (the team database did not answer).
    case cartLoaded([CartLine], held: [String: [String]] = [:], unsettled: String? = nil)
    case cartSaveFailed(String)
    /// The chosen theme could not be used; the default one is shown instead.
    case themeFailed(String)
    /// `T` switched the terminal to the named theme.
    case themeChanged(name: String)
    /// Something happened to a purchase (see `CheckoutEvent`).
    case checkout(CheckoutEvent)
    /// Something the eSIM screen asked for came back.
    case esim(ESIMEvent)
    /// Something the phone refill screen asked for came back.
    case phoneRefill(PhoneRefillEvent)
    /// Something the Account screen asked for came back.
    case account(AccountEvent)
    /// In team mode, the periodic check of the team database: whether it answered, and why cart lines held by
    /// purchases in flight could not be saved in the data directory (nil once they are).
    case teamDatabaseChecked(answering: Bool, cartProblem: String? = nil)
}

/// Work for the edges, as data: `reduce` returns these and the effect runner performs them, sending the
/// results back as actions.
public enum Effect: Sendable, Equatable {
    case loadBalance
    case loadCatalogSummary
    case loadCountries(type: ProductType?)
    case queryProducts(CatalogQuery)
    case loadDetail(productId: String)
    case saveCart([CartLine])
    /// Paint every cell again (Ctrl-L, resize).
    case repaintAll
    /// Show the next theme of the catalog (`T`). The loop does it: it owns the terminal and knows the theme
    /// on screen, and answers with `.themeChanged` or `.themeFailed`.
    case cycleTheme
    /// Checkout work: creating, following and paying invoices, the history, QR codes.
    case checkout(CheckoutEffect)
    /// eSIM look-ups, the account's eSIMs, the cached plans.
    case esim(ESIMEffect)
    /// Phone number checks and operator products.
    case phoneRefill(PhoneRefillEffect)
    /// The account's invoices from the server (cached), and one opened.
    case account(AccountEffect)
    /// Put text on the local clipboard through the terminal (OSC 52). The loop does it: it owns the terminal.
    case copyToClipboard(String)
    case quit
}
