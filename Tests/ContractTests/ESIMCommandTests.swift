import BitrefillAPI
import Foundation
import SandboxServer
import StorefrontTestSupport
import Testing

/// `storefront esim` and `storefront phone` as support staff and scripts run them, against a sandbox on
/// loopback with its seeded eSIMs (…019 active, …027 used up, …035 expired, …0048 with two bundles) and
/// seeded phone prefixes (+49152… one operator, +49151… several, +49199… none).
@Suite struct ESIMCommandTests {
    typealias Workspace = CheckoutCommandTests.Workspace
    static let active = "8988247000000000019"

    func bundles(_ esim: [String: Any]?) -> [[String: Any]] { esim?["bundles"] as? [[String: Any]] ?? [] }

    @Test func showPrintsBundlesWithDataUsedAndLeftInHumanUnits() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let text = try await workspace.run(["esim", "show", Self.active])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("eSIM:       8988247000000000019"))
            #expect(text.stdout.contains("Plan:       Test eSIM (test-esim)"))
            #expect(text.stdout.contains("Installed:  yes"))
            let row = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("1 ") })
            #expect(row.split(separator: " ").suffix(6).joined(separator: " ") == "3 GB 853 MB 2.15 GB", "data, used, left: \(row)")

            let expired = try workspace.json(try await workspace.run(["esim", "show", "8988247000000000035", "--json"]))
            #expect(expired["installed"] as? Bool == false)
            #expect(bundles(expired).first?["status"] as? String == "expired")
            #expect(bundles(expired).first?["remaining"] as? String == "1.2 GB (lost)")
            #expect(expired["data_left"] as? String == "none")
            let depleted = try workspace.json(try await workspace.run(["esim", "show", "8988247000000000027", "--json"]))
            #expect(bundles(depleted).first?["used"] as? String == "1 GB")
        }
    }

    @Test func listIsSearchableByTheEndOfTheICCID() async throws {
        try await SandboxHarness.with(.docs) { harness in
            let workspace = Workspace(harness)
            let all = try await workspace.run(["esim", "list"])
            #expect(all.status == 0, "\(all.stderr)")
            #expect(all.stdout.split(separator: "\n").count == 6, "header, rule, four seeded eSIMs:\n\(all.stdout)")
            let found = try await workspace.run(["esim", "list", "--search", "00-48", "--json"])
            let list = try #require(try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [[String: Any]])
            #expect(list.map { $0["iccid"] as? String } == ["89882470000000000048"])
            let none = try await workspace.run(["esim", "list", "--search", "1234"])
            #expect(none.stdout.contains("No eSIM of this account ends in 1234"))
        }
    }

    @Test(arguments: [
        ("898824700000000001", "19 or 20 digits; this has 18"),
        ("89882470000000000I9", "\"I\" is not one"),
        ("8988247000000000018", "check digit"),
    ])
    func aWrongICCIDExits64BeforeAnyRequest(iccid: String, problem: String) async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            for arguments in [["esim", "show", iccid], ["esim", "topup", iccid, "--plan", "test-esim", "--bundle", "1GB, 7 Days", "--yes"]] {
                let result = try await workspace.run(arguments)
                #expect(result.status == 64, "\(arguments): \(result.stderr)")
                #expect(result.stderr.contains(problem), "\(result.stderr)")
            }
            #expect(await harness.sandbox.control.invoiceCount() == 0)
        }
    }

    @Test func anUnknownICCIDExits66AndNothingIsBought() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let shown = try await workspace.run(["esim", "show", "8988247999999999992"])
            #expect(shown.status == 66)
            #expect(shown.stderr.contains("No eSIM 8988247999999999992 on this account"))
            let topUp = try await workspace.run(["esim", "topup", "8988247999999999992", "--plan", "test-esim", "--bundle", "1GB, 7 Days", "--yes"])
            #expect(topUp.status == 66)
            #expect(await harness.sandbox.control.invoiceCount() == 0)
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func aTopUpIsFollowedToDeliveryAndTheNewBundleShown(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["esim", "topup", "8988 2470 0000 0000 019", "--plan", "test-esim", "--bundle", "1gb, 7 days",
                                                  "--yes", "--json"])
            #expect(result.status == 0, "\(result.stderr)")
            let report = try workspace.json(result)
            let purchase = report["purchase"] as? [String: Any]
            #expect(purchase?["outcome"] as? String == "delivered")
            let added = bundles(report["esim"] as? [String: Any])
            #expect(added.count == 2)
            #expect(added.last?["name"] as? String == "1GB, 7 Days")
            #expect(added.last?["status"] as? String == "queued")
            #expect(added.last?["new"] as? Bool == true)
            #expect(added.first?["new"] == nil)
            let esim = try await harness.client.send(Endpoints.esim(iccid: Self.active))
            #expect(esim.packageHistory.count == 2, "the sandbox's eSIM has the bundle")

            let text = try await workspace.run(["esim", "topup", Self.active, "--plan", "test-esim", "--bundle", "3GB, 30 Days", "--yes"])
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("Outcome: delivered"))
            #expect(text.stdout.contains("eSIM after the top-up:"))
            #expect(text.stdout.contains("← new"))
            #expect(text.stderr.contains("ends in 0019"))
        }
    }

    @Test func aTopUpWhoseOrderFailsShowsTheRefundAndAddsNothing() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let result = try await workspace.run(["esim", "topup", Self.active, "--plan", "test-esim-fail", "--bundle", "1GB, 7 Days", "--yes"])
            #expect(result.status == 11, "\(result.stderr)")
            #expect(result.stdout.contains("Outcome: failed"))
            #expect(result.stdout.contains("Refund: "), "the refund is shown:\n\(result.stdout)")
            #expect(result.stderr.contains("Nothing was added to the eSIM."))
            #expect(!result.stdout.contains("← new"))
            let esim = try await harness.client.send(Endpoints.esim(iccid: Self.active))
            #expect(esim.packageHistory.count == 1)
        }
    }

    @Test func aWrongPlanOrBundleIsRefusedWithTheChoices() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let bundle = try await workspace.run(["esim", "topup", Self.active, "--plan", "test-esim", "--bundle", "2GB, 1 Day", "--yes"])
            #expect(bundle.status == 64)
            #expect(bundle.stderr.contains("\"2GB, 1 Day\" is not available for this product. Choose a package: 1GB, 7 Days"))
            let plan = try await workspace.run(["esim", "topup", Self.active, "--plan", "no-such-plan", "--bundle", "1GB, 7 Days", "--yes"])
            #expect(plan.status == 66, "an unknown plan is not found, like every unknown id")
            #expect(plan.stderr.contains("No eSIM plan \"no-such-plan\""))
            #expect(await harness.sandbox.control.invoiceCount() == 0)
        }
    }

    @Test(arguments: SandboxDialect.allCases)
    func phoneCheckFindsOneSeveralOrNoOperator(dialect: SandboxDialect) async throws {
        try await SandboxHarness.with(dialect) { harness in
            let workspace = Workspace(harness)
            let one = try workspace.json(try await workspace.run(["phone", "check", "+4915212345678", "--json"]))
            #expect((one["operators"] as? [Any])?.count == 1)
            #expect(one["phone_number"] as? String == "+4915212345678")
            let several = try await workspace.run(["phone", "check", "015112345678", "--country", "DE"])
            #expect(several.status == 0, "\(several.stderr)")
            #expect(several.stdout.contains("+4915112345678: 3 operators serve it"))
            #expect(several.stderr.contains("Read as a number of Germany"))
            let none = try await workspace.run(["phone", "check", "+4919912345678"])
            #expect(none.status == 66)
            #expect(none.stderr.contains("No operator we can refill serves +4919912345678: check the number with the customer"))
            let invalid = try await workspace.run(["phone", "check", "12345"])
            #expect(invalid.status == 64)
            #expect(invalid.stderr.contains("has no country code"))
        }
    }

    @Test func aPhoneRefillFoundByItsNumberIsBoughtToDelivered() async throws {
        try await SandboxHarness.with(.observed) { harness in
            let workspace = Workspace(harness)
            let check = try workspace.json(try await workspace.run(["phone", "check", "+4915212345678", "--json"]))
            let found = try #require((check["operators"] as? [[String: Any]])?.first)
            let operatorID = try #require(found["id"] as? String)
            let package = try #require((found["packages"] as? [[String: Any]])?.first?["id"] as? String)
            let bought = try await workspace.run(["buy", operatorID, "--package", package, "--phone", "+4915212345678", "--yes", "--json"])
            #expect(bought.status == 0, "\(bought.stderr)")
            let report = try workspace.json(bought)
            #expect(report["outcome"] as? String == "delivered")
            #expect(CheckoutCommandTests.orders(report).first?["phone_number"] as? String == "+4915212345678")
        }
    }
}
