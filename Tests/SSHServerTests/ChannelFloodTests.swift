import Foundation
import NIOCore
import NIOPosix
import NIOSSH
import Testing

/// A client that opens session channels and never asks for anything on them, as a probe did 20,000 times on one
/// connection: swift-nio-ssh's own client against the real `storefront ssh serve`, since OpenSSH cannot be made to.
@Suite(.serialized, .enabled(if: SSHServeHarness.toolsAvailable, "ssh, ssh-keygen and tmux are installed by .ci/run"))
struct ChannelFloodTests {
    final class NoneAuthentication: NIOSSHClientUserAuthenticationDelegate {
        func nextAuthenticationType(availableMethods: NIOSSHAvailableUserAuthenticationMethods,
                                    nextChallengePromise: EventLoopPromise<NIOSSHUserAuthenticationOffer?>) {
            nextChallengePromise.succeed(NIOSSHUserAuthenticationOffer(username: "visitor", serviceName: "ssh-connection", offer: .none))
        }
    }

    final class AnyHostKey: NIOSSHClientServerAuthenticationDelegate {
        func validateHostKey(hostKey: NIOSSHPublicKey, validationCompletePromise: EventLoopPromise<Void>) {
            validationCompletePromise.succeed()
        }
    }

    /// Opens `count` session channels on one connection to `port`; returns how many the server accepted.
    static func openSilentChannels(_ count: Int, port: Int) async throws -> Int {
        let connection = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(NIOSSHHandler(
                    role: .client(.init(userAuthDelegate: NoneAuthentication(), serverAuthDelegate: AnyHostKey())),
                    allocator: channel.allocator, inboundChildChannelInitializer: nil))
            }
        }.connect(host: "127.0.0.1", port: port).get()
        let ssh = try await connection.pipeline.handler(type: NIOSSHHandler.self).get()
        var accepted = 0
        for batch in stride(from: 0, to: count, by: 500) {
            let opens = try await connection.eventLoop.submit {
                (batch..<min(batch + 500, count)).map { _ in
                    let promise = connection.eventLoop.makePromise(of: Channel.self)
                    ssh.createChannel(promise, channelType: .session) { child, _ in child.eventLoop.makeSucceededVoidFuture() }
                    return promise.futureResult
                }
            }.get()
            for open in opens where (try? await open.get()) != nil { accepted += 1 }
        }
        try? await connection.close()
        return accepted
    }

    static func residentKilobytes(of pid: pid_t) -> Int? {
        let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        return status?.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
            .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
    }

    @Test func oneConnectionGetsTenSilentSessionChannelsAndTheRestAreRefusedWithOneLogLine() async throws {
        let harness = try await SSHServeHarness()
        let count = Int(ProcessInfo.processInfo.environment["FLOOD_CHANNELS"] ?? "") ?? 200
        let before = Self.residentKilobytes(of: harness.server.pid)
        let accepted = try await Self.openSilentChannels(count, port: harness.port)
        let after = Self.residentKilobytes(of: harness.server.pid)
        print("channel flood: \(count) opened, \(accepted) accepted; server RSS \(before ?? 0) kB -> \(after ?? 0) kB")
        #expect(accepted == 10)
        let log = try await harness.waitForLog("beyond 10 on one connection")
        #expect(log.components(separatedBy: "refused session channels").count == 2, "one line for the whole flood:\n\(log)")
    }
}
