import BitrefillAPI
import Foundation

/// Where the storefront talks to and as whom, resolved from options first, then the environment.
/// No credentials at all means the embedded sandbox.
public struct ConnectionSettings: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        /// Start the sandbox in-process and talk to it.
        case embeddedSandbox
        case api(baseURL: URL, credentials: Credentials)
    }

    public var target: Target
    /// The desk's shared rate budget in team mode, which the API client takes a turn from before each request; nil
    /// alone. The embedded sandbox is every host's own, so it is never paced.
    public var pacer: (any RequestPacer)?

    public init(target: Target, pacer: (any RequestPacer)? = nil) {
        self.target = target
        self.pacer = pacer
    }

    /// Two settings are the same when they talk to the same place as the same account, whatever paces them.
    public static func == (lhs: ConnectionSettings, rhs: ConnectionSettings) -> Bool {
        lhs.target == rhs.target
    }

    /// Options win over the environment (`BITREFILL_API_URL`, `BITREFILL_API_KEY`, `BITREFILL_API_ID`,
    /// `BITREFILL_API_SECRET`). A key means Bearer; an id and a secret mean Basic; half a pair is an error.
    public static func resolve(apiURL: String?, apiKey: String?, apiID: String?, apiSecret: String?,
                               environment: [String: String]) throws(ConfigurationError) -> ConnectionSettings {
        func pick(_ option: String?, _ variable: String) -> String? {
            let value = option ?? environment[variable]
            guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
            return trimmed
        }
        let urlText = pick(apiURL, "BITREFILL_API_URL")
        let key = pick(apiKey, "BITREFILL_API_KEY")
        let id = pick(apiID, "BITREFILL_API_ID")
        let secret = pick(apiSecret, "BITREFILL_API_SECRET")

        let credentials: Credentials?
        switch (key, id, secret) {
        case (let key?, _, _):
            credentials = .bearer(apiKey: key)
        case (nil, let id?, let secret?):
            credentials = .basic(id: id, secret: secret)
        case (nil, .some, nil):
            throw ConfigurationError("BITREFILL_API_ID is set but BITREFILL_API_SECRET is not: set both (Basic), or BITREFILL_API_KEY alone (Bearer).")
        case (nil, nil, .some):
            throw ConfigurationError("BITREFILL_API_SECRET is set but BITREFILL_API_ID is not: set both (Basic), or BITREFILL_API_KEY alone (Bearer).")
        case (nil, nil, nil):
            credentials = nil
        }

        guard let credentials else {
            if let urlText {
                throw ConfigurationError("An API URL (\(urlText)) was given without credentials: set BITREFILL_API_KEY, or BITREFILL_API_ID and BITREFILL_API_SECRET. Without any, Storefront runs on its embedded sandbox.")
            }
            return ConnectionSettings(target: .embeddedSandbox)
        }
        let baseURL: URL
        if let urlText {
            guard let url = URL(string: urlText), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
                throw ConfigurationError("The API URL \"\(urlText)\" is not an http(s) URL: use the form https://api.bitrefill.com/v2.")
            }
            baseURL = url
        } else {
            baseURL = ClientConfiguration.defaultBaseURL
        }
        return ConnectionSettings(target: .api(baseURL: baseURL, credentials: credentials))
    }
}

/// A setting that cannot work, with what to change.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
