import Checkout
import Foundation
import StorefrontApp
import StorefrontDomain
import StorefrontTestSupport
import TeamJournal
import Testing

/// The full-screen storefront's cart in team mode, when the program stopped while a purchase made from it was in
/// flight: the purchase lives in the team database, the cart in the data directory.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamCartAfterRestartTests {
    static let line = CartLine(id: "test-gift-card-code#10", productId: "test-gift-card-code", productName: "Test Gift Card Code",
                               productType: .giftCard, choice: .value(10), faceValue: "10 USD", unitPrice: 16_664, quantity: 1)

    static var bought: Purchase {
        Purchase(id: "team-cart-1", createdAt: Date(timeIntervalSince1970: 1_800_000_000), source: "elsewhere#1", kind: .invoice,
                 lines: [PurchaseLine(line)], paymentMethod: .balance, autoPay: true, stage: .settled, invoiceId: "inv-team-cart")
    }

    /// A data directory whose cart line a team purchase's intent took, written by a storefront since stopped: the
    /// database's address and key, the directory, and the journal that wrote it (the caller closes and removes them).
    static func intentFromTheCart(on server: PrivatePostgres) async throws
        -> (url: TeamDatabaseURL, key: TeamKey, directory: DataDirectory, placing: SpooledTeamJournal) {
        let url = try server.newTeamDatabaseURL()
        let key = try TeamKey.sessionTests()
        let directory = HeadlessStorefront.newDataDirectory()
        try directory.prepare()
        let before = try UserDatabase.open(at: directory.file(UserDatabase.fileName))
        try before.saveCart([Self.line])
        let placing = SpooledTeamJournal(team: try await PostgresJournal.connect(url, key: key, agent: "alice@desk1"), url: url, spool: before)
        var intent = Self.bought
        intent.stage = .intent
        intent.invoiceId = nil
        try await placing.recordIntent(intent, requestHash: "h", takingCartLines: [Self.line.id], at: .now)
        return (url, key, directory, placing)
    }

    /// The purchase reached the team database as bought, but the storefront was killed before it took the line out of
    /// the data directory's cart: the next start must not offer the bought card as a cart to buy again.
    @Test func aTeamPurchaseDeliveredBeforeARestartIsNotInTheCartAfterIt() async throws {
        let server = try PrivatePostgres.shared()
        let (url, key, directory, placing) = try await Self.intentFromTheCart(on: server)
        defer { try? FileManager.default.removeItem(at: directory.url) }
        defer { placing.team.close() }
        try await placing.team.save(Self.bought, at: .now)

        let spool = try UserDatabase.open(at: directory.file(UserDatabase.fileName))
        let team = try await PostgresJournal.connect(url, key: key, agent: "alice@desk1")
        defer { team.close() }
        let store = try await HeadlessStorefront.start(dataDirectory: directory, teamJournal: SpooledTeamJournal(team: team, url: url, spool: spool))
        let screen = try await store.waitForCatalog()
        #expect(screen.contains("Cart 0/20"), "\(screen)")
        let outcome = try await store.quit()
        #expect(outcome.finalState.cart.lines.isEmpty, "the bought line is not in the cart")
        #expect(try store.userData.loadCart().lines.isEmpty, "nor in the saved cart")
    }

    /// Started again while the team database does not answer: whether the purchase was bought cannot be known, so its
    /// line stays held (not freed to be bought again), and the status bar says why.
    @Test func withTheTeamDatabaseDownAtStartTheHeldLineStaysAndTheStatusBarSaysWhy() async throws {
        let server = try PrivatePostgres.startOwn()
        let (url, key, directory, placing) = try await Self.intentFromTheCart(on: server)
        defer { try? FileManager.default.removeItem(at: directory.url) }
        defer { placing.team.close() }

        let spool = try UserDatabase.open(at: directory.file(UserDatabase.fileName))
        let team = try await PostgresJournal.connect(url, key: key, agent: "alice@desk1")
        defer { team.close() }
        try server.stopServer()
        let store = try await HeadlessStorefront.start(width: 240, dataDirectory: directory,
                                                       teamJournal: SpooledTeamJournal(team: team, url: url, spool: spool))
        let screen = try await store.waitFor("1 cart line stays held by its purchase in flight until it answers")
        #expect(screen.contains("Cart 1/20"))
        let outcome = try await store.quit()
        #expect(outcome.finalState.checkout.heldLines == [Self.bought.id: [Self.line.id]])
    }
}
