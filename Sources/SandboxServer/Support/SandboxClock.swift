import Foundation
import NIOConcurrencyHelpers

/// The sandbox's notion of now: the system clock plus an offset that only grows.
///
/// Tests and demos move it forward (`SandboxControl.advanceClock(by:)`) to reach expiry, delivery or a
/// rate-limit reset without waiting. Shared by the store and the rate limiter, read on every request,
/// hence a lock rather than an actor.
final class SandboxClock: Sendable {
    private let offset = NIOLockedValueBox<TimeInterval>(0)

    func now() -> Date {
        Date().addingTimeInterval(offset.withLockedValue { $0 })
    }

    func advance(by seconds: TimeInterval) {
        offset.withLockedValue { $0 += max(0, seconds) }
    }
}
