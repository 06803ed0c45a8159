import ArgumentParser
import Checkout
import CommandReports
import Foundation
import TeamJournal

/// `storefront team feed`: colleagues' purchases as they change, like `kubectl get -w`.
struct TeamFeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed",
        abstract: "The team's purchases in flight and the latest, then one line per change as it happens (time, agent, product, stage, invoice), until Ctrl-C.",
        discussion: """
        A lost connection to the team database is made again, and every change made meanwhile is shown: a database restart \
        loses nothing. Exit 75: the database is unreachable at start.
        """)
    @OptionGroup var options: GlobalOptions
    @Flag(help: "One JSON object per line, for scripts: event (current, changed, lost, resumed), time, agent, products, stage, invoice, purchase, seq.")
    var json = false
    @Option(help: "How many purchases to show at start: those in flight first, then the most recently changed.")
    var lines = 20

    func validate() throws {
        guard lines >= 0 else { throw ValidationError("--lines takes 0 or more.") }
    }

    func run() async throws {
        try await reportingErrors {
            let stop = StopSignals.install()
            let settings = try TeamSettings.required(options)
            let journal = try await settings.open()
            defer { journal.close() }
            let start: (changes: [PurchaseChange], cursor: FeedCursor)
            do throws(UserDatabaseError) {
                start = try await journal.currentChanges(limit: lines)
            } catch {
                throw CommandFailure(exit: CommandFailure.teamDatabaseUnreachable, code: "team_database_unreachable",
                                     message: "The team database at \(settings.url.place) cannot be read: \(error.detail)")
            }
            let output = FeedOutput(json: json)
            if !json { output.line(TeamFeedText.header) }
            for change in start.changes { output.show(change, as: .current) }
            let feed = TeamFeed(url: settings.url, journal: journal)
            let following = Task {
                await feed.follow(from: start.cursor) { event in output.show(event) }
            }
            _ = await stop.next()
            following.cancel()
            await following.value
        }
    }
}

/// Where the feed's lines go: standard output, unbuffered, so a script reading a pipe sees each change at once.
private struct FeedOutput: Sendable {
    let json: Bool

    func show(_ event: TeamFeedEvent) {
        switch event {
        case .changed(let changes):
            for change in changes { show(change, as: .changed) }
        case .lost(let reason):
            if json { line(TeamFeedText.jsonLost(reason)) } else { TerminalOutput.standardError.write(TeamFeedText.lost(reason) + "\n") }
        case .resumed:
            if json { line(TeamFeedText.jsonResumed) } else { TerminalOutput.standardError.write(TeamFeedText.resumed + "\n") }
        }
    }

    func show(_ change: PurchaseChange, as event: TeamFeedRow.Event) {
        let purchase = change.purchase
        let row = TeamFeedRow(event: event, time: change.updatedAt, agent: change.agent, products: purchase.title,
                              stage: purchase.stage.rawValue, invoice: purchase.invoiceId, purchaseId: purchase.id, seq: change.seq)
        line(json ? TeamFeedText.json(row) : TeamFeedText.line(row))
    }

    func line(_ text: String) {
        TerminalOutput.standardOutput.write(text + "\n")
    }
}
