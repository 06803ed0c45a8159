import Checkout
import Foundation
import StorefrontDomain
import Testing

@Suite struct JournalTests {
    func purchase(_ id: String, at seconds: TimeInterval, source: String = "api#a", stage: PurchaseStage = .settled,
                  invoice: String? = nil, code: String? = nil) -> Purchase {
        Purchase(id: id, createdAt: Date(timeIntervalSince1970: seconds), source: source, kind: .invoice,
                 lines: [PurchaseLine(productId: "amazon-de", productName: "Amazon DE", faceValue: "50 EUR",
                                      denomination: .package(id: "amazon-de<&>50"), quantity: 1, phoneNumber: "+4915212345678")],
                 paymentMethod: .balance, autoPay: true, stage: stage, invoiceId: invoice,
                 orders: code.map { [PurchaseOrder(id: "o-\(id)", status: .delivered, redemption: Redemption(code: $0))] } ?? [])
    }

    @Test func aDeliveredCodeSurvivesReopeningTheFileWhichStaysPrivate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(UserDatabase.fileName)
        let bought = purchase("p1", at: 100, invoice: "inv-1", code: "GIFT-1234-ABCD")
        let journal = try UserDatabase.open(at: url)
        try journal.recordIntent(bought, requestHash: "h", at: Date(timeIntervalSince1970: 100))
        let reopened = try UserDatabase.open(at: url).purchase(id: "p1")
        #expect(reopened == bought)
        #expect(reopened?.orders.first?.redemption?.code == "GIFT-1234-ABCD")
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func historyListsUnfinishedFirstThenNewestFirst() throws {
        let journal = try UserDatabase.inMemory()
        try journal.recordIntent(purchase("old", at: 100), requestHash: "a", at: .now)
        try journal.recordIntent(purchase("new", at: 300), requestHash: "b", at: .now)
        try journal.recordIntent(purchase("pending", at: 200, stage: .created, invoice: "inv-p"), requestHash: "c", at: .now)
        #expect(try journal.purchases().map(\.id) == ["pending", "new", "old"])
    }

    @Test func historySearchMatchesIdsPhonesAndTheEndOfACodeOnly() throws {
        let journal = try UserDatabase.inMemory()
        try journal.recordIntent(purchase("p1", at: 100, invoice: "inv-77", code: "GIFT-1234-ABCD"), requestHash: "a", at: .now)
        try journal.recordIntent(purchase("p2", at: 200, invoice: "inv-88"), requestHash: "b", at: .now)
        #expect(try journal.purchases(matching: "abcd").map(\.id) == ["p1"])
        #expect(try journal.purchases(matching: "inv-88").map(\.id) == ["p2"])
        #expect(try journal.purchases(matching: "+49152").count == 2)
        #expect(try journal.purchases(matching: "GIFT-12").isEmpty, "only a code's last characters are searchable")
        #expect(try journal.purchases(matching: "50%").isEmpty, "LIKE wildcards are taken literally")
    }

    /// Every value the purchase screen masks is found by the characters the mask leaves showing, as an agent reads
    /// them off the screen: a code, a PIN, a link (`https://redeem.sandbox.example/••••••••NEW9`), a barcode, an
    /// eSIM's activation code and an extra field named like a credential.
    @Test func everyMaskedValueIsFoundByWhatTheScreenShowsOfIt() throws {
        let journal = try UserDatabase.inMemory()
        let redemptions = [
            Redemption(code: "GIFT-1234-C0D3"),
            Redemption(pin: "98765P1N4"),
            Redemption(link: "https://redeem.sandbox.example/Q7XK2MNEW9"),
            Redemption(barcodeFormat: "QRCODE", barcodeValue: "BARCODE-77BAR5"),
            Redemption(barcodeFormat: "QRCODE", barcodeValue: "LPA:1$smdp.sandbox.example$ACTIV-ATE9"),
            Redemption(extraFields: ["voucher_password": "SECRET-XTR4"]),
        ]
        var shownEnds: [String: String] = [:]
        for (index, redemption) in redemptions.enumerated() {
            var bought = purchase("p\(index)", at: Double(100 + index), invoice: "inv-\(index)")
            bought.orders = [PurchaseOrder(id: "o\(index)", status: .delivered, redemption: redemption)]
            try journal.recordIntent(bought, requestHash: "h\(index)", at: .now)
            for value in PurchaseValues.values(of: bought.orders[0]) where value.isSecret {
                shownEnds[String(value.display(masked: true, ascii: false).suffix(SecretMask.visibleSuffix))] = bought.id
            }
        }
        #expect(shownEnds.count == redemptions.count)
        for (end, id) in shownEnds {
            #expect(try journal.purchases(matching: PurchaseFilter(search: end)).map(\.id) == [id], "\(end) as the screen shows it")
        }
    }

