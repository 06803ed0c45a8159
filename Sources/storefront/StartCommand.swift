import ArgumentParser
import Checkout
import Foundation
import StorefrontApp
import TeamJournal
import TerminalBackend

/// `storefront` with no subcommand: the full-screen storefront on a terminal; the status text otherwise.
struct StartCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Open the full-screen storefront (the default). Without a terminal, prints the status instead."
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: ArgumentHelp("Colour theme: a name from themes/ or a .toml path (env STOREFRONT_THEME).", valueName: "name|path"))
    var theme: String?
    @Flag(help: "Draw with ASCII only, for terminals without UTF-8 line drawing.") var ascii = false
    @Flag(help: "Start in presentation mode (codes hidden; P toggles). The theme and this mode are remembered in the data directory.")
    var present = false
    @OptionGroup var webhook: WebhookOptions

    func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            var status = StatusCommand()
            status.options = options
            try await status.run()
            return
        }
        try await reportingErrors {
            let directory = options.dataDirectory()
            try directory.prepare()
            let team = try await options.spooledTeamJournal(spool: try UserDatabase.open(at: directory.file(UserDatabase.fileName)))
            try await TUISession.run(TUIOptions(settings: try options.connectionSettings(), dataDirectory: directory,
                                                themeRequest: theme, asciiOnly: ascii, present: present, webhook: try webhook.settings(),
                                                logger: try options.logger(), teamJournal: team,
                                                teamFeed: team.map { TeamFeed(url: $0.url, journal: $0.team) }, teamWatch: team?.watch,
                                                agent: options.agent))
        }
    }
}
