import BitrefillAPI
import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
import Testing

/// The desk's first worry: agent B cannot see that agent A bought this customer's card minutes ago, so the customer
/// gets two. A ticket tells customers apart; a card asked for without one may be for anyone's, so it is the same card.
@Suite struct SameCardTicketTests {
    static let second = NeverBuyTwiceTests.delivered.replacingOccurrences(of: "inv-1", with: "inv-2").replacingOccurrences(of: "ord-1", with: "ord-2")

    @Test func theSameCardWithoutATicketAfterOneBoughtForATicketIsRefusedNamingWhoAndTheTicket() async throws {
        let journal = try UserDatabase.inMemory()
        let stub = StubTransport([Stub.data(NeverBuyTwiceTests.delivered), Stub.data(Self.second)], fallback: Stub.data(Self.second))
        let clock = RecordingClock()
        let client = stubbedClient(stub, clock: clock)
        let alice = PurchaseEngine(client: client, journal: journal, source: "api", agent: "alice@desk1", now: { clock.now })
        let bob = PurchaseEngine(client: client, journal: journal, source: "api", agent: "bob@desk2", now: { clock.now.addingTimeInterval(120) })
        var forTicket = NeverBuyTwiceTests.request
        forTicket.ticket = "T-200"
        _ = try await alice.place(forTicket)

        let refused = await #expect(throws: CheckoutError.self) { try await bob.place(NeverBuyTwiceTests.request) }
        #expect(refused?.message.hasPrefix("alice@desk1 bought the same 2 min ago for ticket T-200; --again to buy again.") == true,
                "\(refused?.message ?? "")")
        #expect(await NeverBuyTwiceTests.creates(stub) == 1, "nothing sent for bob")

        var anotherCustomer = NeverBuyTwiceTests.request
        anotherCustomer.ticket = "T-201"
        let bobs = try await bob.place(anotherCustomer)
        #expect(bobs.invoiceId == "inv-2", "another customer's ticket is another purchase")
        #expect(await NeverBuyTwiceTests.creates(stub) == 2)
    }
}
