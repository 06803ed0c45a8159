import ChildProcesses
import Foundation

/// One command line timed the way hyperfine times it: output to /dev/null, a warm-up run first, then the median
/// wall time of several runs.
struct TimedCommand {
    var label: String
    var executable: String
    var arguments: [String]
    var stdin: String? = nil
    var environment: [String: String]? = nil

    /// The command as a shell would take it, for the report and the README.
    var shellText: String {
        ([executable] + arguments).map(Self.quoted).joined(separator: " ") + (stdin.map { " < \(Self.quoted($0))" } ?? "")
    }

    /// The medians of `first` and `second` run in turns, so a machine that speeds up or slows down during the
    /// measurement weighs on both alike.
    static func medians(_ first: TimedCommand, _ second: TimedCommand, runs: Int) throws -> (Duration, Duration) {
        _ = try first.once()
        _ = try second.once()
        var samples: ([Duration], [Duration]) = ([], [])
        for _ in 0..<max(1, runs) {
            samples.0.append(try first.once())
            samples.1.append(try second.once())
        }
        return (samples.0.sorted()[samples.0.count / 2], samples.1.sorted()[samples.1.count / 2])
    }

    private func once() throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        let status = try ChildProcess.start(URL(fileURLWithPath: executable), arguments, environment: environment, stdin: stdin,
                                            stdout: "/dev/null", stderr: "/dev/null").wait(timeout: 600).status
        let elapsed = clock.now - start
        guard status == 0 else { throw ListingBenchmark.Failure(description: "\(label) failed (exit status \(status)): \(shellText)") }
        return elapsed
    }

    private static func quoted(_ word: String) -> String {
        word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:".contains($0) } ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
