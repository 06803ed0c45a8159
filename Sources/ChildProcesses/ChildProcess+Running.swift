import Foundation

extension ChildProcess {
    /// A started program. Dropping the last reference kills it if it still runs and removes the runner's files.
    public final class Running: Sendable {
        public let pid: pid_t
        private let stdoutPath: String
        private let stderrPath: String
        private let scratch: URL?
        /// The runner's task: swift-subprocess watching the program on `ChildProcessThread`. Cancelling it kills.
        private let watch: Task<Void, Never>
        /// The shell-style status once the program has ended and been reaped (-1: its end could not be seen).
        private let ended: Latch<Int32>

        init(_ launch: Launch, scratch: URL?) throws {
            let started = Latch<Swift.Result<pid_t, Failure>>()
            let ended = Latch<Int32>()
            watch = Task(executorPreference: ChildProcessThread.shared) {
                ended.set(await launch.run(started: started))
            }
            // The runner's own thread starts it, so this wait never needs a thread of the concurrency pool.
            pid = try started.wait()!.get()
            self.ended = ended
            self.scratch = scratch
            stdoutPath = launch.stdout
            stderrPath = launch.stderr
        }

        deinit {
            watch.cancel()
            if let scratch { try? FileManager.default.removeItem(at: scratch) }
        }

        /// What it printed on stdout so far.
        public var stdoutSoFar: String { Self.text(of: stdoutPath) }

        /// What it printed on stderr so far.
        public var stderrSoFar: String { Self.text(of: stderrPath) }

        /// Whether it has ended (and been reaped).
        public var hasEnded: Bool { ended.current != nil }

        /// Its peak resident memory so far (`VmHWM`), in bytes; nil once it has ended.
        public var peakResidentBytes: Int? {
            hasEnded ? nil : ResidentMemory.highWaterMark(of: pid)
        }

        /// Reads `peakResidentBytes` every millisecond until it ends, blocking the calling thread, and returns the
        /// highest: the benchmark's memory figure for a whole run.
        public func peakResidentBytesUntilItEnds() -> Int {
            var peak = 0
            while let now = peakResidentBytes {
                peak = max(peak, now)
                usleep(1_000)
            }
            return peak
        }

        /// Kills it at once, as a crash or a pulled plug would.
        public func killNow() {
            watch.cancel()
        }

        /// Waits for the end without blocking a thread (killing it after `timeout`) and returns what it printed.
        public func finished(timeout: TimeInterval = 60) async -> Result {
            let watch = self.watch
            // Kills it once the timeout has passed; cancelled (and so ending in an error) if it ends before.
            let killer = Task {
                try await Task.sleep(for: .seconds(timeout))
                watch.cancel()
            }
            await watch.value
            killer.cancel()
            let timedOut = (try? await killer.value) != nil
            return result(timedOut: timedOut)
        }

        /// Waits for the end, blocking the calling thread (killing it after `timeout`), and returns what it printed.
        public func wait(timeout: TimeInterval = 60) -> Result {
            // A year at most: a later deadline would overflow Foundation's timeout on Linux.
            if ended.wait(until: Date().addingTimeInterval(min(timeout, 31_536_000))) != nil { return result(timedOut: false) }
            killNow()
            _ = ended.wait()
            return result(timedOut: true)
        }

        private func result(timedOut: Bool) -> Result {
            Result(status: ended.current ?? -1, stdout: isScratch(stdoutPath) ? stdoutSoFar : "",
                   stderr: isScratch(stderrPath) ? stderrSoFar : "", timedOut: timedOut)
        }

        /// Whether `path` is one of the runner's own files: a caller's file (a shared log) is not read back whole.
        private func isScratch(_ path: String) -> Bool {
            scratch.map { path.hasPrefix($0.path + "/") } ?? false
        }

        private static func text(of path: String) -> String {
            String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
    }
}
