import Foundation
import StorefrontDomain

/// The typed client of the Bitrefill API v2. It holds no mutable state: every call builds a request from an
/// `Endpoint`, sends it through the transport with the retry rules below, and decodes the envelope.
///
/// Retry rules: safe calls (GET) wait out 429s until the reported reset (bounded) and retry transient failures
/// (5xx, lost connections, timeouts) with jittered exponential backoff. Unsafe calls (creating or paying an
/// invoice, creating an eSIM) are sent once: their failures come back with `APIError.outcome` saying whether
/// the server may have acted, so the caller can reconcile before anything is sent again.
public struct BitrefillClient: Sendable {
    public let configuration: ClientConfiguration
    let transport: HTTPTransport

    public init(configuration: ClientConfiguration, transport: HTTPTransport = .asyncHTTPClient()) {
        self.configuration = configuration
        self.transport = transport
    }

    /// The same client, whose events also go to `observer` (after the configured `onEvent`): a listing that
    /// shows the request budget hears the budgets of its own calls without rebuilding the connection.
    public func observing(_ observer: @escaping @Sendable (ClientEvent) -> Void) -> BitrefillClient {
        var configuration = configuration
        let previous = configuration.onEvent
        configuration.onEvent = { event in
            previous(event)
            observer(event)
        }
        return BitrefillClient(configuration: configuration, transport: transport)
    }

    /// The same client, taking its turns in the shared budget as background work: a catalog or history walk gives way
    /// to a purchase being followed on any host.
    public func inBackground() -> BitrefillClient {
        var configuration = configuration
        configuration.priority = .background
        return BitrefillClient(configuration: configuration, transport: transport)
    }

    /// Sends one call and decodes its `data`.
    public func send<Response>(_ endpoint: Endpoint<Response>) async throws -> Response {
        let url = try url(for: endpoint)
        return try await exchange(method: endpoint.method, url: url, body: endpoint.body, name: endpoint.name,
                                  safe: endpoint.isSafeToRetry, as: Envelope<Response>.self).data
    }

    /// Every page of a list call, following `meta._next` until it is absent.
    public func pages<Item>(_ endpoint: Endpoint<[Item]>) -> PageSequence<Item> {
        PageSequence(client: self, endpoint: endpoint)
    }

    /// One page of a list, at `url` (the first page's URL, or a `_next` already checked by `checkedNextURL`).
    func page<Item: Decodable & Sendable>(at url: URL, name: String) async throws -> (items: [Item], dropped: Int, next: URL?) {
        let envelope = try await exchange(method: .get, url: url, body: nil, name: name, safe: true, as: Envelope<LossyArray<Item>>.self)
        let next = try envelope.next.map { try checkedNextURL($0, name: name) }
        return (envelope.data.elements, envelope.data.dropped, next)
    }

    func url<Response>(for endpoint: Endpoint<Response>) throws -> URL {
        var text = configuration.baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += endpoint.path
        if !endpoint.query.isEmpty {
            text += "?" + endpoint.query.map { "\(Self.queryEncode($0.name))=\(Self.queryEncode($0.value ?? ""))" }.joined(separator: "&")
        }
        guard let url = URL(string: text), url.scheme != nil, url.host != nil else {
            throw APIError(kind: .invalidRequest, endpoint: endpoint.name,
                           message: "The API URL \(configuration.baseURL.absoluteString) is not a valid http(s) URL: fix --api-url or BITREFILL_API_URL.",
                           outcome: .notExecuted)
        }
        return url
    }

    /// `+` must become %2B (E.164 numbers), so only unreserved characters stay as they are.
    static func queryEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A `_next` link is followed only when it stays on the configured API: it is sent our credentials.
    func checkedNextURL(_ text: String, name: String) throws -> URL {
        let base = configuration.baseURL
        guard let next = URL(string: text, relativeTo: base)?.absoluteURL,
              next.scheme?.lowercased() == base.scheme?.lowercased(),
              next.host?.lowercased() == base.host?.lowercased(),
              next.port == base.port,
              next.path.hasPrefix(base.path)
        else {
            throw APIError(kind: .unsafeNextPage, endpoint: name,
                           message: "The API's next-page link leaves \(configuration.host); it was not followed. Check the API URL.",
                           outcome: .notExecuted)
        }
        return next
    }

