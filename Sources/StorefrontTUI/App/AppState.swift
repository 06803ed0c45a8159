import Foundation
import StorefrontDomain

/// Everything the TUI shows, as a value. Only `reduce` changes it.
public struct AppState: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `--ascii`: line drawing and symbols from ASCII only.
    public var asciiOnly: Bool
    public var connection: ConnectionInfo
    public var balance: Money?
    public var catalog: CatalogStatus
    public var screen: Screen
    public var overlay: Overlay?
    public var browser: BrowserState
    public var cart: Cart
    public var cartSelection: Int
    /// The review, the purchases being followed and shown, and the history.
    public var checkout: CheckoutState
    /// The eSIM top-up screen.
    public var esim: ESIMScreenState
    /// The phone refill screen.
    public var phone: PhoneRefillState
    /// The Account screen: the server's whole history.
    public var account = AccountScreenState()
    /// In team mode, the team database did not answer at the last check: new purchases are refused, and one already
    /// sent keeps its codes in the data directory until it answers again. The status bar says TEAM DB DOWN.
    public var teamDatabaseDown = false
    /// In team mode, why the data directory's cart could not save the lines a purchase in flight holds (last said on
    /// the status bar); nil when they are saved.
    public var cartHoldProblem: String?
    /// One line for the last thing worth saying (an error, a refusal, a confirmation).
    public var message: StatusMessage?
    /// The first row of the help overlay shown, when the keys do not fit the window.
    public var helpScroll = 0
    /// The cursor of the text field being edited.
    public var lineCursor = LineCursor()
    public var isQuitting: Bool
    public var now: Date

    public init(width: Int, height: Int, connection: ConnectionInfo, asciiOnly: Bool = false, now: Date = Date(timeIntervalSince1970: 0)) {
        self.width = width
        self.height = height
        self.asciiOnly = asciiOnly
        self.connection = connection
        balance = nil
        catalog = CatalogStatus()
        screen = .browser
        overlay = nil
        browser = BrowserState()
        cart = Cart()
        cartSelection = 0
        checkout = CheckoutState()
        esim = ESIMScreenState()
        phone = PhoneRefillState()
        message = nil
        isQuitting = false
        self.now = now
        // Block-drawn QR codes are not ASCII: `--ascii` draws them with "##".
        if asciiOnly { checkout.qrMode = .ascii }
    }

    /// Below 80x24 the screens do not fit; a notice says how much larger the window must be.
    public static let minimumWidth = 80
    public static let minimumHeight = 24
    public var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }
}

public struct ConnectionInfo: Sendable, Equatable {
    public var isSandbox: Bool
    /// The API host, shown in the LIVE badge.
    public var host: String
    /// Purchases go to the team's journal (`--database-url`): the history is the desk's, with who bought each.
    public var isTeam: Bool
    /// Who this storefront buys as (`--agent`, `STOREFRONT_AGENT`, `$USER@hostname`): the team history's `m` keeps
    /// this agent's purchases.
    public var agent: String?

    public init(isSandbox: Bool, host: String, isTeam: Bool = false, agent: String? = nil) {
        self.isSandbox = isSandbox
        self.host = host
        self.isTeam = isTeam
        self.agent = agent
    }
}

/// What the status bar says about the local catalog.
public struct CatalogStatus: Sendable, Equatable {
    public var productCount: Int = 0
    public var refreshedAt: Date?
    public var progress: RefreshProgress?
    public var refreshError: String?

    public init() {}
}

public enum Screen: Sendable, Equatable {
    case browser
    case cart
    /// The cart about to be bought: lines, totals, how to pay.
    case review
    /// One purchase (`checkout.shown`): following it, paying it, its codes.
    case purchase
    /// Every purchase in the journal.
    case history
    /// Look up an eSIM by ICCID and top it up.
    case esim
    /// Check a phone number's operators and put a refill in the cart.
    case phoneRefill
    /// Every invoice of the account, from the server.
    case account
}

public enum Overlay: Sendable, Equatable {
    case help
    case addToCart(AddToCartForm)
    case confirmQuit
    case confirmClearCart
    /// `d` on a cart line: a line (maybe of 20 units, or a phone number typed with care) is removed only on `y`.
    case confirmRemoveLine(lineID: String)
    /// The one-line summary of the review; only `y` buys.
    case confirmPurchase
    /// The same cart was bought moments ago (the message says when and which invoice); only `y` buys it again.
    case confirmRepeatPurchase(String, PurchasePlan)
}

