import BitrefillAPI
import Checkout
import Foundation
import Testing

@Suite struct PollScheduleTests {
    let now = Date(timeIntervalSince1970: 1_000)

    @Test func looksAreQuickAtFirstThenSlower() {
        #expect(PollSchedule.delay(attempt: 0, budget: nil, now: now) == 1)
        #expect(PollSchedule.delay(attempt: 100, budget: nil, now: now) == 15)
    }

    @Test func aNearlySpentBudgetWaitsForTheReset() {
        let budget = RateLimitStatus(limit: 60, remaining: 2, resetAt: now.addingTimeInterval(40))
        #expect(PollSchedule.delay(attempt: 0, budget: budget, now: now) == 41)
    }

    @Test func theBudgetIsSpreadOverTheWindow() {
        let budget = RateLimitStatus(limit: 60, remaining: 13, resetAt: now.addingTimeInterval(50))
        #expect(PollSchedule.delay(attempt: 0, budget: budget, now: now) == 5)
    }
}
