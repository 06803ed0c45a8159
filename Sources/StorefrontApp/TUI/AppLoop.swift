import Foundation
import StorefrontTUI
import TerminalBackend
import ThemeFiles

/// The one loop: terminal events and effect results become actions, `reduce` turns them into state and
/// effects, the state is rendered into a buffer, and the terminal paints what changed.
///
/// Runs on the thread that calls `run()`, which must be the only thread touching the terminal.
public final class AppLoop {
    private let terminal: any TerminalDevice
    private let runner: EffectRunner
    private let inbox: ActionInbox
    private let now: () -> Date
    /// The theme on screen, for `T`.
    private var themes: ThemeSwitcher
    public private(set) var state: AppState
    /// The theme on screen, to remember for the next start.
    public var themeName: String { themes.current }
    /// Frames painted so far (start-up, keys, results, ticks that changed something).
    public private(set) var framesPainted = 0

    public init(terminal: any TerminalDevice, state: AppState, runner: EffectRunner, inbox: ActionInbox,
                themes: ThemeSwitcher = ThemeSwitcher(catalog: .standard(), current: Theme.fallback.name),
                now: @escaping () -> Date = Date.init) {
        self.terminal = terminal
        self.themes = themes
        self.runner = runner
        self.inbox = inbox
        self.now = now
        self.state = state
    }

    /// Loops until the user quits. `initial` actions (cart loaded, …) and effects (balance, countries, …)
    /// are handled before the first key.
    public func run(initialEffects: [Effect], pollMilliseconds: Int = 50) {
        var fullRepaint = true
        var lastPainted: ScreenBuffer?
        var lastTick = now()
        let size = terminal.size
        fullRepaint = dispatch(.resized(width: size.width, height: size.height)) || fullRepaint
        for effect in initialEffects { runner.perform(effect) }

        // Rendering happens only after something was dispatched: an idle screen costs no work and no bytes.
        var changed = true
        while !state.isQuitting {
            if changed {
                let frame = render(state)
                if fullRepaint || frame != lastPainted {
                    terminal.paint(frame, fullRepaint: fullRepaint)
                    framesPainted += 1
                    lastPainted = frame
                    fullRepaint = false
                }
                changed = false
            }
            if let event = terminal.nextEvent(timeoutMilliseconds: pollMilliseconds) {
                changed = true
                switch event {
                case .key(let key): fullRepaint = dispatch(.keyPressed(key)) || fullRepaint
                case .resize(let width, let height): fullRepaint = dispatch(.resized(width: width, height: height)) || fullRepaint
                case .hangUp: _ = dispatch(.terminalClosed)
                }
            }
            for action in inbox.drain() {
                changed = true
                fullRepaint = dispatch(action) || fullRepaint
            }
            let current = now()
            if current.timeIntervalSince(lastTick) >= 1 {
                lastTick = current
                changed = true
                _ = dispatch(.ticked(current))
            }
        }
    }

    /// Reduces one action and hands its effects out; true when the screen must be repainted in full.
    private func dispatch(_ action: AppAction) -> Bool {
        var repaint = false
        for effect in reduce(&state, action) {
            switch effect {
            case .repaintAll: repaint = true
            case .cycleTheme:
                // Switched here, on the terminal's thread; the answer is reduced at once so the same frame says so.
                _ = dispatch(themes.advance(on: terminal))
                repaint = true
            case .copyToClipboard(let text): terminal.copyToClipboard(text)
            case .quit: break
            default: runner.perform(effect)
            }
        }
        return repaint
    }
}
