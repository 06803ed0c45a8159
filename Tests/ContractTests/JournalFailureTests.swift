import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontTestSupport
import Testing

/// The journal refuses a write after the server acted (a full disk, a file made read-only under us): the command
/// must not say "nothing was sent", and must name the invoice and what to run once the journal can be written.
@Suite struct JournalFailureTests {
    typealias Workspace = CheckoutCommandTests.Workspace

    /// Makes the journal refuse to record an invoice id, as a full disk refuses the write that would: deterministic,
    /// and no mount needed. The same trigger is dropped to "free the space".
    static func sqlite(_ workspace: Workspace, _ sql: String) async throws {
        let journal = workspace.directory.appendingPathComponent("storefront.sqlite").path
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/env"), ["sqlite3", journal, sql], timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
    }

    static let fillDisk = """
        CREATE TRIGGER disk_full BEFORE UPDATE ON purchase WHEN NEW.invoice_id IS NOT NULL AND OLD.invoice_id IS NULL
        BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;
        """

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 is installed by .ci/run"))
    func aJournalWriteThatFailsAfterTheCreateNamesTheInvoiceAndWhatToRunOnceThereIsSpace() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            #expect(try await workspace.run(["history"]).status == 0, "the journal exists")
            try await Self.sqlite(workspace, Self.fillDisk)

            let buy = ["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"]
            let failed = try await workspace.run(buy)
            #expect(failed.status == 74, "\(failed.status): \(failed.stderr)")
            #expect(!failed.stderr.contains("nothing was sent") && !failed.stderr.contains("nothing more was sent, "), "\(failed.stderr)")
            #expect(await harness.sandbox.control.invoiceCount() == 1)
            let invoice = try #require(try await harness.client.pages(Endpoints.invoices()).collectItems().first?.id)
            let error = try #require((try workspace.json(failed))["error"] as? [String: Any])
            #expect(error["code"] as? String == "journal_write_failed")
            #expect(error["invoice"] as? String == invoice)
            let message = try #require(error["message"] as? String)
            #expect(message.contains(invoice) && message.contains("run the same command again"), "\(message)")

            try await Self.sqlite(workspace, "DROP TRIGGER disk_full;")
            let again = try await workspace.run(buy)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try workspace.json(again)["invoice"] as? String == invoice)
            #expect(await harness.sandbox.control.invoiceCount() == 1, "nothing bought twice")
        }
    }
}
