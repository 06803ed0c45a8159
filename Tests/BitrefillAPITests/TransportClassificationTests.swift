import AsyncHTTPClient
@testable import BitrefillAPI
import Foundation
import NIOCore
import NIOPosix
import Testing

/// Whether a failed request may have reached the server decides whether a POST is ambiguous, so it is read from the
/// error's type: refused, unresolvable and timed-out connects were never sent; a connection lost once up may have been.
@Suite struct TransportClassificationTests {
    @Test func connectFailuresOfAsyncHTTPClientWereNeverSent() {
        for error in [HTTPClientError.connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout,
                      .socksHandshakeTimeout, .httpProxyHandshakeTimeout, .proxyAuthenticationRequired] {
            let classified = TransportError(classifying: error as any Error)
            #expect(classified.kind == .connectionFailed, "\(error)")
            #expect(classified.requestMayHaveBeenSent == false, "\(error)")
        }
    }

    @Test func failuresOnAnOpenConnectionMayHaveBeenSent() {
        let cases: [(any Error, TransportError.Kind)] = [
            (HTTPClientError.remoteConnectionClosed, .connectionLost), (HTTPClientError.readTimeout, .timedOut),
            (HTTPClientError.deadlineExceeded, .timedOut), (HTTPClientError.writeTimeout, .timedOut),
            (ChannelError.eof, .connectionLost), (ChannelError.ioOnClosedChannel, .connectionLost),
            (ChannelError.alreadyClosed, .connectionLost), (ChannelError.outputClosed, .connectionLost),
            (IOError(errnoCode: ECONNRESET, reason: "read"), .connectionLost), (IOError(errnoCode: EPIPE, reason: "write"), .connectionLost),
            (IOError(errnoCode: ETIMEDOUT, reason: "read"), .timedOut), (HTTPClientError.cancelled, .other),
        ]
        for (error, kind) in cases {
            let classified = TransportError(classifying: error)
            #expect(classified.kind == kind, "\(error)")
            #expect(classified.requestMayHaveBeenSent, "\(error)")
        }
    }

    @Test func refusedAndUnreachableErrnosWereNeverSent() {
        for code in [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH] {
            let classified = TransportError(classifying: IOError(errnoCode: code, reason: "connect") as any Error)
            #expect(classified == TransportError(kind: .connectionFailed, detail: "could not connect", requestMayHaveBeenSent: false))
        }
        let timeout = TransportError(classifying: ChannelError.connectTimeout(.seconds(10)) as any Error)
        #expect(timeout.kind == .connectionFailed && !timeout.requestMayHaveBeenSent)
    }

    @Test func aHostThatCannotBeLookedUpWasNeverSent() {
        let classified = TransportError(classifying: SocketAddressError.unknown(host: "api.invalid", port: 443) as any Error)
        #expect(classified == TransportError(kind: .connectionFailed, detail: "could not look up the API's host name", requestMayHaveBeenSent: false))
    }

    @Test func anUnknownErrorIsAssumedSentWhateverItsText() {
        struct Odd: Error, CustomStringConvertible { var description: String { "Connection refused during lookup" } }
        let classified = TransportError(classifying: Odd())
        #expect(classified.kind == .other)
        #expect(classified.requestMayHaveBeenSent, "its text says refused, but only a type can prove it was not sent")
    }

    @Test func aRealRefusedConnectIsANIOConnectionErrorNeverSent() async throws {
        let port = try await closedPort()
        let error = await #expect(throws: NIOConnectionError.self) {
            _ = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get()
        }
        let classified = try TransportError(classifying: #require(error) as any Error)
        #expect(classified == TransportError(kind: .connectionFailed, detail: "could not connect", requestMayHaveBeenSent: false))
    }

    @Test func aFailedLookupIsANIOConnectionErrorNeverSent() async throws {
        let error = await #expect(throws: NIOConnectionError.self) {
            _ = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).resolver(FailingResolver())
                .connect(host: "api.invalid", port: 443).get()
        }
        let classified = try TransportError(classifying: #require(error) as any Error)
        #expect(classified == TransportError(kind: .connectionFailed, detail: "could not look up the API's host name", requestMayHaveBeenSent: false))
    }

    @Test func theProductionTransportReportsARefusedConnectionAsNotSent() async throws {
        let port = try await closedPort()
        let request = HTTPRequestData(method: "POST", url: URL(string: "http://127.0.0.1:\(port)/v2/invoices")!, body: Data("{}".utf8),
                                      timeout: .seconds(30))
        let error = await #expect(throws: TransportError.self) { _ = try await HTTPTransport.asyncHTTPClient().send(request) }
        #expect(error?.kind == .connectionFailed)
        #expect(error?.requestMayHaveBeenSent == false)
    }

    @Test func theProductionTransportReportsAConnectionDroppedAfterTheRequestAsMaybeSent() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.pipeline.addHandler(CloseOnRead()) }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        let port = try #require(server.localAddress?.port)
        let request = HTTPRequestData(method: "POST", url: URL(string: "http://127.0.0.1:\(port)/v2/invoices")!, body: Data("{}".utf8),
                                      timeout: .seconds(30))
        let error = await #expect(throws: TransportError.self) { _ = try await HTTPTransport.asyncHTTPClient().send(request) }
        #expect(error?.kind == .connectionLost)
        #expect(error?.requestMayHaveBeenSent == true)
    }

    /// A port that was just listened on and closed again: connecting to it is refused at once.
    func closedPort() async throws -> Int {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        try await server.close()
        return port
    }
}

/// Answers every lookup with a failure, as a resolver does for a name that does not exist.
private struct FailingResolver: Resolver, Sendable {
    struct NoSuchHost: Error {}
    func initiateAQuery(host: String, port: Int) -> EventLoopFuture<[SocketAddress]> {
        MultiThreadedEventLoopGroup.singleton.next().makeFailedFuture(NoSuchHost())
    }
    func initiateAAAAQuery(host: String, port: Int) -> EventLoopFuture<[SocketAddress]> {
        MultiThreadedEventLoopGroup.singleton.next().makeFailedFuture(NoSuchHost())
    }
    func cancelQueries() {}
}

/// Reads the first bytes of a request, then hangs up without answering.
private final class CloseOnRead: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.close(promise: nil)
    }
}
