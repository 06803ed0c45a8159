import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Synchronization
import Testing

/// The engine works a purchase only under its lease: held while it sends and follows, renewed while it works,
/// released at the end; a purchase another host works is watched, not sent from; a host whose lease was taken over
/// stops, says who took it, and writes nothing over it. Two engines on one journal file stand for two hosts.
@Suite final class PurchaseLeaseTests {
    static let created = #"{"id":"inv-1","status":"not_delivered","payment":{"method":"balance","status":"payment_confirmed","currency":"EUR","price":1000},"orders":[{"id":"o-1","status":"processing"}]}"#
    static let delivered = #"{"id":"inv-1","status":"all_delivered","payment":{"method":"balance","status":"payment_confirmed","currency":"EUR","price":1000},"orders":[{"id":"o-1","status":"delivered"}]}"#
    static let order = #"{"id":"o-1","status":"delivered","product":{"id":"test-gift-card-code","name":"Test","value":"10","currency":"EUR"},"redemption_info":{"code":"GIFT-1111"}}"#
    static let request = CheckoutRequest(lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test", faceValue: "10 EUR",
                                                              denomination: .value("10"), quantity: 1)])

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lease-\(UUID().uuidString)")
    var file: URL { directory.appendingPathComponent(UserDatabase.fileName) }

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: directory) }

    func engine(_ api: ScriptedAPI, holder: String, length: TimeInterval = 30,
                renewSleep: @escaping @Sendable (TimeInterval) async -> Void = { try? await Task.sleep(for: .seconds($0)) },
                pollSleep: @escaping @Sendable (TimeInterval) async -> Void = { _ in }) throws -> PurchaseEngine {
        let clock = RecordingClock()
        let client = BitrefillClient(configuration: ClientConfiguration(
            baseURL: URL(string: "https://api.example.test/v2")!, credentials: .bearer(apiKey: "k"),
            sleep: { clock.sleep($0) }, now: { clock.now }, random: { 0.5 }), transport: api.transport)
        return PurchaseEngine(client: client, journal: try UserDatabase.open(at: file), source: "stub", now: { clock.now },
                              sleep: pollSleep, makeID: { "p-1" },
                              lease: LeaseTerms(holder: holder, length: length, renewEvery: 10, sleep: renewSleep))
    }

    @Test func theEngineHoldsThePurchaseWhileItSendsAndLooksAndFreesItAtTheEnd() async throws {
        let journal = try UserDatabase.open(at: file)
        let seen = Mutex<[String?]>([])
        let note: @Sendable () -> Void = { seen.withLock { $0.append((try? journal.lease(of: "p-1"))??.holder) } }
        let api = ScriptedAPI([
            "POST /invoices": { _, _ in note(); return ScriptedAPI.data(Self.created) },
            "GET /invoices/inv-1": { _, count in note(); return ScriptedAPI.data(count == 1 ? Self.created : Self.delivered) },
            "GET /orders/o-1": { _, _ in ScriptedAPI.data(Self.order) },
        ])
        let engine = try engine(api, holder: "alice@desk1 pid 7")
        let placed = try await engine.place(Self.request)
        #expect(try journal.lease(of: "p-1") == nil, "released once the create is answered")
        let settled = try await engine.follow(placed.id)
        #expect(settled.stage == .settled)
        let holders = seen.withLock { $0 }
        #expect(holders.count >= 3 && holders.allSatisfy { $0 == "alice@desk1 pid 7" }, "held for every request: \(holders)")
        #expect(try journal.lease(of: "p-1") == nil, "released at the end")
    }

    /// Found by the team soak: a script ran `buy` again for a purchase proven never created while the lease of a
    /// killed run was still live. Each run printed "nothing was bought. It can be sent again." and exited 69 at once,
    /// so the script used up its attempts within the lease's 30 s and the purchase was never made. Asking again waits
    /// for the holder's lease to end (released, or run out), outside the placement's turn, then sends it.
    @Test func askingAgainForAPurchaseNeverCreatedWhileAnotherHoldsItWaitsForTheLeaseThenSendsIt() async throws {
        let request = CheckoutRequest(lines: Self.request.lines, idempotencyKey: "k1")
        let journal = try UserDatabase.open(at: file)
        var absent = Purchase(id: "p-1", createdAt: .now, source: "stub", kind: .invoice, lines: request.lines, paymentMethod: .balance,
                              autoPay: true, idempotencyKey: "k1")
        try await journal.recordIntent(absent, requestHash: try request.fingerprint(), takingCartLines: [], at: .now)
        absent.stage = .notCreated
        try await journal.save(absent, at: .now)
        let held = try #require(try journal.takeLease(of: "p-1", holder: "bob@desk2 pid 9", for: 30), "a run on another host holds it")
        let waits = Mutex(0)
        let api = ScriptedAPI([
            "POST /invoices": { _, _ in ScriptedAPI.data(Self.created) },
            "GET /invoices/inv-1": { _, _ in ScriptedAPI.data(Self.created) },
        ])
        let alice = try engine(api, holder: "alice@desk1 pid 7", renewSleep: { interval in
            // The first wait is alice's, for bob's lease: bob's run ends then. Later ones are alice's renewer's.
            if waits.withLock({ $0 += 1; return $0 }) == 1 { try? journal.releaseLease(held) } else { try? await Task.sleep(for: .seconds(interval)) }
        })
        let placed = try await alice.place(request)
        #expect(placed.stage == .created, "sent once the lease was free: \(placed.stage)")
        #expect(placed.invoiceId == "inv-1")
        #expect(api.count("POST /invoices") == 1)
        #expect(waits.withLock { $0 } >= 1, "it waited for bob's lease instead of reporting the purchase as ended")
    }

    @Test func theLeaseIsRenewedAtLeastEveryTenSecondsWhileTheEngineWorks() async throws {
        let renewals = Ticker()
        let looking = Ticker()
        let api = ScriptedAPI([
            "POST /invoices": { _, _ in ScriptedAPI.data(Self.created) },
            "GET /invoices/inv-1": { _, count in ScriptedAPI.data(count < 2 ? Self.created : Self.delivered) },
            "GET /orders/o-1": { _, _ in ScriptedAPI.data(Self.order) },
        ])
        let alice = try engine(api, holder: "alice@desk1", renewSleep: { await renewals.sleep($0) }, pollSleep: { await looking.sleep($0) })
        let bob = try UserDatabase.open(at: file)
        async let followed = alice.follow(try await alice.place(Self.request).id)
        // The place's renewer and the follow's each ask for their first wait; the follow then waits for its next
        // look, holding the lease.
        var intervals = [await renewals.nextSleep(), await renewals.nextSleep()]
        await looking.nextSleep()
        let before = try #require(try bob.lease(of: "p-1"))
        renewals.wakeAll()
        intervals.append(await renewals.nextSleep()) // the follow's renewer asks for its next wait: it renewed
        #expect(intervals.allSatisfy { $0 <= 10 }, "\(intervals)")
        let after = try #require(try bob.lease(of: "p-1"), "still held")
        #expect(after.holder == "alice@desk1")
        #expect(after.epoch == before.epoch, "renewed, not taken again")
        #expect(try bob.takeLease(of: "p-1", holder: "bob@desk2", for: 30) == nil, "another host cannot take it")
        looking.wake()
        #expect(try await followed.stage == .settled)
        #expect(try bob.lease(of: "p-1") == nil)
    }

    @Test func aHostWhoseLeaseWasTakenOverStopsSaysWhoTookItAndWritesNothingOverIt() async throws {
        let bob = try UserDatabase.open(at: file)
        let api = ScriptedAPI([
            "POST /invoices": { _, _ in ScriptedAPI.data(Self.created) },
            "GET /invoices/inv-1": { _, count in ScriptedAPI.data(count == 1 ? Self.created : Self.delivered) },
            "GET /orders/o-1": { _, _ in ScriptedAPI.data(Self.order) },
        ])
        // Alice's lease runs out at once and is never renewed: she stands for a host cut off for over 30 s. While
        // she waits for her next look, bob takes the purchase over and writes what he saw.
        let alice = try engine(api, holder: "alice@desk1", length: 0, renewSleep: { _ in try? await Task.sleep(for: .seconds(3600)) }, pollSleep: { _ in
            guard let lease = try? bob.takeLease(of: "p-1", holder: "bob@desk2 pid 9", for: 30),
                  var purchase = try? bob.purchase(id: "p-1") else { return }
            purchase.problem = "bob looked"
            _ = try? bob.save(purchase, at: Date(), fencedBy: lease)
        })
        let placed = try await alice.place(Self.request)
        let error = await #expect(throws: CheckoutError.self) { try await alice.follow(placed.id) }
        #expect(error?.takenOver?.purchaseId == "p-1")
        #expect(error?.takenOver?.holder == "bob@desk2 pid 9")
        #expect(error?.message.contains("bob@desk2 pid 9 took over invoice inv-1") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("wrote nothing over it") == true)
        let journal = try #require(try bob.purchase(id: "p-1"))
        #expect(journal.problem == "bob looked", "alice wrote nothing over bob")
        #expect(journal.stage == .created)
        #expect(journal.orders.allSatisfy { $0.redemption == nil })
        #expect(try bob.lease(of: "p-1")?.holder == "bob@desk2 pid 9")
    }

    @Test func aPurchaseAnotherHostWorksIsWatchedAndNothingIsSent() async throws {
        let alice = try UserDatabase.open(at: file)
        let purchase = Purchase(id: "p-1", createdAt: Date(), source: "stub", kind: .invoice, lines: Self.request.lines,
                                paymentMethod: .balance, autoPay: true, stage: .created, invoiceId: "inv-1")
        let lease = try #require(try alice.recordIntent(purchase, requestHash: "h", takingCartLines: [], at: Date(),
                                                        leasedTo: "alice@desk1", for: 30))
        let api = ScriptedAPI([:])
        let updates = Mutex(0)
        let bob = try engine(api, holder: "bob@desk2", pollSleep: { _ in
            guard var written = try? alice.purchase(id: "p-1") else { return }
            written.stage = .settled
            written.orders = [PurchaseOrder(id: "o-1", status: .delivered, redemption: Redemption(code: "GIFT-1111"))]
            _ = try? alice.save(written, at: Date(), fencedBy: lease)
        })
        let watched = try await bob.follow("inv-1") { _, _ in updates.withLock { $0 += 1 } }
        #expect(watched.stage == .settled)
        #expect(watched.orders.first?.redemption?.code == "GIFT-1111", "what alice's host wrote")
        #expect(api.count("GET /invoices/inv-1") == 0, "bob sent nothing")
        #expect(updates.withLock { $0 } >= 2)
        let refused = await #expect(throws: CheckoutError.self) { try await bob.pay("inv-1") }
        #expect(refused?.message.contains("alice@desk1 is working invoice inv-1") == true, "\(refused?.message ?? "")")
    }

    @Test func abandonedPurchasesAreTheUnfinishedOnesNoLiveLeaseHolds() async throws {
        let journal = try UserDatabase.open(at: file)
        func intent(_ id: String, _ stage: PurchaseStage, holder: String?, for length: TimeInterval) throws {
            let purchase = Purchase(id: id, createdAt: Date(), source: "stub", kind: .invoice, lines: Self.request.lines,
                                    paymentMethod: .balance, autoPay: true, stage: stage, invoiceId: stage == .created ? "inv-\(id)" : nil)
            _ = try journal.recordIntent(purchase, requestHash: id, takingCartLines: [], at: Date(), leasedTo: holder, for: length)
        }
        try intent("free", .created, holder: nil, for: 0)
        try intent("dead-host", .sending, holder: "alice@desk1", for: 0)
        try intent("live-host", .created, holder: "bob@desk2", for: 30)
        try intent("done", .settled, holder: nil, for: 0)
        let engine = try engine(ScriptedAPI([:]), holder: "carol@desk3")
        #expect(try await engine.abandoned().map(\.id).sorted() == ["dead-host", "free"])
    }
}

extension PurchaseLeaseTests {
    @Test func theBackgroundCheckHandsOverWhatNoHostWorksAtEachTurnUntilCancelled() async throws {
        let journal = try UserDatabase.open(at: file)
        let turns = Ticker()
        let engine = try engine(ScriptedAPI([:]), holder: "carol@desk3")
        let check = AbandonedPurchaseCheck(engine: engine, every: 15, sleep: { await turns.sleep($0) })
        let found = Mutex<[[String]]>([])
        let checking = Task { await check.run { purchases in found.withLock { $0.append(purchases.map(\.id)) } } }
        #expect(await turns.nextSleep() == 15)
        let stranded = Purchase(id: "stranded", createdAt: Date(), source: "stub", kind: .invoice, lines: Self.request.lines,
                                paymentMethod: .balance, autoPay: true, stage: .created, invoiceId: "inv-s")
        _ = try journal.recordIntent(stranded, requestHash: "s", takingCartLines: [], at: Date(), leasedTo: "alice@desk1", for: 0)
        turns.wake()
        await turns.nextSleep()
        #expect(found.withLock { $0 } == [["stranded"]])
        checking.cancel()
        turns.wake()
        await checking.value
    }
}
