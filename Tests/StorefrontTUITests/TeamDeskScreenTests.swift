import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The desk's side of the full-screen storefront: in team mode the history says who bought each purchase, at 80x24
/// too, and the review records the customer's ticket with the purchase.
@Suite struct TeamDeskScreenTests {
    static var purchases: [Purchase] {
        var alices = SamplePurchases.awaitingBitcoin
        alices.agent = "alice@desk2"
        var bobs = SamplePurchases.delivered
        bobs.agent = "bob@laptop (SHA256:qD2cjAaA6rXp2EvIyW5mh01dly5lY09cMqZrR/R8zY8)"
        let older = SamplePurchases.esim
        return [alices, bobs, older]
    }

    func history(width: Int, height: Int, team: Bool) -> String {
        var state = SampleApp.browsing(width: width, height: height)
        state.connection.isTeam = team
        state.screen = .history
        state.checkout.history.entries = Self.purchases
        return render(state).text
    }

    @Test func aTeamsHistoryNamesWhoBoughtEachAndStillFitsEightyColumns() {
        let screen = history(width: 80, height: 24, team: true)
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 80 }, "\(screen)")
        #expect(lines.count <= 24)
        let header = lines.first { $0.contains("Status") }.map(String.init) ?? ""
        #expect(header.contains("Agent") && header.contains("Items"), "\(screen)")
        #expect(screen.contains("alice@desk2"), "\(screen)")
        #expect(screen.contains("bob@laptop") && !screen.contains("SHA256"), "the fingerprint gives way at 80 columns:\n\(screen)")
        #expect(screen.contains("11-18 11:05"), "the date without its year:\n\(screen)")
        #expect(screen.contains("10 USD ×2"), "what was bought is still read:\n\(screen)")
        let unrecorded = lines.first { $0.contains("eSIM") }.map(String.init) ?? ""
        #expect(unrecorded.contains(" - "), "a purchase from before agents were recorded: \(unrecorded)")
    }

    @Test func aWideTeamHistoryKeepsTheAmountAndTheFullAgent() {
        let screen = history(width: 160, height: 40, team: true)
        #expect(screen.contains("Amount") && screen.contains("Agent"), "\(screen)")
        #expect(screen.contains("0.00033334 BTC"))
        #expect(screen.contains("bob@laptop (SHA256"), "\(screen)")
        #expect(screen.contains("2026-11-18 11:05"))
    }

    @Test func aHistoryOutsideTeamModeHasNoAgentColumn() {
        let screen = history(width: 80, height: 24, team: false)
        #expect(!screen.contains("Agent") && !screen.contains("alice@desk2"), "\(screen)")
    }

    @Test func theReviewsTicketFieldGoesWithThePurchase() {
        var state = SampleApp.browsing(width: 80, height: 24)
        state.cart = Cart(lines: [SamplePurchases.giftCardLine])
        state.screen = .cart
        _ = reduce(&state, .keyPressed(.character("b")))
        #expect(state.screen == .review)
        for _ in 0..<3 { _ = reduce(&state, .keyPressed(.tab)) }
        #expect(state.checkout.review.field == .ticket)
        for character in "T-123" { _ = reduce(&state, .keyPressed(.character(character))) }
        let screen = render(state).text
        #expect(screen.contains("Ticket") && screen.contains("T-123"), "\(screen)")
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.overlay == .confirmPurchase)
        var plan: PurchasePlan?
        for case .checkout(.place(let placed)) in reduce(&state, .keyPressed(.character("y"))) { plan = placed }
        #expect(plan?.ticket == "T-123")
    }
}
