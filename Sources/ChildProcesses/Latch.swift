import Foundation

/// A value set once by the runner's thread and waited for by anyone, blocking or not: the pid once a program is
/// started, its status once it has ended.
final class Latch<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    func set(_ newValue: Value) {
        condition.lock()
        if value == nil { value = newValue }
        condition.broadcast()
        condition.unlock()
    }

    /// The value if it is set.
    var current: Value? {
        condition.lock()
        defer { condition.unlock() }
        return value
    }

    /// Blocks until the value is set or `deadline`, if any, passes (nil then). Without a deadline it waits with no
    /// timeout at all: Foundation on Linux traps turning a far date such as `distantFuture` into a timeout.
    func wait(until deadline: Date? = nil) -> Value? {
        condition.lock()
        defer { condition.unlock() }
        while value == nil {
            if let deadline {
                guard condition.wait(until: deadline) else { break }
            } else {
                condition.wait()
            }
        }
        return value
    }
}
