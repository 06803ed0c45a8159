import BitrefillAPI
import Foundation
import StorefrontDomain
import Testing

/// The Account screen in a whole session: the server's invoices, whoever made them, beside what this data
/// directory bought (issue 12).
@Suite struct AccountSessionTests {
    /// `POST /invoices` straight to the session's sandbox, as a colleague's script would: the journal never hears of it.
    func createInvoiceOverHTTP(_ store: HeadlessStorefront, body: String) async throws {
        let configuration = store.connection.client.configuration
        guard case .bearer(let key) = configuration.credentials else {
            Issue.record("the embedded sandbox is reached with a bearer key")
            return
        }
        let request = HTTPRequestData(method: "POST", url: configuration.baseURL.appendingPathComponent("invoices"),
                                      headers: [("Authorization", "Bearer \(key)"), ("Content-Type", "application/json")],
                                      body: Data(body.utf8), timeout: .seconds(120))
        let response = try await HTTPTransport.asyncHTTPClient().send(request)
        #expect(response.status == 200, "POST /invoices answered \(response.status)")
    }

    /// The list's rows: inside the pane, with an amount (the status bar's balance is outside it).
    static func invoiceRows(_ screen: String) -> [Substring] {
        screen.split(separator: "\n").filter { $0.hasPrefix("│") && $0.contains(" BTC ") }
    }

    @Test func theAccountListsInvoicesMadeElsewhereBesideTheOneMadeHereAndFiltersByPhone() async throws {
        let store = try await HeadlessStorefront.start()
        defer { try? FileManager.default.removeItem(at: store.dataDirectory.url) }
        let buying = BuyingSessionTests()
        try await buying.reviewTestGiftCard(store)
        store.keys(.enter)
        try await store.waitFor("from the balance? y/n")
        store.keys(.character("y"))
        try await store.waitFor("Delivered")

        try await createInvoiceOverHTTP(store, body: #"{"products": [{"product_id": "test-gift-card-code", "value": 50}], "payment_method": "balance", "auto_pay": true}"#)
        try await createInvoiceOverHTTP(store, body: #"{"products": [{"product_id": "test-phone-refill", "value": 5, "phone_number": "+4915112345678"}], "payment_method": "balance", "auto_pay": true}"#)

        store.keys(.character("A"))
        let listed = try await store.waitFor("Account · 3 invoices")
        let rows = Self.invoiceRows(listed)
        #expect(rows.count == 3, "three invoices: \(rows)")
        #expect(rows.filter { $0.contains("●") }.count == 1, "only the purchase made here is marked")

        store.keys(.character("/"))
        store.type("15112345678")
        let filtered = try await store.waitUntil("only the phone top-up is left") { frame in
            Self.invoiceRows(frame.text).count == 1
        }
        #expect(filtered.text.contains("Test Phone Refil"))
        try await store.quit()
    }
}
