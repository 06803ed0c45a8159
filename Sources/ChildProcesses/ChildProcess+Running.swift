import Foundation

extension ChildProcess {
    /// A started program. Dropping the last reference kills it if it still runs and removes the runner's files.
    public final class Running: Sendable {
        public let pid: pid_t
        private let stdoutPath: String
        private let stderrPath: String
        private let scratch: URL?
        /// The shell-style status once the program has ended and been reaped.
        private let ended = Latch<Int32>()
        private let reaping = NSLock()

        init(pid: pid_t, stdout: String, stderr: String, scratch: URL?) {
            self.pid = pid
            stdoutPath = stdout
            stderrPath = stderr
            self.scratch = scratch
        }

        deinit {
            if reap() == nil {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
            }
            if let scratch { try? FileManager.default.removeItem(at: scratch) }
        }

        /// What it printed on stdout so far.
        public var stdoutSoFar: String { Self.text(of: stdoutPath) }

        /// What it printed on stderr so far.
        public var stderrSoFar: String { Self.text(of: stderrPath) }

        /// Whether it has ended (it is reaped if so).
        public var hasEnded: Bool { reap() != nil }

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
            if reap() == nil { kill(pid, SIGKILL) }
        }

        /// Waits for the end without blocking a thread (killing it after `timeout`) and returns what it printed.
        public func finished(timeout: TimeInterval = 60) async -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            var timedOut = false
            while reap() == nil {
                if !timedOut, Date() >= deadline {
                    timedOut = true
                    killNow()
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
            return result(timedOut: timedOut)
        }

        /// Waits for the end, blocking the calling thread (killing it after `timeout`), and returns what it printed.
        public func wait(timeout: TimeInterval = 60) -> Result {
            let deadline = Date().addingTimeInterval(timeout)
            var timedOut = false
            while reap() == nil {
                if !timedOut, Date() >= deadline {
                    timedOut = true
                    killNow()
                }
                usleep(20_000)
            }
            return result(timedOut: timedOut)
        }

        /// Its status if it has ended, reaping it the first time (`waitpid` without blocking).
        private func reap() -> Int32? {
            reaping.lock()
            defer { reaping.unlock() }
            if let status = ended.current { return status }
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
            let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            ended.set(exit)
            return exit
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
