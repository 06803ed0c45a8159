import Foundation
import StorefrontTestSupport
import Testing

/// `storefront sandbox serve` on a free loopback port, standing in for the live API a listed key gets: the
/// SSH server is given its URL and key in its environment, as an operator would give the real ones.
final class SandboxStandIn {
    let process: ChildProcess.Running
    let baseURL: String
    let apiKey: String

    /// The server's variables for this API (`BITREFILL_API_URL`, `BITREFILL_API_KEY`).
    var environment: [String: String] { ["BITREFILL_API_URL": baseURL, "BITREFILL_API_KEY": apiKey] }

    init(arguments: [String] = []) async throws {
        apiKey = "stand-in-key"
        process = try ChildProcess.start(StorefrontBinary.url, ["sandbox", "serve", "--port", "0", "--rate-limits", "off",
                                                                "--api-key", apiKey] + arguments)
        // Its log line (stderr, unbuffered) names the port; its stdout is block-buffered into a file.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if let range = process.stderrSoFar.range(of: "listening on 127.0.0.1:"),
               let port = Int(process.stderrSoFar[range.upperBound...].prefix { $0.isNumber }) {
                baseURL = "http://127.0.0.1:\(port)/v2"
                return
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw SSHServeHarness.HarnessFailure(description: "the sandbox did not start: \(process.stderrSoFar)")
    }

    deinit {
        process.killNow()
    }

    /// Pays a crypto invoice as if the coins had arrived (the sandbox's own control endpoint).
    func simulatePayment(invoiceId: String) async throws {
        let result = try await ChildProcess.run(URL(fileURLWithPath: "/usr/bin/curl"),
                                                ["-sS", "-f", "-X", "POST", "-H", "Authorization: Bearer \(apiKey)",
                                                 "-H", "Content-Type: application/json", "-d", "{}",
                                                 "\(baseURL)/sandbox/invoices/\(invoiceId)/simulate-payment"], timeout: 120)
        #expect(result.status == 0, "simulate-payment: \(result.stderr)")
    }
}
