import ArgumentParser
import StorefrontDomain

/// The `storefront` command: thin on purpose; each subcommand calls into the libraries.
@main
struct Storefront: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storefront",
        abstract: "A terminal storefront for the Bitrefill API v2: gift cards, phone top-ups, eSIMs and bills.",
        discussion: """
        With no credentials, Storefront starts its embedded sandbox (a local server that speaks the same API, \
        with a seeded catalog and a play balance) and runs against it, marked SANDBOX. Set BITREFILL_API_KEY \
        (Bearer) or BITREFILL_API_ID and BITREFILL_API_SECRET (Basic) to use the real API.

        Exit codes: 0 success; 64 bad input or settings (nothing was sent); 66 not found: a product, plan, \
        invoice, order, purchase or eSIM, or a number no operator serves (retrying will not help); 69 the API or \
        the network failed (worth retrying); 70 an internal error (the cache or the journal cannot be used). The \
        purchase commands (buy, invoice, esim topup) add: 10 partly failed; 11 failed or denied; 12 expired; \
        13 still pending at --timeout; 14 unknown whether the invoice was created; 65 the server refused the \
        purchase as asked (an operator that does not serve the number): nothing was bought; 74 the journal could \
        not be written after the server acted (the message names the invoice and what to run). In team mode: 75 \
        the team database is unreachable (nothing was sent); 77 your role (lookup) cannot buy (nothing was sent). With --json, a \
        failure is also printed on stdout as {"error": {"code", "message", "request"}}.
        """,
        version: StorefrontVersion.current,
        subcommands: [StartCommand.self, StatusCommand.self, PingCommand.self, BalanceCommand.self, CatalogCommand.self, SandboxCommand.self, BuyCommand.self, InvoiceCommand.self, OrderCommand.self, HistoryCommand.self, QRCommand.self, ESIMCommand.self, PhoneCommand.self, SSHCommand.self, TeamCommand.self],
        defaultSubcommand: StartCommand.self
    )

    /// ArgumentParser's own entry, except that with `--json` a usage error is also the JSON error object a
    /// script reads from stdout, like every other failure.
    static func main() async {
        // Before parsing: the parser's cost grows with the square of the argument count.
        if let problem = ArgumentLimits.problem(with: Array(CommandLine.arguments.dropFirst())) {
            FailureOutput.report(.badInput(problem))
            exit(withError: ExitCode(CommandFailure.badInput))
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if FailureOutput.json, !(error is ExitCode), exitCode(for: error) == .validationFailure {
                // The person reads the usage on stderr; the script gets the message alone.
                FailureOutput.report(.badInput(message(for: error)), stderr: fullMessage(for: error) + "\n")
                exit(withError: ExitCode.validationFailure)
            }
            exit(withError: error)
        }
    }
}
