import AccountHistory
import ArgumentParser
import BitrefillAPI
import CatalogStore
import Checkout
import Foundation
import QREncoding
import StorefrontApp
import StorefrontDomain
import TerminalBackend

/// One failure as every command reports it: the exit code a script branches on, a stable `code` for
/// `--json`, the message a person acts on, and the API call it came from. `table` is the only place that
/// decides which error gets which code, so "not found" is 66 whether it is a product, an order or an eSIM.
struct CommandFailure: Error, Equatable {
    var exit: Int32
    var code: String
    var message: String
    var request: String?
    /// The invoice the server made, when a failure came after it acted: a script keys on it.
    var invoice: String?

    static let badInput: Int32 = 64
    /// Sent, and refused by the server as asked (an operator that does not serve the number, a value it does not
    /// take): unlike 64, the request left; like it, nothing was bought.
    static let refusedAsAsked: Int32 = 65
    static let notFound: Int32 = 66
    static let unavailable: Int32 = 69
    static let internalError: Int32 = 70
    /// The journal could not be written after the server acted: the invoice exists, the journal does not know it.
    static let journalWriteFailed: Int32 = 74
    /// The team database (`--database-url`) could not be reached: nothing was sent.
    static let teamDatabaseUnreachable: Int32 = 75
    /// The agent's role in the team database cannot buy (a lookup role): nothing was sent.
    static let roleCannotBuy: Int32 = 77

    /// The codes every command can end with, for `--help`.
    static let help = """
    Exit codes: 0 success; 64 bad input or settings (nothing was sent); 66 not found (retrying will not help); \
    69 the API or the network failed (worth retrying); 70 internal error (the cache or the journal cannot be used). \
    With --json, a failure is also printed on stdout as {"error": {"code", "message", "request"}}.
    """

    static func badInput(_ message: String) -> CommandFailure { CommandFailure(exit: badInput, code: "bad_input", message: message) }
    static func notFound(_ message: String, request: String? = nil) -> CommandFailure {
        CommandFailure(exit: notFound, code: "not_found", message: message, request: request)
    }

    /// Error codes that mean the request itself was wrong: bad input, not an outage.
    static let inputErrorCodes: Set<String> = [
        "missing_param", "invalid_param", "invalid_value", "invalid_phone_number", "unsupported_operator",
        "too_many_items", "unsupported_payment_method", "parse_error", "invalid_product",
    ]

    /// The table: which error is which failure. nil for errors that are not ours to word (ArgumentParser's).
    static func table(_ error: any Error) -> CommandFailure? {
        switch error {
        case let failure as CommandFailure: return failure
        case let error as APIError: return api(error)
        case let error as CheckoutError:
            if let refusal = error.refusal {
                let code = switch refusal {
                case .keyReused: "idempotency_key_reused"
                case .identicalRecently: "identical_purchase_recently"
                case .ticketInFlight: "ticket_in_flight"
                }
                return CommandFailure(exit: badInput, code: code, message: error.message)
            }
            switch error.journalFailure {
            case .afterServerActed(let invoice)?:
                return CommandFailure(exit: journalWriteFailed, code: "journal_write_failed", message: error.message, invoice: invoice)
            case .beforeSending?:
                return CommandFailure(exit: internalError, code: "journal_unusable", message: error.message)
            case .unreachable?:
                return CommandFailure(exit: teamDatabaseUnreachable, code: "team_database_unreachable", message: error.message)
            case nil:
                break
            }
            if error.isNotFound { return notFound(error.message) }
            return error.apiError.map { api($0, message: error.message) } ?? badInput(error.message)
        case let error as ResolutionError: return badInput(error.message)
        case let error as ConfigurationError: return badInput(error.message)
        case let error as TerminalError: return badInput(error.description)
        case let error as QREncodingError: return badInput(error.message)
        case let error as CatalogFilterError: return badInput(error.message)
        case let error as CatalogLookupError: return error.notFound ? notFound(error.message) : badInput(error.message)
        case let error as RefreshError:
            if case .store = error.kind { return CommandFailure(exit: internalError, code: "cache_unusable", message: error.message) }
            return CommandFailure(exit: unavailable, code: "api_unavailable", message: error.message)
        case let error as CatalogStoreError: return CommandFailure(exit: internalError, code: "cache_unusable", message: error.message)
        case let error as AccountHistoryError:
            switch error.kind {
            case .storage: return CommandFailure(exit: internalError, code: "history_cache_unusable", message: error.message)
            case .rateLimited: return CommandFailure(exit: unavailable, code: "rate_limited", message: error.message, request: error.apiError?.endpoint)
            case .api: return error.apiError.map { api($0, message: error.message) } ?? CommandFailure(exit: unavailable, code: "api_unavailable", message: error.message)
            }
        case let error as UserDatabaseError: return CommandFailure(exit: internalError, code: "journal_unusable", message: error.description)
        default: return nil
        }
    }

    private static func api(_ error: APIError, message: String? = nil) -> CommandFailure {
        let message = message ?? error.description
        switch error.kind {
        case .notFound: return CommandFailure(exit: notFound, code: "not_found", message: message, request: error.endpoint)
        case .rejected(let code) where code.hasSuffix("not_found"):
            return CommandFailure(exit: notFound, code: code, message: message, request: error.endpoint)
        case .rejected(let code) where inputErrorCodes.contains(code):
            return CommandFailure(exit: badInput, code: code, message: message, request: error.endpoint)
        case .rejected(let code): return CommandFailure(exit: unavailable, code: code, message: message, request: error.endpoint)
        default: return CommandFailure(exit: unavailable, code: "api_unavailable", message: message, request: error.endpoint)
        }
    }
}

/// Where failures are written: "Error: …" on stderr always, and with `--json` also one JSON object on stdout,
/// `{"error": {"code", "message", "request"}}`, so a script reading stdout never has to parse prose.
enum FailureOutput {
    /// Decided once from the command line: every command that prints JSON takes `--json`.
    static let json = CommandLine.arguments.dropFirst().contains("--json")

    /// `stderr` replaces the `Error:` line when a person is owed more than the message (a usage error's usage).
    static func report(_ failure: CommandFailure, stderr: String? = nil) {
        FileHandle.standardError.write(Data((stderr ?? "Error: \(failure.message)\n").utf8))
        guard json else { return }
        struct Envelope: Encodable {
            struct Body: Encodable { var code: String; var message: String; var request: String?; var invoice: String? }
            var error: Body
        }
        let envelope = Envelope(error: .init(code: failure.code, message: failure.message, request: failure.request, invoice: failure.invoice))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(envelope) { print(String(decoding: data, as: UTF8.self)) }
    }
}
