import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

extension HTTPTransport {
    /// The production transport on one process-wide AsyncHTTPClient (see `storefrontShared`).
    /// Bodies are capped at `maxBodyBytes`: a server that never stops sending is an error, not an OOM.
    public static func asyncHTTPClient(_ client: HTTPClient = .storefrontShared, maxBodyBytes: Int = 32 << 20) -> HTTPTransport {
        HTTPTransport { request in
            var outgoing = HTTPClientRequest(url: request.url.absoluteString)
            outgoing.method = HTTPMethod(rawValue: request.method)
            for header in request.headers {
                outgoing.headers.add(name: header.name, value: header.value)
            }
            if let body = request.body {
                outgoing.body = .bytes(ByteBuffer(bytes: body))
            }
            let timeout = TimeAmount.nanoseconds(Int64(request.timeout.components.seconds) * 1_000_000_000
                + request.timeout.components.attoseconds / 1_000_000_000)
            do {
                let response = try await client.execute(outgoing, timeout: timeout)
                let body = try await response.body.collect(upTo: maxBodyBytes)
                var headers: [String: String] = [:]
                for (name, value) in response.headers {
                    headers[name.lowercased()] = value
                }
                return HTTPResponseData(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
            } catch let error as HTTPClientError {
                throw TransportError(classifying: error)
            } catch is NIOTooManyBytesError {
                throw TransportError(kind: .responseTooLarge, detail: "the response was larger than \(maxBodyBytes >> 20) MB",
                                     requestMayHaveBeenSent: true)
            } catch let error as CancellationError {
                throw error
            } catch {
                throw TransportError(classifyingUnknown: error)
            }
        }
    }
}

extension TransportError {
    init(classifying error: HTTPClientError) {
        if [.deadlineExceeded, .readTimeout, .writeTimeout].contains(error) {
            self.init(kind: .timedOut, detail: "the server did not answer in time", requestMayHaveBeenSent: true)
        } else if error == .connectTimeout {
            self.init(kind: .connectionFailed, detail: "could not connect in time", requestMayHaveBeenSent: false)
        } else if error == .remoteConnectionClosed {
            self.init(kind: .connectionLost, detail: "the server closed the connection", requestMayHaveBeenSent: true)
        } else if [.invalidURL, .emptyHost, .emptyScheme].contains(error) {
            self.init(kind: .other, detail: "the API URL is not valid", requestMayHaveBeenSent: false)
        } else {
            self.init(classifyingUnknown: error)
        }
    }

    /// NIO surfaces refused connections and DNS failures as other error types; their text says which.
    init(classifyingUnknown error: any Error) {
        let text = String(describing: error)
        let refused = ["connectionRefused", "Connection refused", "NIOConnectionError", "lookup", "resolve"]
            .contains { text.localizedCaseInsensitiveContains($0) }
        if refused {
            self.init(kind: .connectionFailed, detail: "could not connect", requestMayHaveBeenSent: false)
        } else if text.localizedCaseInsensitiveContains("reset") || text.localizedCaseInsensitiveContains("EOF")
            || text.localizedCaseInsensitiveContains("closed") {
            self.init(kind: .connectionLost, detail: "the connection was lost", requestMayHaveBeenSent: true)
        } else {
            self.init(kind: .other, detail: text, requestMayHaveBeenSent: true)
        }
    }
}

extension HTTPClient {
    /// AsyncHTTPClient's pool keeps retrying a refused connection until the request's deadline, which would make
    /// an unreachable API take a whole timeout per attempt; our client does its own bounded retries instead, so
    /// connection establishment is tried once and fails fast. Never shut down: it lives as long as the process.
    public static let storefrontShared: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()
}
