import ArgumentParser
import Foundation
import Logging
import StorefrontApp
import TeamJournal

/// Where to connect and where to keep files; shared by every subcommand. Secrets are read from the
/// environment when not given here, and never shown as defaults in `--help`.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("api-url"), help: ArgumentHelp("Base URL of the API (default https://api.bitrefill.com/v2; env BITREFILL_API_URL).", valueName: "url"))
    var apiURL: String?

    @Option(name: .customLong("api-key"), help: ArgumentHelp("Personal API key, sent as Bearer (env BITREFILL_API_KEY; prefer the environment: options show in `ps`).", valueName: "key"))
    var apiKey: String?

    @Option(name: .customLong("api-id"), help: ArgumentHelp("Business API id, for Basic auth with --api-secret (env BITREFILL_API_ID).", valueName: "id"))
    var apiID: String?

    @Option(name: .customLong("api-secret"), help: ArgumentHelp("Business API secret (env BITREFILL_API_SECRET).", valueName: "secret"))
    var apiSecret: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Where the catalog cache, cart and journal live (env STOREFRONT_DATA_DIR; default $XDG_DATA_HOME/storefront).", valueName: "path"))
    var dataDir: String?

    @Option(name: .customLong("database-url"), help: ArgumentHelp("The team's PostgreSQL journal, as postgres://USER:PASSWORD@HOST:5432/DB (env STOREFRONT_DATABASE_URL; the team key file in STOREFRONT_TEAM_KEY_FILE). Without it, purchases go to the data directory's journal.", valueName: "url"))
    var databaseURL: String?

    @Option(name: .customLong("agent"), help: ArgumentHelp("Who is buying, written on each purchase (env STOREFRONT_AGENT; default $USER@hostname; over `ssh serve`, the key's comment and fingerprint). On `history` and `team audit`, whose purchases or reveals to list.", valueName: "name"))
    var agent: String?

    @Option(name: .customLong("log-file"), help: ArgumentHelp("Append a diagnostic log (requests, purchase steps; never a key or a code) to this file (env STOREFRONT_LOG=debug logs to stderr).", valueName: "path"))
    var logFile: String?

    func logger() throws -> Logger {
        do {
            return try DiagnosticLog.logger(path: logFile, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// In team mode the API's calls take turns in the desk's shared rate budget (`SharedRateBudget`).
    func connectionSettings() throws -> ConnectionSettings {
        var settings: ConnectionSettings
        do {
            settings = try ConnectionSettings.resolve(apiURL: apiURL, apiKey: apiKey, apiID: apiID, apiSecret: apiSecret,
                                                      environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.message)
        }
        if case .api = settings.target, let team = try TeamSettings.resolve(self) {
            settings.pacer = SharedRateBudget(url: team.url)
        }
        return settings
    }

    /// Who is buying: `--agent`, `STOREFRONT_AGENT`, `$USER@hostname` (an `ssh serve` session's key first).
    func agentName(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        AgentName.resolve(option: agent, environment: environment)
    }

    func dataDirectory() -> DataDirectory {
        DataDirectory.resolve(option: dataDir, environment: ProcessInfo.processInfo.environment)
    }
}
