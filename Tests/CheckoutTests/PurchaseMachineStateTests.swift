import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import Testing

/// The machine's state is the purchase's stage and the answer it waits for: an event it does not wait for is
/// rejected with a name, never applied, and each event writes the journal at most once.
@Suite struct PurchaseMachineStateTests {
    typealias Event = PurchaseMachine.Event
    static let now = PurchaseMachineTests.now

    /// Every event, once each, with answers that would change a purchase if they were applied.
    static let everyEvent: [Event] = [
        .send, .resume, .requestedAgain, .look, .payWanted, .timerFired,
        .requestUnencodable("bad"), .createAnswered(PurchaseMachineTests.invoice("other")),
        .createRefused(message: "no", code: "out_of_stock"), .createLost("reset"),
        .listed([PurchaseMachineTests.invoice("other")], known: []), .listingFailed("502"),
        .invoiceSeen(PurchaseMachineTests.invoice(status: .allDelivered, orders: [PurchaseMachineTests.delivered])),
        .orderSeen(PurchaseMachineTests.deliveredWithCode), .lookFailed("401", transient: false),
        .payAnswered(PurchaseMachineTests.invoice()), .payRefused("no"), .payLost("reset"),
        .createFailed(PurchaseMachineTests.reset), .lookFailedWith(PurchaseMachineTests.serverError), .payFailed(PurchaseMachineTests.reset),
    ]

    static let commands: Set<String> = ["send", "resume", "requestedAgain", "look", "payWanted", "timerFired"]

    /// Issue 19: "a `.listed` arriving at `.settled` would overwrite the purchase".
    @Test func aListingArrivingAfterThePurchaseSettledChangesNothing() {
        let settled = PurchaseMachineTests.purchase(.settled, invoice: "inv-1")
        var machine = PurchaseMachine(settled)
        _ = machine.handle(.listed([PurchaseMachineTests.invoice("other")], known: []), now: Self.now)
        #expect(machine.purchase == settled)
    }

    /// Issue 19: rows pinned `[.record, .record, …]` for one event.
    @Test func eachEventWritesTheJournalAtMostOnce() {
        var machine = PurchaseMachine(PurchaseMachineTests.purchase(.created, invoice: "inv-1"))
        let failed = Order(id: "o1", status: .failed, product: OrderProduct(id: "test-gift-card-code"))
        for event: Event in [.look, .invoiceSeen(PurchaseMachineTests.invoice(status: .allDelivered, orders: [failed])), .orderSeen(failed)] {
            let actions = machine.handle(event, now: Self.now)
            #expect(actions.filter { $0 == .record }.count <= 1, "\(actions)")
        }
    }

    /// Every (stage, event) pair from a machine waiting for a command: commands are taken (they may still fail for
    /// the stage, with a reason), answers nobody asked for are rejected and change nothing.
    @Test(arguments: [PurchaseStage.intent, .sending, .ambiguous, .notCreated, .refused, .created, .settled])
    func everyEventAtEveryStageIsTakenOrRejectedByName(_ stage: PurchaseStage) {
        for event in Self.everyEvent {
            let start = PurchaseMachineTests.purchase(stage, invoice: PurchaseStage.bought.contains(stage) ? "inv-1" : nil)
            var machine = PurchaseMachine(start)
            let actions = machine.handle(event, now: Self.now)
            let name = "\(event)".prefix { $0 != "(" }
            if Self.commands.contains(String(name)) {
                #expect(!actions.contains { if case .rejected = $0 { true } else { false } }, "\(stage) \(name)")
            } else {
                let rejection = PurchaseMachine.Rejection(event: String(name), stage: stage, awaiting: .command)
                #expect(actions == [.rejected(rejection)], "\(stage) \(name)")
                #expect(machine.purchase == start, "a rejected \(name) changes nothing at \(stage)")
            }
        }
    }

    /// Each request makes the machine wait for its own answers only; every other event is rejected.
    @Test func whileARequestIsOutOnlyItsAnswersAreTaken() {
        let setups: [(Purchase, Event, PurchaseMachine.Awaiting, Set<String>)] = [
            (PurchaseMachineTests.purchase(.intent), .send, .createAnswer, ["requestUnencodable", "createAnswered", "createRefused", "createLost", "createFailed"]),
            (PurchaseMachineTests.purchase(.sending), .resume, .listing, ["listed", "listingFailed"]),
            (PurchaseMachineTests.purchase(.created, invoice: "inv-1"), .look, .invoice, ["invoiceSeen", "lookFailed", "lookFailedWith"]),
            (PurchaseMachineTests.purchase(.created, invoice: "inv-1", autoPay: false), .payWanted, .payAnswer,
             ["payAnswered", "payRefused", "payLost", "payFailed"]),
        ]
        for (purchase, command, awaiting, answers) in setups {
            for event in Self.everyEvent {
                var machine = PurchaseMachine(purchase)
                _ = machine.handle(command, now: Self.now)
                #expect(machine.awaiting == awaiting)
                let before = machine.purchase
                let actions = machine.handle(event, now: Self.now)
                let name = String("\(event)".prefix { $0 != "(" })
                let rejected = actions.contains { if case .rejected = $0 { true } else { false } }
                #expect(rejected == !answers.contains(name), "waiting for \(awaiting): \(name) gave \(actions)")
                if rejected { #expect(machine.purchase == before) }
            }
        }
    }

    /// A server answering the order asked for with another one (seen by the fuzzer) is not a driver's bug: the
    /// answer is taken, and an order that is not the purchase's is merged nowhere.
    @Test func anOrderAnswerNamingAnotherOrderAddsNoCode() {
        var machine = PurchaseMachine(PurchaseMachineTests.purchase(.created, invoice: "inv-1"))
        _ = machine.handle(.look, now: Self.now)
        _ = machine.handle(.invoiceSeen(PurchaseMachineTests.invoice(status: .allDelivered, orders: [PurchaseMachineTests.delivered])), now: Self.now)
        #expect(machine.awaiting == .order("o1"))
        let other = Order(id: "o2", status: .delivered, product: OrderProduct(id: "x"), redemptionInfo: RedemptionInfo(code: "NOT-OURS"))
        let actions = machine.handle(.orderSeen(other), now: Self.now)
        #expect(!actions.contains { if case .rejected = $0 { true } else { false } })
        #expect(machine.purchase.orders.allSatisfy { $0.redemption?.code != "NOT-OURS" })
    }
}
