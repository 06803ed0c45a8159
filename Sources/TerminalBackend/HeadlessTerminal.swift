import Foundation
import StorefrontTUI

/// A terminal for tests: a fixed size, scripted events, and a record of every frame painted.
///
/// Unlike the real terminal it is safe to share across threads (a lock guards its state), so a test can drive
/// an app loop on one task and inspect what was painted from another.
public final class HeadlessTerminal: TerminalDevice, @unchecked Sendable {
    /// One call to `paint`.
    public struct Paint: Sendable, Equatable {
        public let buffer: ScreenBuffer
        public let fullRepaint: Bool
    }

    private struct State {
        var width: Int
        var height: Int
        var events: [TerminalEvent]
        var paints: [Paint] = []
        var themes: [Theme] = []
        var clipboard: [String] = []
        var shutdownCount = 0
    }

    /// Guards `state`; signalled when an event is added, so a waiting loop wakes at once.
    private let lock = NSCondition()
    private var state: State

    public init(width: Int, height: Int, events: [TerminalEvent] = []) {
        state = State(width: width, height: height, events: events)
    }

    public var size: (width: Int, height: Int) {
        lock.withLock { (state.width, state.height) }
    }

    /// Every frame painted, oldest first, including any painted after `shutdown()` (a test may want to see them).
    public var paints: [Paint] {
        lock.withLock { state.paints }
    }

    /// The frame on screen now.
    public var screen: ScreenBuffer? {
        lock.withLock { state.paints.last?.buffer }
    }

    /// Every theme applied, oldest first.
    public var appliedThemes: [Theme] {
        lock.withLock { state.themes }
    }

    /// Every text copied to the clipboard, oldest first.
    public var copied: [String] {
        lock.withLock { state.clipboard }
    }

    /// How many times `shutdown()` was called.
    public var shutdownCount: Int {
        lock.withLock { state.shutdownCount }
    }

    public func paint(_ buffer: ScreenBuffer, fullRepaint: Bool) {
        lock.withLock { state.paints.append(Paint(buffer: buffer, fullRepaint: fullRepaint)) }
    }

    /// The next scripted event at once; with none queued, waits for one to be added (`enqueue`, `resize`) for at
    /// most the timeout, as a real terminal does, so a loop at rest does not spin.
    public func nextEvent(timeoutMilliseconds: Int) -> TerminalEvent? {
        lock.withLock {
            if state.events.isEmpty, timeoutMilliseconds != 0 {
                let wait = timeoutMilliseconds < 0 ? Date.distantFuture : Date(timeIntervalSinceNow: Double(timeoutMilliseconds) / 1000)
                _ = lock.wait(until: wait)
            }
            return state.events.isEmpty ? nil : state.events.removeFirst()
        }
    }

    public func apply(_ theme: Theme) {
        lock.withLock { state.themes.append(theme) }
    }

    public func copyToClipboard(_ text: String) {
        lock.withLock { state.clipboard.append(text) }
    }

    public func shutdown() {
        lock.withLock { state.shutdownCount += 1 }
    }

    /// Adds events after those already scripted.
    public func enqueue(_ events: TerminalEvent...) {
        lock.withLock {
            state.events.append(contentsOf: events)
            lock.broadcast()
        }
    }

    /// Changes the size and queues the `.resize` event a real terminal would send.
    public func resize(to width: Int, height: Int) {
        lock.withLock {
            state.width = width
            state.height = height
            state.events.append(.resize(width: width, height: height))
            lock.broadcast()
        }
    }
}
