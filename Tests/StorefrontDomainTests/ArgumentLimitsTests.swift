import StorefrontDomain
import Testing

@Suite struct ArgumentLimitsTests {
    @Test func anOrdinaryCommandIsWithinTheLimits() {
        #expect(ArgumentLimits.problem(with: ["catalog", "list", "--search", "steam", "--in-stock", "--json"]) == nil)
        #expect(ArgumentLimits.problem(with: ["qr", String(repeating: "7", count: 7_089)]) == nil, "the longest QR text")
    }

    @Test func tooManyArgumentsAreRefusedWithTheCountAndWhatToDo() throws {
        let problem = try #require(ArgumentLimits.problem(with: ["catalog", "list"] + Array(repeating: "--in-stock", count: 9_000)))
        #expect(problem.contains("9002 arguments"))
        #expect(problem.contains("at most 256"))
        #expect(problem.contains("Give each option once"))
    }

    @Test func anOversizedCommandIsRefusedWithItsSize() throws {
        let problem = try #require(ArgumentLimits.problem(with: ["qr", String(repeating: "x", count: 20_000)]))
        #expect(problem.contains("20002 bytes"))
        #expect(problem.contains("at most 16384 bytes"))
    }
}
