import Foundation
import StorefrontTUI
import Testing

/// Moving through a purchase whose rows do not fit: every row, down to the last of the timeline, can be reached.
@Suite struct PurchaseScrollTests {
    /// A partly failed purchase at 80x24: more rows than the pane shows.
    func partlyFailedAt80x24() -> AppState {
        SamplePurchases.showing(SamplePurchases.delivered, width: 80, height: 24)
    }

    static let lastTimelineEntry = "Settled: partly failed"

    func pressed(_ state: AppState, _ keys: [Key]) -> AppState {
        var state = state
        for key in keys { _ = reduce(&state, .keyPressed(key)) }
        return state
    }

    /// Issue 18, finding 3: "… more below (↓)", but ↓, j, PgDn, G and End all stopped short of the timeline.
    @Test(arguments: [[Key.end], [Key.character("G")]])
    func theEndKeysShowTheLastRowOfTheTimeline(_ keys: [Key]) {
        let start = partlyFailedAt80x24()
        #expect(!render(start).text.contains(Self.lastTimelineEntry), "the sample must not fit, or this proves nothing")
        let screen = render(pressed(start, keys)).text
        #expect(screen.contains(Self.lastTimelineEntry))
        #expect(!screen.contains("more below"))
    }

    @Test(arguments: [Key.down, Key.character("j"), Key.pageDown])
    func movingDownKeepsGoingPastTheLastValueToTheEnd(_ key: Key) {
        let screen = render(pressed(partlyFailedAt80x24(), Array(repeating: key, count: 40))).text
        #expect(screen.contains(Self.lastTimelineEntry))
        #expect(!screen.contains("more below"))
    }

    @Test func movingUpFromTheEndComesBackToTheTop() {
        let atEnd = pressed(partlyFailedAt80x24(), [.end])
        let screen = render(pressed(atEnd, Array(repeating: .up, count: 60))).text
        #expect(screen.contains("Test Gift Card Code 10 USD ×2"))
        #expect(screen.contains("more below"))
        #expect(pressed(atEnd, [.home]).checkout.shown?.selection == 0)
    }
}
