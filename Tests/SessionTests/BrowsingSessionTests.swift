import Foundation
import StorefrontDomain
import Testing

/// Browsing in a whole session: the first catalog fill streaming in from the sandbox under the user's hands.
@Suite struct BrowsingSessionTests {
    /// Issue 11, finding 2: the bar stayed on row 4 while the product under it changed as the fill went on.
    @Test func theSelectionStaysOnItsProductWhileTheFirstFillStreamsIn() async throws {
        let gate = PageGate()
        let store = try await HeadlessStorefront.start(width: 120, height: 40, transport: gate.transport())
        defer { try? FileManager.default.removeItem(at: store.dataDirectory.url) }

        let first = try await store.waitUntil("the first page is listed with the bar on it") { HeadlessStorefront.selectedRow(in: $0) != nil }
        let top = try #require(HeadlessStorefront.selectedRow(in: first))
        _ = try await store.waitUntil("a later page waits at the gate") { _ in gate.heldCount > 0 }
        store.keys(.down, .down, .down)
        let moved = try await store.waitUntil("the bar is three rows down") { HeadlessStorefront.selectedRow(in: $0)?.y == top.y + 3 }
        let chosen = try #require(HeadlessStorefront.selectedRow(in: moved))

        gate.open()
        try await store.waitUntil("the whole catalog is listed") { frame in
            let text = frame.text
            guard let count = text.firstMatch(of: #/Catalog ([0-9,]+) [·-] /#)?.1 else { return false }
            return text.contains("All types (\(count))")
        }
        let settled = try #require(store.selectedProductRow())
        let outcome = try await store.quit()
        let browser = outcome.finalState.browser
        #expect(settled.text == chosen.text, "the bar follows the product it was on")
        #expect(browser.selectedProduct.map { chosen.text.contains($0.name) } == true)
        #expect(browser.selection != 3, "the fill put other products above it (otherwise this test shows nothing)")
    }
}
