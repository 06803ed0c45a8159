import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import TeamJournal
import Testing

/// A cart confirmed while an identical purchase is already unfinished continues that purchase instead of making a
/// second: its lines are held by the purchase it continued, as a new one's intent holds them. Otherwise a restart
/// offers them again while that purchase may still become an invoice. Both journals: the data directory's alone, and a
/// team's on the test run's private PostgreSQL.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct ContinuedPurchaseCartTests {
    static let card = CartLine(id: "test-gift-card-code#10", productId: "test-gift-card-code", productName: "Test Gift Card Code",
                               productType: .giftCard, choice: .value(10), faceValue: "10 USD", unitPrice: 16_664, quantity: 1)
    static let other = CartLine(id: "test-phone-refill#5", productId: "test-phone-refill", productName: "Test Phone", productType: .phoneRefill,
                                choice: .value(5), faceValue: "5 USD", unitPrice: 8_000, quantity: 1, phoneNumber: "+15551234567")
    /// The card confirmed from the cart, as the full-screen storefront asks for it.
    static let request = CheckoutRequest.make(lines: [card], keyPolicy: .generated("tui-second"), cartLineIDs: [card.id])

    /// One data directory, and the journal its purchases go to: its own, or the team's.
    struct Host {
        let cartFile: URL
        let team: TeamDatabaseURL?

        /// Starts (or starts again) as the storefront does.
        func start() async throws -> (cart: UserDatabase, journal: any PurchaseJournal, close: @Sendable () -> Void) {
            let cart = try UserDatabase.open(at: cartFile)
            guard let team else { return (cart, cart, {}) }
            let journal = try await PostgresJournal.connect(team, key: PostgresJournalContractTests.key, agent: "alice@desk1")
            return (cart, SpooledTeamJournal(team: journal, url: team, spool: cart), { journal.close() })
        }

        /// Another storefront (another process on the data directory's journal, another host on the team's).
        func colleague(_ write: (any PurchaseJournal) async throws -> Void) async throws {
            guard let team else { return try await write(try UserDatabase.open(at: cartFile)) }
            let journal = try await PostgresJournal.connect(team, key: PostgresJournalContractTests.key, agent: "bob@desk2")
            defer { journal.close() }
            try await write(journal)
        }
    }

    static func host(team: Bool) throws -> Host {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("continued-cart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var url: TeamDatabaseURL?
        if team {
            let server = try PrivatePostgres.shared()
            url = try TeamDatabaseURL(parsing: "postgres://\(server.user)@/\(try server.makeDatabase())?host=\(server.socketDirectory)",
                                      defaultUser: "tester")
        }
        return Host(cartFile: directory.appendingPathComponent(UserDatabase.fileName), team: url)
    }

    /// The identical purchase a colleague's storefront is sending (its create on its way, its lease live).
    static var inFlight: Purchase {
        Purchase(id: "first", createdAt: Date(timeIntervalSince1970: 1_800_000_000), source: "api", kind: .invoice,
                 lines: request.lines, paymentMethod: .balance, autoPay: true, stage: .sending,
                 idempotencyKey: "tui-first", agent: "bob@desk2")
    }

    @Test(arguments: [false, true])
    func aContinuedPurchaseHoldsTheCartLineAcrossARestartUntilItIsBought(team: Bool) async throws {
        let host = try Self.host(team: team)
        defer { try? FileManager.default.removeItem(at: host.cartFile.deletingLastPathComponent()) }
        let hash = try Self.request.fingerprint()
        try await host.colleague { journal in
            _ = try await journal.recordIntent(Self.inFlight, requestHash: hash, takingCartLines: [], at: Date(),
                                               leasedTo: "bob@desk2 pid 4242", for: 30)
        }

        let (cart, journal, close) = try await host.start()
        try cart.saveCart([Self.card, Self.other])
        let stub = StubTransport([])
        let engine = PurchaseEngine(client: stubbedClient(stub), journal: journal, source: "api")
        let placed = try await engine.place(Self.request, continuingUnfinished: false)
        close()
        #expect(placed.id == "first", "the identical purchase in flight is continued, not doubled")
        #expect(await stub.requestCount == 0, "the colleague's storefront is sending it")

        let (restarted, settledBy, closeAgain) = try await host.start()
        #expect(try await restarted.loadCart(settledBy: settledBy) == SavedCart(lines: [Self.card, Self.other], held: ["first": [Self.card.id]]),
                "held while the purchase it continued may still become an invoice: not offered to buy again")
        closeAgain()

        try await host.colleague { journal in
            var bought = Self.inFlight
            bought.stage = .created
            bought.invoiceId = "inv-first"
            try await journal.save(bought, at: Date())
        }
        let (boughtCart, boughtJournal, closeLast) = try await host.start()
        defer { closeLast() }
        #expect(try await boughtCart.loadCart(settledBy: boughtJournal) == SavedCart(lines: [Self.other]), "gone once it is bought")
    }
}