    /// Server errors worth repeating a safe request for (a gateway or an overloaded server, not a bug).
    static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// One call from request to decoded payload, with its summary logged whatever the outcome.
    func exchange<Payload: Decodable>(method: RequestMethod, url: URL, body: Data?, name: String, safe: Bool,
                                      as type: Payload.Type) async throws -> Payload {
        var record = RequestRecord(endpoint: name)
        do {
            let payload = try await perform(method: method, url: url, body: body, name: name, safe: safe, as: type, record: &record)
            record.finished(configuration.logger, outcome: "ok", now: configuration.now())
            return payload
        } catch let error as APIError {
            record.finished(configuration.logger, outcome: error.logOutcome, now: configuration.now())
            throw error
        } catch {
            record.finished(configuration.logger, outcome: error is CancellationError ? "cancelled" : "failed", now: configuration.now())
            throw error
        }
    }

    /// Sends until an answer can be returned or thrown. A safe request is sent again after a transient failure:
    /// a lost connection, a 5xx, or a body that is not JSON at all (a proxy's HTML page, a cut-off or empty body),
    /// which says nothing about the API and may not happen twice.
    private func perform<Payload: Decodable>(method: RequestMethod, url: URL, body: Data?, name: String, safe: Bool,
                                             as type: Payload.Type, record: inout RequestRecord) async throws -> Payload {
        var headers: [(name: String, value: String)] = [
            ("Authorization", configuration.credentials.authorizationHeader),
            ("Accept", "application/json"),
            ("User-Agent", configuration.userAgent),
        ]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = HTTPRequestData(method: method.rawValue, url: url, headers: headers, body: body, timeout: configuration.requestTimeout)
        let retryable = { (record: RequestRecord) in safe && record.retries < configuration.maxTransientRetries }

        while true {
            try Task.checkCancellation()
            try await configuration.pacer?.waitForTurn(PacedRequest(method: method, name: name, priority: configuration.priority))
            let response: HTTPResponseData
            do {
                response = try await transport.send(request)
            } catch let error as TransportError {
                if error.kind != .other, retryable(record) {
                    try await backoff(&record, name: name, reason: "transport \(error.kind)", detail: error.detail)
                    continue
                }
                throw transportFailure(error, name: name, safe: safe)
            } catch let error as CancellationError {
                throw error
            } catch {
                throw transportFailure(TransportError(kind: .other, detail: configuration.credentials.redact("\(error)"), requestMayHaveBeenSent: true),
                                       name: name, safe: safe)
            }

            let now = configuration.now()
            let rateLimit = RateLimitStatus.parse(response, now: now)
            record.status = response.status
            if let rateLimit {
                record.rateLimit = rateLimit
                configuration.onEvent(.rateLimit(endpoint: name, status: rateLimit))
            }

            switch response.status {
            case 200..<300:
                switch decode(type, from: response, name: name, safe: safe, retries: record.retries) {
                case .success(let payload):
                    return payload
                case .failure(let error) where error.unreadableBody && retryable(record):
                    try await backoff(&record, name: name, reason: "unreadable body", detail: "HTTP \(response.status), not JSON")
                    continue
                case .failure(let error):
                    throw error
                }
            case 429 where safe && record.rateLimitWaits < configuration.maxRateLimitWaits:
                let until = rateLimit?.resetAt ?? now.addingTimeInterval(configuration.defaultRateLimitWait.seconds)
                let wait = max(0, until.timeIntervalSince(now))
                guard wait <= configuration.maxRateLimitWait.seconds else { break }
                record.rateLimitWaits += 1
                configuration.onEvent(.waitingForRateLimit(endpoint: name, until: until, attempt: record.rateLimitWaits))
                // A little jitter past the reset, so that clients released together do not collide again.
                try await configuration.sleep(.milliseconds(Int((wait + configuration.random() * 0.25) * 1000)))
                continue
            case let status where (500...599).contains(status) && retryable(record)
                && (Self.transientStatuses.contains(status) || !Self.isJSON(response.body)):
                try await backoff(&record, name: name, reason: "HTTP \(status)", detail: "HTTP \(status)")
                continue
            default:
                break
            }
            throw APIError.from(status: response.status, body: response.body, endpoint: name, host: configuration.host,
                                retryAt: rateLimit?.resetAt, now: now)
        }
    }

