import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

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
            } catch is NIOTooManyBytesError {
                throw TransportError(kind: .responseTooLarge, detail: "the response was larger than \(maxBodyBytes >> 20) MB",
                                     requestMayHaveBeenSent: true)
            } catch let error as CancellationError {
                throw error
            } catch {
                throw TransportError(classifying: error)
            }
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
