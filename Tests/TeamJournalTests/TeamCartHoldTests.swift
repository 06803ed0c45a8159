import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import TeamJournal
import Testing

/// The cart a team purchase was made from, across a restart (the data directory's journal file opened again, the team
/// database reached again), on the test run's private PostgreSQL: its lines stay held while the purchase may still
/// become an invoice, leave the cart once it did, and are free again once it proved never made, as they are without
/// a team database (`CartPersistenceTests`).
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamCartHoldTests {
    let package = CartLine(id: "a", productId: "amazon-us", productName: "Amazon US", productType: .giftCard,
                           choice: .package(PackageOption(id: "amazon-us<&>50", value: "50", price: 83_000)),
                           faceValue: "50 USD", unitPrice: 83_000, quantity: 2)
    let topUp = CartLine(id: "b", productId: "test-phone-refill", productName: "Test Phone", productType: .phoneRefill,
                         choice: .value(Decimal(string: "12.5")!), faceValue: "12.5 USD", unitPrice: 20_000, quantity: 1,
                         phoneNumber: "+15551234567")

    func purchase(_ stage: PurchaseStage) -> Purchase {
        Purchase(id: "p1", createdAt: Date(timeIntervalSince1970: 1_800_000_000), source: "sandbox", kind: .invoice,
                 lines: [PurchaseLine(package)], paymentMethod: .balance, autoPay: true, stage: stage,
                 invoiceId: PurchaseStage.bought.contains(stage) ? "inv-1" : nil)
    }

    /// One host: its data directory's journal file (the cart, and the spool) and the team database's URL.
    struct Host {
        let cartFile: URL
        let url: TeamDatabaseURL

        /// Starts (or starts again) as the storefront does: the journal file opened, the team database connected.
        func start() async throws -> (cart: UserDatabase, journal: SpooledTeamJournal) {
            let cart = try UserDatabase.open(at: cartFile)
            let team = try await PostgresJournal.connect(url, key: PostgresJournalContractTests.key, agent: "tester@desk")
            return (cart, SpooledTeamJournal(team: team, url: url, spool: cart))
        }

        /// What another host (or this one, just before it was killed) writes to the team database.
        func savedElsewhere(_ purchase: Purchase) async throws {
            let team = try await PostgresJournal.connect(url, key: PostgresJournalContractTests.key, agent: "colleague@desk")
            defer { team.close() }
            try await team.save(purchase, at: Date())
        }
    }

    static func host(on server: PrivatePostgres) throws -> Host {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("team-cart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = try TeamDatabaseURL(parsing: "postgres://\(server.user)@/\(try server.makeDatabase())?host=\(server.socketDirectory)",
                                      defaultUser: "tester")
        return Host(cartFile: directory.appendingPathComponent(UserDatabase.fileName), url: url)
    }

    /// Places purchase p1 from the cart's first line, as the engine writes its intent.
    func placeFromCart(on host: Host) async throws {
        let (cart, journal) = try await host.start()
        defer { journal.team.close() }
        try cart.saveCart([package, topUp])
        try await journal.recordIntent(purchase(.intent), requestHash: "h", takingCartLines: [package.id], at: Date())
    }

    @Test func aLineTakenByATeamPurchaseStaysHeldAfterARestartUntilItsInvoiceExists() async throws {
        let host = try Self.host(on: try PrivatePostgres.shared())
        try await placeFromCart(on: host)

        let (cart, journal) = try await host.start()
        defer { journal.team.close() }
        #expect(try await cart.loadCart(settledBy: journal) == SavedCart(lines: [package, topUp], held: ["p1": [package.id]]),
                "held while the purchase may still become an invoice: not offered as a cart to buy again")
        try await journal.save(purchase(.created), at: Date())
        #expect(try await cart.loadCart(settledBy: journal) == SavedCart(lines: [topUp]), "gone once its invoice exists")
    }

    @Test func aTeamPurchaseBoughtBeforeTheRestartIsNoLongerInTheCart() async throws {
        let host = try Self.host(on: try PrivatePostgres.shared())
        try await placeFromCart(on: host)
        try await host.savedElsewhere(purchase(.settled))

        let (cart, journal) = try await host.start()
        defer { journal.team.close() }
        #expect(try await cart.loadCart(settledBy: journal) == SavedCart(lines: [topUp]))
        #expect(try cart.loadCart() == SavedCart(lines: [topUp]), "and the saved cart")
    }

    @Test func aLineOfATeamPurchaseProvenNeverMadeIsFreeAgainAfterARestart() async throws {
        let host = try Self.host(on: try PrivatePostgres.shared())
        try await placeFromCart(on: host)
        try await host.savedElsewhere(purchase(.notCreated))

        let (cart, journal) = try await host.start()
        defer { journal.team.close() }
        #expect(try await cart.loadCart(settledBy: journal) == SavedCart(lines: [package, topUp]))
    }

    /// Team mode turned on while a purchase of the data directory's own journal was in flight: the team has never
    /// heard of it, but it may still become an invoice.
    @Test func aLineHeldByAPurchaseOfTheDataDirectorysOwnJournalStaysHeldInTeamMode() async throws {
        let host = try Self.host(on: try PrivatePostgres.shared())
        let before = try UserDatabase.open(at: host.cartFile)
        try before.saveCart([package, topUp])
        try await before.recordIntent(purchase(.sending), requestHash: "h", takingCartLines: [package.id], at: Date())

        let (cart, journal) = try await host.start()
        defer { journal.team.close() }
        #expect(try await cart.loadCart(settledBy: journal) == SavedCart(lines: [package, topUp], held: ["p1": [package.id]]))
    }

    /// Makes the data directory's cart refuse to hold a line, as a full disk refuses the write (the same trigger as
    /// `JournalFailureTests`, on the cart); dropping it "frees the space".
    static let fillDisk = """
        CREATE TRIGGER disk_full BEFORE UPDATE ON cart_line BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
        """

    static func sqlite(_ file: URL, _ sql: String) async throws {
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", file.path, sql], timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// A host whose cart holds `package` and `topUp` and whose cart file is full, and the intent of a purchase
    /// taking `package`, which the team has and the cart could not hold.
    func intentWithTheCartFull() async throws -> (host: Host, cart: UserDatabase, journal: SpooledTeamJournal) {
        let host = try Self.host(on: try PrivatePostgres.shared())
        let (cart, journal) = try await host.start()
        try cart.saveCart([package, topUp])
        try await Self.sqlite(host.cartFile, Self.fillDisk)
        try await journal.recordIntent(purchase(.intent), requestHash: "h", takingCartLines: [package.id], at: Date())
        return (host, cart, journal)
    }

    /// The team has the intent but the data directory's cart cannot take its hold: the purchase goes on (the team
    /// holds it, so it is never bought twice), the journal says what to do, and the hold is written by the next try
    /// once the cart can be written (the full-screen storefront tries with every check of the team database), so a
    /// restart after that keeps the line held until the purchase is bought.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 is installed by .ci/run"))
    func aHoldTheCartCouldNotTakeIsWrittenOnceItCanAndSaidUntilThen() async throws {
        let (host, cart, journal) = try await intentWithTheCartFull()
        defer { journal.team.close() }
        try await journal.save(purchase(.sending), at: Date())
        let said = try #require(journal.cartProblem, "the status bar says the cart could not hold the line")
        #expect(said.contains(host.cartFile.path) && said.contains("database or disk is full"), "\(said)")
        #expect(said.contains("1 line of a purchase in flight would come back") && said.contains("Free disk space or make"), "\(said)")
        try await journal.replaySpool()
        #expect(journal.cartProblem != nil, "still said while the cart cannot be written")

        try await Self.sqlite(host.cartFile, "DROP TRIGGER disk_full;")
        try await journal.replaySpool()
        #expect(journal.cartProblem == nil, "written: nothing left to say")
        let (restarted, again) = try await host.start()
        defer { again.team.close() }
        #expect(try await restarted.loadCart(settledBy: again) == SavedCart(lines: [package, topUp], held: ["p1": [package.id]]),
                "held after a restart while the purchase may still become an invoice")
        try await again.save(purchase(.created), at: Date())
        #expect(try await restarted.loadCart(settledBy: again) == SavedCart(lines: [topUp]), "gone once it is bought")
    }

    /// Bought while the cart could not be written: once it can, the line the purchase took leaves the cart.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 is installed by .ci/run"))
    func aPurchaseBoughtWhileTheCartCouldNotHoldItsLineTakesTheLineOnceItCan() async throws {
        let (host, cart, journal) = try await intentWithTheCartFull()
        defer { journal.team.close() }
        try await journal.save(purchase(.created), at: Date())
        #expect(journal.cartProblem != nil)

        try await Self.sqlite(host.cartFile, "DROP TRIGGER disk_full;")
        try await journal.replaySpool()
        #expect(journal.cartProblem == nil)
        #expect(try cart.loadCart() == SavedCart(lines: [topUp]))
    }

    @Test func withTheTeamDatabaseDownAtStartTheLinesStayHeldAndTheCartSaysSo() async throws {
        let server = try PrivatePostgres.startOwn()
        let host = try Self.host(on: server)
        try await placeFromCart(on: host)

        let (cart, journal) = try await host.start()
        defer { journal.team.close() }
        try server.stopServer()
        let saved = try await cart.loadCart(settledBy: journal)
        #expect(saved.lines == [package, topUp])
        #expect(saved.held == ["p1": [package.id]], "never freed while the purchase may still become an invoice")
        let said = try #require(saved.unsettled, "the cart says why its lines stay held")
        #expect(said.contains(host.url.place) && said.contains("does not answer"), "\(said)")
        #expect(said.contains("1 cart line stays held by its purchase in flight"), "\(said)")

        try server.startServer()
        try await host.savedElsewhere(purchase(.settled))
        #expect(try await cart.loadCart(settledBy: journal) == SavedCart(lines: [topUp]), "settled once the database answers")
    }
}