/// One line for the status bar. It belongs to where it was said (see `MessageContext`): `reduce` stamps a new
/// message with the screen it was made on and drops it once the screen, the overlay or the subject changes.
public struct StatusMessage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, success, error }
    public var kind: Kind
    public var text: String
    /// What to say instead while presenting, for a message that offers a key presentation mode refuses (`r`).
    public var presentingText: String?
    /// Where it was said; nil until the action that made it ends.
    public var context: MessageContext?

    public init(_ kind: Kind, _ text: String, presenting presentingText: String? = nil) {
        self.kind = kind
        self.text = text
        self.presentingText = presentingText
    }

    /// The words to show, with presentation mode on or off.
    public func text(presenting: Bool) -> String {
        presenting ? presentingText ?? text : text
    }

    /// Two messages are the same when they say the same thing, wherever they were said.
    public static func == (lhs: StatusMessage, rhs: StatusMessage) -> Bool {
        lhs.kind == rhs.kind && lhs.text == rhs.text
    }
}

public enum BrowserPane: Sendable, Equatable {
    case countries, products, detail
}

/// The browser: countries on the left, products in the middle, the selected product's detail on the right.
public struct BrowserState: Sendable, Equatable {
    public var countries: [CountrySummary] = []
    /// Products per type, each once, for "All countries"; nil until the countries are read.
    public var totals: CatalogTotals?
    /// 0 is "All countries"; n is `countries[n - 1]`.
    public var countryIndex = 0
    public var countryJump = ""
    /// `/` in the countries pane: letters type a country name to jump to, until Enter, Tab or Esc.
    public var isJumpingToCountry = false
    /// nil is the "All" tab.
    public var type: ProductType?
    public var focus: BrowserPane = .products
    public var searchText = ""
    public var isEditingSearch = false
    public var products: [ProductSummary] = []
    public var totalProducts = 0
    /// The query the shown products answer; answers to older queries are dropped.
    public var query: CatalogQuery?
    public var isLoading = false
    public var selection = 0
    /// The user moved the bar in the list: from then on a re-read keeps it on its product. Until then it stays on
    /// the first row, so rows a catalog fill adds above show instead of being scrolled past.
    public var barMoved = false
    public var scroll = 0
    public var detail: ProductDetail?
    public var detailScroll = 0
    /// The product `a` was pressed on before its detail arrived: the add dialog opens when it does, so a quick
    /// `Enter` `a` never needs a second `a`.
    public var addWhenLoaded: String?
    /// The product a re-read after a catalog change must find before the bar moves: when it sorted beyond the
    /// rows read, the list is read further instead of dropping the bar to the top.
    public var keeping: String?

    public init() {}

    public var selectedCountry: CountrySummary? {
        countryIndex > 0 && countryIndex <= countries.count ? countries[countryIndex - 1] : nil
    }

    public var selectedProduct: ProductSummary? {
        products.indices.contains(selection) ? products[selection] : nil
    }

    /// The tabs, in order: All, then each type.
    public static let tabs: [ProductType?] = [nil, .giftCard, .phoneRefill, .esim, .billPayment]
}

/// The add-to-cart dialog: a denomination (package or typed value), a quantity, and a phone number for top-ups.
public struct AddToCartForm: Sendable, Equatable {
    public enum Field: Sendable, Equatable { case denomination, quantity, phone }

    public var product: ProductDetail
    public var field: Field = .denomination
    /// Highlighted package, when the product has packages.
    public var packageIndex = 0
    /// A typed value (range products), or a package value typed instead of picked.
    public var valueText = ""
    public var quantity = 1
    /// False while the quantity is the 1 the dialog opened with (or +/- set): the next digit replaces it.
    /// Once a digit is typed, digits append, so 1 then 2 is 12.
    public var quantityTyped = false
    public var phoneText = ""
    public var error: String?

    public init(product: ProductDetail) {
        self.product = product
        if product.denominations.packages.isEmpty { valueText = "" }
    }

    public var needsPhone: Bool { product.summary.type == .phoneRefill || product.recipientType == .phoneNumber }

    public var fields: [Field] { needsPhone ? [.denomination, .quantity, .phone] : [.denomination, .quantity] }
}
