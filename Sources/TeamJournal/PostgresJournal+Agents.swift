import Foundation
import PostgresNIO

/// Why `team add-agent` made no role, and what to do about it. Never holds the password.
public struct TeamAgentError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension PostgresJournal {
    /// Makes `name` a PostgreSQL login role in the group of `role`, with a generated password, and answers the URL
    /// the agent connects with (the only place the password ever appears: the server is sent its SCRAM verifier).
    /// The group roles are made and granted first if they are missing. Needs CREATEROLE (the team database's owner).
    public func addAgent(name: String, role: TeamRole) async throws(TeamAgentError) -> TeamDatabaseURL {
        guard name.wholeMatch(of: /[a-z_][a-z0-9_]{0,62}/) != nil, !name.hasPrefix("pg_"), !name.hasPrefix("storefront_") else {
            throw TeamAgentError("An agent's role name is 1 to 63 lower-case letters, digits and _, starting with a letter "
                                 + "(not pg_ or storefront_): for example alice or desk2_bob.")
        }
        let password = Self.generatedPassword()
        let verifier = ScramVerifier.make(password: password)
        do {
            try await client.withTransaction(logger: Self.logger) { connection in
                let granted = try await connection.query("SELECT storefront_grant_roles()", logger: Self.logger)
                    .collect().first?.decode(Bool.self) ?? false
                guard granted else {
                    throw TeamAgentError("The group roles storefront_buyer and storefront_lookup do not exist and \(address.user) "
                                         + "cannot make them (it lacks CREATEROLE): a superuser runs `ALTER ROLE \(address.user) CREATEROLE`, "
                                         + "then add-agent again.")
                }
                let taken = try await connection.query("SELECT count(*) FROM pg_roles WHERE rolname = \(name)", logger: Self.logger)
                    .collect().first?.decode(Int.self) ?? 0
                guard taken == 0 else {
                    throw TeamAgentError("A database role named \(name) already exists: choose another name, or change that "
                                         + "role's password with psql's \\password \(name).")
                }
                // Utility statements take no bound values; the name is checked above and the verifier is base64, $ and :.
                try await connection.query(PostgresQuery(unsafeSQL: """
                    CREATE ROLE \(name) LOGIN PASSWORD '\(verifier)' IN ROLE \(role.groupRole)
                    """), logger: Self.logger)
            }
        } catch let error as TeamAgentError {
            throw error
        } catch {
            let detail = TeamSchema.describe(error)
            if detail.contains("42501") {
                throw TeamAgentError("\(address.user) may not make roles in the team database at \(place): add-agent is for the "
                                     + "database's owner, with CREATEROLE. (\(detail))")
            }
            throw TeamAgentError("The agent was not added to the team database at \(place): \(detail)")
        }
        var url = address
        url.user = name
        url.password = password
        return url
    }

    /// 32 letters and digits (about 190 bits), safe in a URL as they are.
    private static func generatedPassword() -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<32).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
