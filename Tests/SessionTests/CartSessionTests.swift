import Foundation
import StorefrontDomain
import Testing

/// The cart across a whole session: removing asks first, the cart outlives the session, and `--ascii`
/// holds for every frame a session paints.
@Suite struct CartSessionTests {
    /// Adds one 10 USD test gift card and opens the cart.
    func cartWithATestGiftCard(_ store: HeadlessStorefront) async throws {
        try await BuyingSessionTests().openAddDialog(store, "Test Gift Card Code")
        store.keys(.enter)
        try await store.waitFor("Cart 1/20")
        store.keys(.character("c"))
        try await store.waitFor("1/20 units")
    }

    /// Issue 11, finding 13: `d` on a cart line removed it at once.
    @Test func dOnACartLineAsksAndOnlyYRemovesIt() async throws {
        let directory = HeadlessStorefront.newDataDirectory()
        defer { try? FileManager.default.removeItem(at: directory.url) }
        let store = try await HeadlessStorefront.start(dataDirectory: directory)
        try await cartWithATestGiftCard(store)
        store.keys(.character("d"))
        let asked = try await store.waitFor("Remove the line?")
        #expect(asked.contains("Remove 1 × Test Gift Card Code 10 USD from the cart?"))
        store.keys(.character("n"))
        try await store.waitUntil("the dialog closed") { !$0.text.contains("Remove the line?") }
        let kept = try await store.quit()
        #expect(kept.finalState.cart.units == 1, "n keeps the line")

        let again = try await HeadlessStorefront.start(dataDirectory: directory)
        try await again.waitFor("Cart 1/20")
        again.keys(.character("c"))
        try await again.waitFor("1/20 units")
        again.keys(.character("d"))
        try await again.waitFor("Remove the line?")
        again.keys(.character("y"))
        try await again.waitFor("Cart 0/20")
        let removed = try await again.quit()
        #expect(removed.finalState.cart.lines.isEmpty)
    }

    /// Issue 11, finding 12: `--ascii` still drew `›`, `…`, `←→` and `↓`.
    @Test func anASCIISessionPaintsOnlyASCIIFromBrowsingToTheReview() async throws {
        let store = try await HeadlessStorefront.start(asciiOnly: true)
        defer { try? FileManager.default.removeItem(at: store.dataDirectory.url) }
        try await cartWithATestGiftCard(store)
        store.keys(.character("b"))
        try await store.waitFor("Review")
        store.keys(.enter)
        try await store.waitFor("from the balance? y/n")
        store.keys(.character("n"), .character("?"))
        try await store.waitFor("Keys")
        try await store.quit()
        let foreign = Set(store.terminal.paints.flatMap { $0.buffer.text.unicodeScalars.filter { !$0.isASCII } })
        #expect(foreign.isEmpty, "not ASCII: \(foreign.map { String($0) }.sorted().joined(separator: " "))")
    }
}
