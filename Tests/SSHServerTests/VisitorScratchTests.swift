import Foundation
@testable import SSHServer
import StorefrontTestSupport
import Testing

/// Each unlisted visitor gets a data directory of their own (their embedded sandbox, catalog and journal). A
/// server that was killed cannot remove those of its sessions, so the next server does: the temporary directory
/// must not fill up with past visitors.
@Suite struct VisitorScratchTests {
    let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("visitor-scratch-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
    }

    func leftover(ofServer pid: pid_t) throws -> URL {
        let session = temporary.appendingPathComponent("\(VisitorScratch.prefix)\(pid)/\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: session, withIntermediateDirectories: true)
        try Data("journal".utf8).write(to: session.appendingPathComponent("storefront.sqlite"))
        return session.deletingLastPathComponent()
    }

    @Test func startingRemovesTheVisitorDirectoriesOfServersThatAreGoneAndKeepsThoseOfRunningOnes() throws {
        defer { try? FileManager.default.removeItem(at: temporary) }
        let gone = try leftover(ofServer: 4_000_001)
        let running = try leftover(ofServer: 4_000_002)
        let unrelated = temporary.appendingPathComponent("storefront-ssh-visitors-notes")
        try FileManager.default.createDirectory(at: unrelated, withIntermediateDirectories: true)

        let scratch = try VisitorScratch.prepare(in: temporary, processID: 4_000_003, isRunning: { $0 == 4_000_002 })
        #expect(!FileManager.default.fileExists(atPath: gone.path))
        #expect(FileManager.default.fileExists(atPath: running.path))
        #expect(FileManager.default.fileExists(atPath: unrelated.path))

        let session = try scratch.makeSessionDirectory()
        #expect(session.deletingLastPathComponent() == scratch.root)
        let mode = try FileManager.default.attributesOfItem(atPath: session.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test(.enabled(if: SSHServeHarness.toolsAvailable, "ssh, ssh-keygen and tmux are installed by .ci/run"))
    func aServerStartingAfterAKilledOneRemovesThatOnesVisitorDirectories() async throws {
        defer { try? FileManager.default.removeItem(at: temporary) }
        // A server that was killed: its process is gone, and so is every session it had.
        let killed = try ChildProcess.start(URL(fileURLWithPath: "/bin/true"), [])
        _ = await killed.finished()
        let gone = try leftover(ofServer: killed.pid)

        let harness = try await SSHServeHarness(environment: ["TMPDIR": temporary.path])
        #expect(!FileManager.default.fileExists(atPath: gone.path), "server: \(harness.server.stderrSoFar)")
    }
}
