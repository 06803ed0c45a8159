import Foundation

/// A value set once and read from any thread: a program's status once it has been reaped.
final class Latch<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?

    func set(_ newValue: Value) {
        lock.lock()
        if value == nil { value = newValue }
        lock.unlock()
    }

    /// The value if it is set.
    var current: Value? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
