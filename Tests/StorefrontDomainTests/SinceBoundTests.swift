import Foundation
import StorefrontDomain
import Testing

/// `team audit --since`: a day, an ISO-8601 time, or how long ago (90s, 30m, 24h, 7d, 2w) from an injected now.
@Suite struct SinceBoundTests {
    let now = Date(timeIntervalSince1970: 1_765_000_000)

    @Test func aDurationCountsBackFromNow() {
        #expect(SinceBound.parse("90s", now: now) == now.addingTimeInterval(-90))
        #expect(SinceBound.parse("30m", now: now) == now.addingTimeInterval(-1_800))
        #expect(SinceBound.parse("24h", now: now) == now.addingTimeInterval(-86_400))
        #expect(SinceBound.parse("7d", now: now) == now.addingTimeInterval(-7 * 86_400))
        #expect(SinceBound.parse("2w", now: now) == now.addingTimeInterval(-14 * 86_400))
    }

    @Test func aDayOrATimeIsThatMoment() {
        #expect(SinceBound.parse("2026-12-05", now: now) == Date(timeIntervalSince1970: 1_796_428_800))
        #expect(SinceBound.parse("2026-12-05T10:00:00Z", now: now) == Date(timeIntervalSince1970: 1_796_464_800))
    }

    @Test func anythingElseIsRefused() {
        for text in ["", "h", "-5m", "5 parsecs", "5y", "yesterday", "1e9h"] {
            #expect(SinceBound.parse(text, now: now) == nil, "\(text)")
        }
    }
}
