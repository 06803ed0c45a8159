import Foundation
import StorefrontTestSupport
import Testing

/// A program a test starts begins as one started from a shell: no signal blocked, none ignored. Swift's
/// concurrency threads block nearly every signal, and a spawned child inherits its thread's mask: a tmux
/// server started from a test passed SIGWINCH and SIGHUP blocked down to the `ssh` in its pane, which then
/// never told the server of a resize and outlived its killed window.
struct ChildProcessSignalTests {
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
}
