import Foundation
import StorefrontTestSupport
import Testing

/// What every program a test or the benchmark starts can count on, whatever the runner is built on: it ends when the
/// program ends, even if the program leaves a daemon behind; it starts as from a shell, with no signal blocked or
/// ignored and nothing of this process's open but stdin, stdout and stderr.
struct ChildProcessGuaranteeTests {
    /// The hang `Process` had: the first `tmux new-session -d` on a socket starts the tmux server, a daemon that
    /// outlives the command. A private socket name, so no server is running on it yet.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
    func startingTheTmuxServerReturnsWithItsOutput() async throws {
        let socket = "storefront-runner-\(UUID().uuidString.prefix(8))"
        let tmux = URL(fileURLWithPath: "/usr/bin/tmux")
        let started = try await ChildProcess.run(tmux, ["-L", socket, "new-session", "-d", "-P", "-F", "#{session_name}", "-s", "first",
                                                        "sleep 600"], timeout: 120)
        let ended = try await ChildProcess.run(tmux, ["-L", socket, "kill-session", "-t", "first"], timeout: 120)
        #expect(!started.timedOut, "tmux new-session did not return: \(started.stderr)")
        #expect(started.status == 0, "\(started.stderr)")
        #expect(started.stdout == "first\n")
        #expect(ended.status == 0, "\(ended.stderr)")
    }

    @Test func aStartedProgramHasNoSignalBlockedOrIgnored() async throws {
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/bin/cat"), ["/proc/self/status"])
        let fields = Dictionary(result.stdout.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: ":", maxSplits: 1)
            return parts.count == 2 ? (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces)) : nil
        }, uniquingKeysWith: { first, _ in first })
        // Signals 1 to 31; glibc reserves 32 and 33 for itself and a spawn cannot reset them.
        let standard: UInt64 = 0x7FFF_FFFF
        let blocked = try #require(fields["SigBlk"].flatMap { UInt64($0, radix: 16) })
        let ignored = try #require(fields["SigIgn"].flatMap { UInt64($0, radix: 16) })
        #expect(blocked & standard == 0, "\(result.stdout)")
        #expect(ignored & standard == 0, "\(result.stdout)")
    }

    /// A descriptor this process opened without close-on-exec (as a database file or another child's pipe may be)
    /// never reaches the program, nor a daemon it leaves behind.
    @Test func aStartedProgramHoldsNothingAboveStderr() async throws {
        let inheritable = open("/dev/null", O_RDONLY)
        defer { close(inheritable) }
        #expect(inheritable > 2)
        let shell = URL(fileURLWithPath: "/bin/sh")
        let listing = ["-c", "ls /proc/$$/fd; true"]
        let waited = try await ChildProcess.run(shell, listing)
        let blocking = try ChildProcessControlTests.blocking { try ChildProcess.run(shell, listing) }
        #expect(waited.stdout == "0\n1\n2\n")
        #expect(blocking.stdout == "0\n1\n2\n")
    }
}
