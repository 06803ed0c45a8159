import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import NIOSSH
import Testing
@testable import SSHServer

/// Session channels are counted from the moment they open, and one that never asks for a shell or a command is
/// closed after the grace: driven on NIO's embedded event loop, whose clock the test moves.
@Suite struct SessionChannelTests {
    /// What the session sent back on its own: the exit status and the success/failure replies.
    final class Replies: ChannelOutboundHandler, @unchecked Sendable {
        typealias OutboundIn = SSHChannelData
        var exitStatus: Int?

        func triggerUserOutboundEvent(context: ChannelHandlerContext, event: Any, promise: EventLoopPromise<Void>?) {
            if let status = event as? SSHChannelRequestEvent.ExitStatus { exitStatus = status.exitStatus }
            promise?.succeed()
        }
    }

    struct Server {
        let shared: SessionContext
        let log = NIOLockedValueBox<[String]>([])
        let loop = EmbeddedEventLoop()

        init(limits: SessionLimits, grace: TimeAmount = .seconds(10)) {
            let log = self.log
            shared = SessionContext(executable: "/bin/false", serverDataDirectory: "/nonexistent", serverEnvironment: [:],
                                    visitorScratch: VisitorScratch(root: URL(fileURLWithPath: "/nonexistent")),
                                    ledger: NIOLockedValueBox(SessionLedger(limits: limits)), idleTimeout: nil, openSessions: OpenSessions(),
                                    requestGrace: grace, log: { line in log.withLockedValue { $0.append(line) } })
        }

        var openSessions: Int { shared.ledger.withLockedValue { $0.openSessions } }

        /// A session channel opened on `connection`, as the SSH handler opens one.
        func open(on connection: ConnectionState) throws -> (channel: EmbeddedChannel, replies: Replies) {
            try #require(connection.admitChannel())
            let replies = Replies()
            let channel = EmbeddedChannel(loop: loop)
            try channel.pipeline.syncOperations.addHandlers([replies, SessionHandler(connection: connection, shared: shared)])
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 22)).wait()
            return (channel, replies)
        }
    }

    @Test func aChannelThatAsksForNothingYetHoldsASlot() throws {
        let server = Server(limits: SessionLimits(maxSessions: 2, maxSessionsPerAddress: 5, connectionsPerMinutePerAddress: 100))
        let connection = ConnectionState(peer: "10.0.0.1")
        let idle = try (0..<2).map { _ in try server.open(on: connection) }
        try #require(server.openSessions == 2)
        #expect(idle.allSatisfy { $0.channel.isActive })

        let late = try server.open(on: connection)
        try late.channel.pipeline.syncOperations.fireUserInboundEventTriggered(SSHChannelRequestEvent.ExecRequest(command: "ping", wantReply: true))
        #expect(late.replies.exitStatus == 75)
        let told = try #require(try late.channel.readOutbound(as: SSHChannelData.self))
        guard case .byteBuffer(let text) = told.data else { Issue.record("no text"); return }
        #expect(String(buffer: text).contains("The storefront is full (2 sessions)"))
        #expect(!late.channel.isActive)
    }

    @Test func aChannelThatAsksForNothingIsClosedAfterTheGraceAndFreesItsSlot() throws {
        let server = Server(limits: SessionLimits(), grace: .seconds(10))
        let connection = ConnectionState(peer: "10.0.0.1")
        let idle = try server.open(on: connection)
        try idle.channel.pipeline.syncOperations.fireUserInboundEventTriggered(
            SSHChannelRequestEvent.EnvironmentRequest(wantReply: false, name: "LANG", value: "C.UTF-8"))
        server.loop.advanceTime(by: .seconds(9))
        #expect(idle.channel.isActive, "an environment variable is not a shell or a command, but the grace is not over")
        server.loop.advanceTime(by: .seconds(1))
        #expect(!idle.channel.isActive)
        #expect(server.openSessions == 0)
        #expect(server.log.withLockedValue { $0 }.contains { $0.contains("asked for no shell or command within 10 s") })
    }

    @Test func aConnectionHoldsAtMostTenSessionChannelsAtOnce() {
        let connection = ConnectionState(peer: "10.0.0.1")
        #expect((0..<10).allSatisfy { _ in connection.admitChannel() })
        #expect(!connection.admitChannel())
        connection.channelClosed()
        #expect(connection.admitChannel())
    }
}
