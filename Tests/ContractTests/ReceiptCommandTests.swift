import Foundation
import SandboxServer
import StorefrontTestSupport
import Testing

/// `invoice show --receipt` and `history --csv`, as a script runs them.
@Suite struct ReceiptCommandTests {
    @Test func aReceiptIsWrittenOwnerOnlyWithTheCodeAndItsPlaceIsSaid() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = CheckoutCommandTests.Workspace(harness)
            let bought = try workspace.json(try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--yes", "--json"]))
            let invoice = try #require(bought["invoice"] as? String)
            let shown = try await workspace.run(["invoice", "show", invoice, "--receipt"])
            #expect(shown.status == 0, "\(shown.stderr)")
            let file = workspace.directory.appendingPathComponent("receipt-\(invoice).txt")
            #expect(shown.stderr.contains("Receipt written to \(file.path)"), "\(shown.stderr)")
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let text = try String(contentsOf: file, encoding: .utf8)
            let masked = try #require(CheckoutCommandTests.orders(bought).first?["code"] as? String)
            #expect(text.contains("Code          "))
            #expect(text.contains(String(masked.suffix(4))) && !text.contains("•"), "the receipt has the code in full")

            let elsewhere = workspace.directory.appendingPathComponent("mine.txt")
            let chosen = try await workspace.run(["invoice", "show", invoice, "--receipt-file", elsewhere.path])
            #expect(chosen.stderr.contains(elsewhere.path))
            #expect(FileManager.default.fileExists(atPath: elsewhere.path))

            let csv = try await workspace.run(["history", "--csv"])
            #expect(csv.status == 0, "\(csv.stderr)")
            #expect(csv.stdout.hasPrefix("date,purchase,invoice,status,method,amount,currency,refund,refund_currency,product"))
            #expect(csv.stdout.contains(invoice))
            #expect(csv.stdout.contains("********" + String(masked.suffix(4))), "codes are masked in the CSV")
        }
    }
}
