import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix

/// What a network library's error means for the client, decided by its type, never its text.
///
/// `requestMayHaveBeenSent` is what makes a failed POST ambiguous, so it is false only where the request provably
/// never left: while the connection was being made (name lookup, TCP connect, proxy or TLS handshake) the request
/// has not been written yet, as AsyncHTTPClient writes it only on an established connection. Anything that goes
/// wrong once a connection was up may have come after the server read the request.
extension TransportError {
    init(classifying error: any Error) {
        switch error {
        case let error as HTTPClientError: self.init(classifying: error)
        case let error as NIOConnectionError: self.init(classifying: error)
        case let error as ChannelError: self.init(classifying: error)
        case let error as IOError: self.init(classifying: error)
        case is SocketAddressError, is SocketAddressError.UnknownHost:
            self = .notConnected("could not look up the API's host name")
        default:
            self.init(kind: .other, detail: String(describing: error), requestMayHaveBeenSent: true)
        }
    }

    init(classifying error: HTTPClientError) {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout:
            self.init(kind: .timedOut, detail: "the server did not answer in time", requestMayHaveBeenSent: true)
        case .connectTimeout, .getConnectionFromPoolTimeout:
            self = .notConnected("could not connect in time")
        case .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout:
            self = .notConnected("the secure connection could not be set up in time")
        case .proxyAuthenticationRequired, .invalidProxyResponse:
            self = .notConnected("the proxy refused the connection")
        case .remoteConnectionClosed:
            self.init(kind: .connectionLost, detail: "the server closed the connection", requestMayHaveBeenSent: true)
        case .invalidURL, .emptyHost, .emptyScheme:
            self.init(kind: .other, detail: "the API URL is not valid", requestMayHaveBeenSent: false)
        default:
            self.init(kind: .other, detail: String(describing: error), requestMayHaveBeenSent: true)
        }
    }

    /// Every address of the host refused, timed out or could not be looked up: nothing was ever connected.
    init(classifying error: NIOConnectionError) {
        let lookupFailed = error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil)
        self = .notConnected(lookupFailed ? "could not look up the API's host name" : "could not connect")
    }

    init(classifying error: ChannelError) {
        switch error {
        case .connectTimeout:
            self = .notConnected("could not connect in time")
        case .eof, .ioOnClosedChannel, .alreadyClosed, .inputClosed, .outputClosed:
            self.init(kind: .connectionLost, detail: "the connection was lost", requestMayHaveBeenSent: true)
        default:
            self.init(kind: .other, detail: String(describing: error), requestMayHaveBeenSent: true)
        }
    }

    /// Refused and unreachable only happen while connecting; a reset or a broken pipe on a connection that was up.
    init(classifying error: IOError) {
        switch error.errnoCode {
        case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, ENETDOWN, EADDRNOTAVAIL:
            self = .notConnected("could not connect")
        case ECONNRESET, EPIPE, ECONNABORTED, ENOTCONN:
            self.init(kind: .connectionLost, detail: "the connection was lost", requestMayHaveBeenSent: true)
        case ETIMEDOUT:
            self.init(kind: .timedOut, detail: "the connection timed out", requestMayHaveBeenSent: true)
        default:
            self.init(kind: .other, detail: String(describing: error), requestMayHaveBeenSent: true)
        }
    }

    private static func notConnected(_ detail: String) -> TransportError {
        TransportError(kind: .connectionFailed, detail: detail, requestMayHaveBeenSent: false)
    }
}
