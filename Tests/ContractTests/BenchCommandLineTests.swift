import Foundation
import StorefrontTestSupport
import Testing

/// `storefront-bench` as someone who just built it and asks how to use it.
@Suite struct BenchCommandLineTests {
    static var bench: URL { StorefrontBinary.url.deletingLastPathComponent().appendingPathComponent("storefront-bench") }

    @Test(arguments: [["--help"], ["-h"], ["soak", "--help"], ["listing", "--help"], ["ssh", "-h"]])
    func helpPrintsTheUsageInsteadOfRunningTheBenchmark(arguments: [String]) async throws {
        let result = try await ChildProcess.run(Self.bench, arguments, timeout: 60)
        #expect(!result.timedOut, "storefront-bench \(arguments.joined(separator: " ")) ran instead of printing its usage")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Usage: storefront-bench"), "\(result.stdout)")
        #expect(!result.stdout.contains("Machine:"), "the benchmark started")
    }
}
