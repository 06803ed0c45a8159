import CatalogStore
import Foundation
import StorefrontDomain
import Synchronization

/// Standard output or error as the catalog commands write to it: whether it is a terminal, and how wide.
public struct TerminalOutput: Sendable {
    public let descriptor: Int32
    public let isTerminal: Bool
    /// The terminal's width; for a pipe or a file, `COLUMNS` when set, else wide enough for any row (a table
    /// written to a file is not cut).
    public let width: Int

    public static let standardOutput = TerminalOutput(descriptor: STDOUT_FILENO)
    public static let standardError = TerminalOutput(descriptor: STDERR_FILENO)

    public init(descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.descriptor = descriptor
        isTerminal = isatty(descriptor) == 1
        var size = winsize()
        if isTerminal, ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            width = Int(size.ws_col)
        } else if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            width = columns
        } else {
            width = isTerminal ? 80 : 100_000
        }
    }

    public func write(_ text: String) {
        write(Array(text.utf8))
    }

    /// Writes all of `bytes`, retrying after a signal; stops quietly when the reader has gone (a closed pipe).
    public func write(_ bytes: [UInt8]) {
        var remaining = bytes[...]
        while !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { return }
            remaining = remaining.dropFirst(written)
        }
    }
}

/// Shows a refresh's progress: on a terminal one line redrawn in place (ticking every second so a rate-limit
/// countdown moves), elsewhere a plain line now and then.
public final class RefreshProgressDisplay: Sendable {
    private let output: TerminalOutput
    private let state = Mutex<(latest: RefreshProgress?, log: PlainProgressLog)>((nil, PlainProgressLog()))

    public init(output: TerminalOutput) {
        self.output = output
    }

    /// Runs `run` to its end, showing its progress.
    public func follow(_ run: RefreshRun) async -> Result<RefreshSummary, RefreshError> {
        let ticker = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                self?.redraw()
            }
        }
        for await progress in run.progress { show(progress) }
        ticker.cancel()
        return await run.result()
    }

    func show(_ progress: RefreshProgress) {
        let now = Date()
        let plainLine = state.withLock { state -> String? in
            state.latest = progress
            return output.isTerminal ? nil : state.log.line(for: progress, now: now)
        }
        if output.isTerminal {
            draw(progress, now: now, final: progress.isFinal)
        } else if let plainLine {
            output.write(plainLine + "\n")
        }
    }

    private func redraw() {
        guard output.isTerminal, let latest = state.withLock({ $0.latest }), !latest.isFinal else { return }
        draw(latest, now: Date(), final: false)
    }

    /// Carriage return and erase-line: our own sequence, around text already sanitised.
    private func draw(_ progress: RefreshProgress, now: Date, final: Bool) {
        output.write("\r\u{1B}[2K" + RefreshProgressText.bar(progress, now: now, width: output.width) + (final ? "\n" : ""))
    }
}
