import Checkout
import Foundation
import StorefrontDomain
import StorefrontTestSupport
@testable import TeamJournal
import Testing

/// `storefront team status --json` as a monitoring script reads it: the real binary against the test run's private
/// PostgreSQL, its output decoded.
@Suite(.enabled(if: PrivatePostgres.available, "PostgreSQL (Debian's postgresql) is installed by .ci/run"))
struct TeamStatusJSONTests {
    /// The document, as a script decodes it.
    struct Status: Decodable {
        struct Agent: Decodable, Equatable {
            var agent: String
            var lastSeen: Date
        }

        struct InFlight: Decodable, Equatable {
            var purchase: String
            var stage: String
            var agent: String
            var ticket: String?
            var invoice: String?
            var leaseHolder: String?
            var leaseSecondsLeft: Int?
        }

        var serverVersion: String
        var schemaVersion: Int
        var expectedSchemaVersion: Int
        var agents: [Agent]
        var inFlight: [InFlight]
    }

    static let code = "GIFT-SECRET-7777", pin = "PIN-4242", link = "https://redeem.example/secret-link"

    static func purchase(_ id: String, stage: PurchaseStage, invoice: String?, agent: String, ticket: String? = nil) -> Purchase {
        Purchase(id: id, createdAt: Date(timeIntervalSince1970: 1_800_000_000), source: "api", kind: .invoice,
                 lines: [PurchaseLine(productId: "test-gift-card-code", productName: "Test", faceValue: "10 USD", denomination: .value("10"), quantity: 1)],
                 paymentMethod: .balance, autoPay: true, stage: stage, invoiceId: invoice,
                 orders: invoice == nil ? [] : [PurchaseOrder(id: "ord-\(id)", productId: "test-gift-card-code", status: .delivered,
                                                               redemption: Redemption(code: code, link: link, pin: pin))],
                 agent: agent, ticket: ticket)
    }

    @Test func statusAsJSONNamesVersionsAgentsAndEachPurchaseInFlightWithItsLeaseAndNoCode() async throws {
        let server = try PrivatePostgres.shared()
        let database = try server.makeDatabase()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("storefront-status-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyFile = folder.appendingPathComponent("team.key")
        let urlText = "postgres://\(server.user)@/\(database)?host=\(server.socketDirectory)"
        let team = try await PostgresJournal.connect(try TeamDatabaseURL(parsing: urlText, defaultUser: "tester"),
                                                     key: try TeamKey.create(at: keyFile), agent: "alice@desk2")
        defer { team.close() }
        // Whole seconds: the document's times are ISO 8601 to the second.
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let alicesLast = now.addingTimeInterval(-600), bobsLast = now.addingTimeInterval(-3600)
        _ = try await team.recordIntent(Self.purchase("held", stage: .created, invoice: "inv-held", agent: "alice@desk2", ticket: "T-9"),
                                        requestHash: "a", takingCartLines: [], at: alicesLast, leasedTo: "alice@desk2 pid 4242", for: 30)
        try await team.recordIntent(Self.purchase("free", stage: .intent, invoice: nil, agent: "bob@desk3"),
                                    requestHash: "b", takingCartLines: [], at: bobsLast)
        try await team.recordIntent(Self.purchase("earlier", stage: .settled, invoice: "inv-earlier", agent: "alice@desk2"),
                                    requestHash: "c", takingCartLines: [], at: now.addingTimeInterval(-7200))
        try await team.recordIntent(Self.purchase("last-week", stage: .settled, invoice: "inv-old", agent: "carol@desk4"),
                                    requestHash: "d", takingCartLines: [], at: now.addingTimeInterval(-7 * 86_400))

        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("BITREFILL_") && !$0.key.hasPrefix("STOREFRONT_") }
        environment["STOREFRONT_DATA_DIR"] = folder.appendingPathComponent("data").path
        environment["STOREFRONT_DATABASE_URL"] = urlText
        environment["STOREFRONT_TEAM_KEY_FILE"] = keyFile.path
        environment["STOREFRONT_AGENT"] = "dan@desk5"
        let result = try await ChildProcess.run(CommandLineTests.binary, ["team", "status", "--json"], environment: environment, timeout: 120)
        #expect(!result.timedOut)
        #expect(result.status == 0, "\(result.stderr)")

        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        let status = try decoder.decode(Status.self, from: Data(result.stdout.utf8))
        #expect(status.serverVersion.first?.isNumber == true, "\(status.serverVersion)")
        #expect(status.schemaVersion == TeamSchema.version)
        #expect(status.expectedSchemaVersion == TeamSchema.version)
        #expect(status.agents == [Status.Agent(agent: "alice@desk2", lastSeen: alicesLast), Status.Agent(agent: "bob@desk3", lastSeen: bobsLast)],
                "the last 24 hours, each at their latest write")
        #expect(status.inFlight.map(\.purchase) == ["held", "free"])
        let held = try #require(status.inFlight.first)
        #expect(held == Status.InFlight(purchase: "held", stage: "created", agent: "alice@desk2", ticket: "T-9", invoice: "inv-held",
                                        leaseHolder: "alice@desk2 pid 4242", leaseSecondsLeft: held.leaseSecondsLeft))
        #expect((1...30).contains(held.leaseSecondsLeft ?? 0), "by the database's clock: \(String(describing: held.leaseSecondsLeft))")
        #expect(status.inFlight.last == Status.InFlight(purchase: "free", stage: "intent", agent: "bob@desk3", ticket: nil, invoice: nil,
                                                        leaseHolder: nil, leaseSecondsLeft: nil))

        // A script sees every key, null when there is nothing to say, and nothing of an order.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let free = try #require((object["in_flight"] as? [[String: Any]])?.last)
        #expect(Set(free.keys) == ["purchase", "stage", "agent", "ticket", "invoice", "created", "lease_holder", "lease_seconds_left"])
        #expect(free["lease_holder"] is NSNull && free["lease_seconds_left"] is NSNull && free["ticket"] is NSNull)
        #expect(object["spooled"] as? Int == 0, "nothing waits in this data directory's spool")
        #expect(object["database"] as? String == "\(server.socketDirectory)/\(database)", "where, never a password")
        for secret in [Self.code, Self.pin, Self.link] { #expect(!result.stdout.contains(secret), "\(result.stdout)") }
        #expect(result.stdout.contains("\n  \""), "pretty-printed like every other --json document")
    }
}
