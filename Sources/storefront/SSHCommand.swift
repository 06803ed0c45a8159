import ArgumentParser
import Foundation
import SSHServer
import StorefrontApp

struct SSHCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh",
        abstract: "Serve the storefront over SSH: every visitor gets a session of their own, no shell account.",
        subcommands: [Serve.self]
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the storefront over SSH until interrupted.",
            discussion: """
            Visitors connect with `ssh -p PORT HOST` (no key needed) and get the full-screen storefront on the \
            sandbox, each with a fresh cart and play balance; `ssh -p PORT HOST catalog list --json` runs a \
            read-only command. Keys in --authorized-keys (\(AuthorizedKeys.acceptedTypes); not RSA) connect as \
            `ssh -p PORT \(Visitor.keyUser)@HOST` and get this server's API (credentials from its environment, \
            never sent to the client) and data directory. Port forwarding, agent forwarding, X11 and sftp are refused. \
            In team mode (--database-url) the server also finishes, every 15 s (--resume-every), the desk's purchases \
            no storefront is working on any more (their host was killed), as `storefront resume` does.
            """
        )

        @OptionGroup var options: GlobalOptions
        @Option(help: "Address to listen on.") var host = "127.0.0.1"
        @Option(help: "Port to listen on (0 picks a free one).") var port = 2222
        @Option(name: .customLong("host-key"), help: ArgumentHelp("Ed25519 host key (OpenSSH format; made on first start; default DATA_DIR/ssh_host_ed25519_key).", valueName: "path"))
        var hostKey: String?
        @Option(name: .customLong("authorized-keys"), help: ArgumentHelp("OpenSSH authorized_keys file of the keys that get this server's API instead of the sandbox.", valueName: "path"))
        var authorizedKeys: String?
        @Option(help: "Sessions open at once, in all.") var maxSessions = 20
        @Option(help: "Sessions open at once from one address.") var maxSessionsPerAddress = 4
        @Option(help: "New connections a minute from one address.") var connectionsPerMinute = 20
        @Option(help: "Sessions of --max-sessions kept for listed keys, so the audience cannot lock the presenter out (none without --authorized-keys).")
        var listedKeySessions = 2
        @Option(help: ArgumentHelp("Minutes without a keystroke before a session is closed (0: never).", valueName: "minutes"))
        var idleTimeout: Double = 15
        @Option(help: ArgumentHelp("Seconds a stopping server (Ctrl-C, SIGTERM) waits for its sessions to end before ending them.", valueName: "seconds"))
        var drainTimeout: Double = 10
        @Option(name: .customLong("resume-every"),
                help: ArgumentHelp("Team mode: seconds between looks for the desk's purchases no storefront works on any more.", valueName: "seconds"))
        var resumeEvery: Double = 15

        func validate() throws {
            guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535, not \(port).") }
            guard maxSessions > 0, maxSessionsPerAddress > 0, connectionsPerMinute > 0 else {
                throw ValidationError("--max-sessions, --max-sessions-per-address and --connections-per-minute must be 1 or more.")
            }
            guard idleTimeout >= 0 else { throw ValidationError("--idle-timeout cannot be negative.") }
            guard (0...600).contains(drainTimeout) else { throw ValidationError("--drain-timeout must be 0 to 600 seconds, not \(drainTimeout).") }
            guard listedKeySessions >= 0 else { throw ValidationError("--listed-key-sessions cannot be negative.") }
            guard resumeEvery > 0, resumeEvery <= 3600 else {
                throw ValidationError("--resume-every must be more than 0 and at most 3600 seconds, not \(resumeEvery).")
            }
        }

        func run() async throws {
            let dataDirectory = options.dataDirectory()
            try dataDirectory.prepare()
            let log: @Sendable (String) -> Void = { line in
                FileHandle.standardError.write(Data("ssh: \(line)\n".utf8))
            }
            let keyPath = hostKey ?? dataDirectory.file("ssh_host_ed25519_key").path
            let listed: AuthorizedKeys
            let key: (key: HostKey, created: Bool)
            do {
                key = try HostKey.loadOrCreate(at: keyPath)
                listed = try authorizedKeys.map(AuthorizedKeys.load(path:)) ?? AuthorizedKeys()
            } catch {
                throw ValidationError("\(error)")
            }
            listed.notes.forEach(log)
            let configuration = SSHServeConfiguration(
                host: host, port: port, hostKey: key.key, authorizedKeys: listed,
                limits: SessionLimits(maxSessions: maxSessions, maxSessionsPerAddress: maxSessionsPerAddress,
                                      connectionsPerMinutePerAddress: connectionsPerMinute,
                                      reservedForListedKeys: listed.keys.isEmpty ? 0 : listedKeySessions),
                idleTimeout: idleTimeout > 0 ? .milliseconds(Int64(idleTimeout * 60_000)) : nil,
                executable: Self.currentExecutable(), dataDirectory: dataDirectory.url.path,
                environment: ProcessInfo.processInfo.environment, log: log)
            let server = try await SSHStorefrontServer.start(configuration)
            // Unbuffered: a supervisor or a test reading a pipe sees the address at once.
            FileHandle.standardOutput.write(Data("""
                \(key.created ? "Made" : "Using") host key \(keyPath)
                Host key fingerprint: 256 \(key.key.fingerprint) (ED25519)
                Storefront over SSH on \(host):\(server.port): ssh -p \(server.port) \(host)
                Listed keys: \(listed.keys.count) (connect as \(Visitor.keyUser)@)

                """.utf8))
            let stop = StopSignals.install()
            let drain = Duration.milliseconds(Int64(drainTimeout * 1000))
            try await findingAbandoned({
                let reason = await stop.next()
                await server.shutdown(reason: reason, drain: drain)
            }, every: resumeEvery, log: log)
        }

        /// The program's own file, resolved now: a rebuild while serving replaces the path, not this process.
        static func currentExecutable() -> String {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        }
    }
}