    /// `reason` is a category safe to log; `detail` (which may quote a transport library) goes only to the UI's event.
    private func backoff(_ record: inout RequestRecord, name: String, reason: String, detail: String) async throws {
        record.retries += 1
        let attempt = record.retries
        let ceiling = min(configuration.backoffCap.seconds, configuration.backoffBase.seconds * pow(2, Double(attempt - 1)))
        let delay = Duration.milliseconds(Int(ceiling * configuration.random() * 1000))
        record.retrying(configuration.logger, attempt: attempt, delay: delay, reason: reason)
        configuration.onEvent(.retrying(endpoint: name, attempt: attempt, delay: delay, reason: detail))
        try await configuration.sleep(delay)
    }

    private func transportFailure(_ error: TransportError, name: String, safe: Bool) -> APIError {
        let host = configuration.host
        let ambiguous = !safe && error.requestMayHaveBeenSent
        let consequence = ambiguous
            ? " The request may have been carried out: it is not sent again until checked against the server."
            : " Check the network and try again."
        let message: String = switch error.kind {
        case .timedOut: "No answer from \(host) within \(Int(configuration.requestTimeout.seconds)) s.\(consequence)"
        case .connectionFailed: "Could not connect to \(host). Check the network, or the API URL (--api-url, BITREFILL_API_URL)."
        case .connectionLost: "The connection to \(host) was lost before the answer arrived.\(consequence)"
        case .responseTooLarge: "The answer from \(host) was too large to read (\(error.detail))."
        case .other: "The request to \(host) failed: \(error.detail).\(consequence)"
        }
        return APIError(kind: .transport(error.kind), endpoint: name, message: message,
                        outcome: error.requestMayHaveBeenSent ? .unknown : .notExecuted)
    }

    /// The payload, or the error that says why it could not be read: `unreadableBody` when the body is not JSON at
    /// all, which a safe request retries, rather than JSON of an unexpected shape, which it would only meet again.
    private func decode<Payload: Decodable>(_ type: Payload.Type, from response: HTTPResponseData, name: String, safe: Bool,
                                            retries: Int) -> Result<Payload, APIError> {
        do {
            return .success(try JSONDecoder().decode(Payload.self, from: response.body))
        } catch {
            let unreadable = !Self.isJSON(response.body)
            let reason: String = switch error {
            case _ where unreadable: "not valid JSON"
            case DecodingError.dataCorrupted: "not valid JSON"
            case DecodingError.keyNotFound(let key, _): "no \"\(Sanitizer.clean(key.stringValue).prefix(40))\" field"
            case DecodingError.typeMismatch(_, let context): "unexpected type at \(Sanitizer.clean(context.codingPath.map(\.stringValue).joined(separator: ".")).prefix(80))"
            default: "unreadable"
            }
            let tried = retries > 0 ? " It was asked \(retries + 1) times." : ""
            return .failure(APIError(kind: .malformedResponse, endpoint: name, status: response.status,
                                     message: "The API at \(configuration.host) sent an answer Storefront cannot read (\(reason)).\(tried) Try again; if it persists, report it.",
                                     outcome: safe ? .notExecuted : .unknown, unreadableBody: unreadable))
        }
    }

    /// Whether `body` is JSON at all, whatever its shape. Foundation's parser refuses nesting deeper than 512 levels
    /// with an error rather than exhausting the stack, so a hostile body cannot crash this check.
    static func isJSON(_ body: Data) -> Bool {
        (try? JSONSerialization.jsonObject(with: body, options: .fragmentsAllowed)) != nil
    }
}

extension Duration {
    /// The duration in seconds, as a Double (for arithmetic with dates).
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
