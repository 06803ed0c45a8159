import ArgumentParser
import Checkout
import Foundation
import StorefrontApp
import TeamJournal

/// Team mode's settings: the database URL (`--database-url` or `STOREFRONT_DATABASE_URL`), the team key file
/// (`STOREFRONT_TEAM_KEY_FILE`) and who is buying (`--agent`, `STOREFRONT_AGENT`, by default `$USER@hostname`).
struct TeamSettings {
    static let keyFileVariable = "STOREFRONT_TEAM_KEY_FILE"
    var url: TeamDatabaseURL
    var keyFile: URL?
    var agent: String

    /// The settings, or nil when no database is configured (the data directory's journal is used then).
    static func resolve(_ options: GlobalOptions,
                        environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TeamSettings? {
        guard let text = options.databaseURL ?? environment["STOREFRONT_DATABASE_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else { return nil }
        let user = environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "storefront"
        let url: TeamDatabaseURL
        do {
            url = try TeamDatabaseURL(parsing: text, defaultUser: user)
        } catch {
            throw CommandFailure.badInput("The team database URL cannot be used: \(error.description).")
        }
        let keyFile = environment[keyFileVariable].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
        return TeamSettings(url: url, keyFile: keyFile, agent: options.agentName(environment: environment))
    }

    /// The settings of a `team` command, which has nothing to do without a database.
    static func required(_ options: GlobalOptions) throws -> TeamSettings {
        guard let settings = try resolve(options) else {
            throw CommandFailure.badInput("Name the team database: --database-url postgres://USER:PASSWORD@HOST:5432/DB, or STOREFRONT_DATABASE_URL.")
        }
        return settings
    }

    func key() throws -> TeamKey {
        guard let keyFile else {
            throw CommandFailure.badInput("Team mode needs the team key: set \(Self.keyFileVariable) to the file `storefront team init` made.")
        }
        do {
            return try TeamKey.load(from: keyFile)
        } catch {
            throw CommandFailure.badInput("The team key cannot be used: \(error.description).")
        }
    }

    /// Connects (migrating the schema on first use). An unreachable database stops the command before anything
    /// is sent: exit 75.
    func open() async throws -> PostgresJournal {
        let key = try key()
        do {
            return try await PostgresJournal.connect(url, key: key, agent: agent)
        } catch {
            throw CommandFailure(exit: CommandFailure.teamDatabaseUnreachable, code: "team_database_unreachable",
                                 message: "The team database at \(url.place) is unreachable; nothing was bought. (\(error.detail))")
        }
    }
}

extension GlobalOptions {
    /// The team's journal when one is configured, else nil.
    func teamJournal() async throws -> PostgresJournal? {
        try await TeamSettings.resolve(self)?.open()
    }

    /// The team's journal as purchases use it, with the data directory's journal as its spool for an outage, when one
    /// is configured; what an earlier outage left in the spool is written to the team database first.
    func spooledTeamJournal(spool: UserDatabase) async throws -> SpooledTeamJournal? {
        guard let settings = try TeamSettings.resolve(self) else { return nil }
        let journal = SpooledTeamJournal(team: try await settings.open(), url: settings.url, spool: spool)
        _ = try? await journal.replaySpool()
        return journal
    }
}

extension SpooledTeamJournal {
    /// The full-screen storefront's check: writes what waits in the spool (and the cart's holds not saved yet), then
    /// says whether the database answers and whether the cart still cannot save its holds.
    var watch: TeamDatabaseWatch {
        TeamDatabaseWatch { [self] in
            _ = try? await replaySpool()
            return TeamDatabaseCheck(answering: await url.answers(), cartProblem: cartProblem)
        }
    }

    /// After a purchase command: writes what this run spooled if the database answers again, else says where it waits
    /// (on stderr, never a code).
    func replayAfterCommand() async {
        guard (try? spooledCount()) ?? 0 > 0 else { return }
        let replay = try? await replaySpool()
        guard let kept = replay?.kept, kept > 0 else { return }
        let purchases = kept == 1 ? "1 purchase waits" : "\(kept) purchases wait"
        FileHandle.standardError.write(Data("""
            The team database at \(url.place) did not answer: \(purchases) in this data directory's journal, with \(kept == 1 ? "its" : "their") \
            codes, and will be written there by the next storefront command that reaches it.

            """.utf8))
    }
}
