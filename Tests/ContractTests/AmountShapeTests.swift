import Foundation
import StorefrontTestSupport
import Testing

/// One amount shape in every command's JSON: a decimal string in the unit of the currency named beside it
/// (`amount` + `currency`, `balance` + `currency`, `payment_amount` + `payment_currency`, `refund` +
/// `refund_currency`, `price` + `price_currency`), never an integer of smallest units, nor with the code inside.
@Suite struct AmountShapeTests {
    static let moneyKeys: Set<String> = ["amount", "balance", "refund", "payment_amount", "price", "total"]

    /// The currency key an amount key is paired with: `currency` beside `amount` and `balance`, `X_currency` beside
    /// `X_amount` and beside any other amount `X` (`refund`, `price`).
    static func currencyKey(of key: String) -> String {
        switch key {
        case "amount", "balance", "total": "currency"
        default: (key.hasSuffix("_amount") ? String(key.dropLast("_amount".count)) : key) + "_currency"
        }
    }

    /// Every amount in `json`, checked; returns how many were seen.
    @discardableResult
    static func checkAmounts(_ json: Any, in command: String) -> Int {
        var seen = 0
        if let array = json as? [Any] {
            for element in array { seen += checkAmounts(element, in: command) }
        } else if let object = json as? [String: Any] {
            for (key, value) in object {
                if moneyKeys.contains(key), !(value is NSNull) {
                    seen += 1
                    let text = value as? String
                    #expect(text?.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil,
                            "\(command): \"\(key)\" is \(value), not a decimal string")
                    let currency = object[currencyKey(of: key)] as? String
                    #expect(currency?.range(of: "^[A-Z0-9]{2,6}$", options: .regularExpression) != nil,
                            "\(command): \"\(key)\" has no \"\(currencyKey(of: key))\" beside it: \(object)")
                } else {
                    seen += checkAmounts(value, in: command)
                }
            }
        }
        return seen
    }

    final class Workspace {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-amounts-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: directory) }

        func run(_ arguments: [String]) async throws -> (status: Int32, json: Any) {
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") }
            environment["STOREFRONT_DATA_DIR"] = directory.path
            let result = try await ChildProcess.run(StorefrontBinary.url, arguments + ["--json"], environment: environment, timeout: 120)
            #expect(!result.timedOut)
            let json = try #require(try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)),
                                    "\(arguments): stdout \(result.stdout) stderr \(result.stderr)")
            return (result.status, json)
        }
    }

    @Test func everyCommandPrintsAmountsAsDecimalStringsBesideTheirCurrency() async throws {
        let workspace = Workspace()
        let balance = try await workspace.run(["balance"])
        #expect(Self.checkAmounts(balance.json, in: "balance") == 1)

        let bought = try await workspace.run(["buy", "test-gift-card-code", "--value", "10", "--quantity", "2", "--yes"])
        #expect(bought.status == 0)
        #expect(Self.checkAmounts(bought.json, in: "buy") >= 1)
        let failed = try await workspace.run(["buy", "test-gift-card-code-fail", "--value", "10", "--yes"])
        #expect(failed.status == 11)
        #expect(Self.checkAmounts(failed.json, in: "buy (refunded)") >= 2, "the payment and the refund")

        let report = try #require(bought.json as? [String: Any])
        let invoice = try #require(report["invoice"] as? String)
        let order = try #require((report["orders"] as? [[String: Any]])?.first?["id"] as? String)
        let failedOrder = try #require(((failed.json as? [String: Any])?["orders"] as? [[String: Any]])?.first?["id"] as? String)

        #expect(Self.checkAmounts(try await workspace.run(["invoice", "show", invoice]).json, in: "invoice show") >= 1)
        #expect(Self.checkAmounts(try await workspace.run(["invoice", "list"]).json, in: "invoice list") >= 2)
        Self.checkAmounts(try await workspace.run(["order", "list"]).json, in: "order list")
        Self.checkAmounts(try await workspace.run(["order", "show", order]).json, in: "order show")
        #expect(Self.checkAmounts(try await workspace.run(["order", "show", failedOrder]).json, in: "order show (refunded)") == 1)
        #expect(Self.checkAmounts(try await workspace.run(["history"]).json, in: "history") >= 3)
        Self.checkAmounts(try await workspace.run(["esim", "list"]).json, in: "esim list")
        Self.checkAmounts(try await workspace.run(["esim", "show", "8988247000000000019"]).json, in: "esim show")
        let topUp = try await workspace.run(["esim", "topup", "8988247000000000019", "--plan", "test-esim", "--bundle", "1GB, 7 Days", "--yes"])
        #expect(Self.checkAmounts(topUp.json, in: "esim topup") >= 1)
        #expect(Self.checkAmounts(try await workspace.run(["catalog", "show", "test-gift-card-code"]).json, in: "catalog show") >= 1)
    }
}