    /// A number typed as the customer says it, in national form with its trunk 0, or with 00 for +, finds the
    /// purchase made for `+44 7700 900123`; so do spaces and dashes in an international form.
    @Test func aPhoneNumberIsFoundInNationalAndInternationalForms() throws {
        let journal = try UserDatabase.inMemory()
        var refill = purchase("uk", at: 100, invoice: "inv-uk")
        refill.lines[0].phoneNumber = "+447700900123"
        try journal.recordIntent(refill, requestHash: "a", at: .now)
        try journal.recordIntent(purchase("de", at: 200, invoice: "inv-de"), requestHash: "b", at: .now)
        for typed in ["07700900123", "07700 900123", "077-0090-0123", "00447700900123", "+44 7700 900123", "+44-7700-900123", "+44 (0)7700 900123", "7700900123"] {
            #expect(try journal.purchases(matching: PurchaseFilter(search: typed)).map(\.id) == ["uk"], "typed \(typed)")
        }
        #expect(try journal.purchases(matching: "015212345678").map(\.id) == ["de"])
    }

    /// A journal written before links and national numbers were searchable is brought up to date when it opens.
    @Test func aJournalFromBeforeFindsLinksAndNumbersOnceOpened() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(UserDatabase.fileName)
        var bought = purchase("p1", at: 100, invoice: "inv-1")
        bought.orders = [PurchaseOrder(id: "o1", status: .delivered, redemption: Redemption(link: "https://redeem.sandbox.example/Q7XK2MNEW9"))]
        try UserDatabase.open(at: url).recordIntent(bought, requestHash: "h", at: .now)
        // As the journal stood before: the search text of that time, and the migration not yet run.
        let sqlite = try #require(["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite)
        process.arguments = [url.path, """
            UPDATE purchase SET search_text = 'p1 inv-1 amazon-de amazon de +4915212345678 o1';
            DELETE FROM grdb_migrations WHERE identifier = 'search every masked value';
            """]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let reopened = try UserDatabase.open(at: url)
        #expect(try reopened.purchases(matching: "NEW9").map(\.id) == ["p1"])
        #expect(try reopened.purchases(matching: "015212345678").map(\.id) == ["p1"])
    }

    /// Rebuilding the search text never stops a journal from opening: a row it cannot read keeps its old words.
    @Test func aJournalWithAnUnreadableRowStillOpensAndItsOtherRowsAreFound() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent(UserDatabase.fileName)
        var bought = purchase("p1", at: 100, invoice: "inv-1")
        bought.orders = [PurchaseOrder(id: "o1", status: .delivered, redemption: Redemption(link: "https://redeem.sandbox.example/Q7XK2MNEW9"))]
        let journal = try UserDatabase.open(at: url)
        try journal.recordIntent(bought, requestHash: "h1", at: .now)
        try journal.recordIntent(purchase("p2", at: 200, invoice: "inv-2"), requestHash: "h2", at: .now)
        let sqlite = try #require(["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite)
        process.arguments = [url.path, """
            UPDATE purchase SET search_text = 'p2 inv-2', orders_json = '[{"id": 7' WHERE id = 'p2';
            UPDATE purchase SET search_text = 'p1 inv-1' WHERE id = 'p1';
            DELETE FROM grdb_migrations WHERE identifier = 'search every masked value';
            """]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let reopened = try UserDatabase.open(at: url)
        #expect(try reopened.purchase(id: "p1")?.orders.first?.redemption?.link == "https://redeem.sandbox.example/Q7XK2MNEW9")
        #expect(try reopened.purchases(matching: "NEW9").map(\.id) == ["p1"])
    }

    @Test func theSameInvoiceIdOnTwoAPIsIsTwoPurchases() throws {
        let journal = try UserDatabase.inMemory()
        try journal.recordIntent(purchase("a", at: 100, source: "sandbox:1", invoice: "inv-1"), requestHash: "x", at: .now)
        try journal.recordIntent(purchase("b", at: 200, source: "sandbox:2", invoice: "inv-1"), requestHash: "x", at: .now)
        #expect(try journal.purchase(invoiceId: "inv-1", source: "sandbox:2")?.id == "b")
        #expect(try journal.knownInvoiceIds(source: "sandbox:1") == ["inv-1"])
    }

    @Test func onlyUnfinishedPurchasesOfTheSameAPIAreResumed() throws {
        let journal = try UserDatabase.inMemory()
        try journal.recordIntent(purchase("mine", at: 100, stage: .sending), requestHash: "a", at: .now)
        try journal.recordIntent(purchase("other", at: 100, source: "api#b", stage: .created, invoice: "i"), requestHash: "b", at: .now)
        try journal.recordIntent(purchase("done", at: 100), requestHash: "c", at: .now)
        #expect(try journal.unfinishedPurchases(source: "api#a").map(\.id) == ["mine"])
    }
}
