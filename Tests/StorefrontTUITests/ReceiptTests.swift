import Foundation
import StorefrontDomain
import StorefrontTUI
import Testing

@Suite struct ReceiptTests {
    static let esimPurchase = Purchase(
        id: "p1", createdAt: Date(timeIntervalSince1970: 1_800_000_000), source: "test", kind: .esim,
        lines: [PurchaseLine(productId: "test-esim", productName: "Test eSIM", faceValue: "1GB, 7 Days",
                             denomination: .package(id: "1GB"), quantity: 1)],
        paymentMethod: .balance, autoPay: true, stage: .settled, invoiceId: "inv-1", invoiceStatus: .allDelivered,
        payment: PaymentDue(amount: Money(minorUnits: 16667, currency: .btc)),
        orders: [
            PurchaseOrder(id: "o1", productName: "Test eSIM", value: "1GB, 7 Days", status: .delivered,
                          redemption: Redemption(code: "SBX-AAAAA-BBBBB", pin: "1234",
                                                 instructions: "Scan the QR code\u{1B}[31m from your settings.",
                                                 barcodeFormat: "QRCODE", barcodeValue: "LPA:1$smdp.example$SBX-AAAAA-BBBBB",
                                                 expirationDate: "2027-01-15", extraFields: ["iccid": "8988247000000000019"])),
            PurchaseOrder(id: "o2", productName: "Test Phone Refill", value: "10 USD", status: .delivered, phoneNumber: "+4915112345678"),
        ]
    )

    @Test func aReceiptHoldsWhatTheCustomerNeedsWithTheESIMQRAsText() {
        let text = Receipt.text(for: Self.esimPurchase) { _ in QRMatrix(size: 1, modules: [true]) }
        for expected in ["Invoice   inv-1", "Test eSIM 1GB, 7 Days", "Code          SBX-AAAAA-BBBBB", "PIN           1234",
                         "Expires       2027-01-15", "eSIM (ICCID)  8988247000000000019", "SM-DP+        smdp.example",
                         "Activation    SBX-AAAAA-BBBBB", "    ▀    ", "Phone         +4915112345678",
                         "Instructions  Scan the QR code from your settings."] {
            #expect(text.contains(expected), "missing \(expected) in\n\(text)")
        }
        #expect(!text.contains("\u{1B}"), "server text is sanitised")
    }

    @Test func aReceiptNamesTheAgentWhoBoughtAndTheTicket() {
        var purchase = Self.esimPurchase
        #expect(!Receipt.text(for: purchase) { _ in nil }.contains("Agent"), "a purchase from before agents were recorded names none")
        purchase.agent = "alice@laptop (SHA256:qD2c)"
        purchase.ticket = "T-123"
        let text = Receipt.text(for: purchase) { _ in nil }
        #expect(text.contains("Agent     alice@laptop (SHA256:qD2c)"), "\(text)")
        #expect(text.contains("Ticket    T-123"), "\(text)")
    }

    @Test func theReceiptFileNameIsSafeAsAPathComponent() {
        var purchase = Self.esimPurchase
        purchase.invoiceId = "../../etc/passwd"
        #expect(Receipt.fileName(for: purchase) == "receipt-______etc_passwd.txt")
    }

    @Test func historyCSVHasAmountsMethodsPhonesAndICCIDsWithCodesMasked() {
        let csv = HistoryCSV.text([Self.esimPurchase])
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 3)
        #expect(rows[0] == HistoryCSV.header.joined(separator: ","))
        // Two orders of one invoice, prices unknown: the total in two shares, not the total twice.
        #expect(rows[1].contains(",balance,0.00008334,BTC,,,Test eSIM,\"1GB, 7 Days\",,8988247000000000019,o1,delivered,********BBBB"))
        #expect(rows[2].contains(",balance,0.00008333,BTC,,,Test Phone Refill,") && rows[2].contains("+4915112345678"))
        #expect(!csv.contains("SBX-AAAAA-BBBBB"), "codes are masked")
    }

    @Test func aCSVFieldThatLooksLikeAFormulaIsDefused() {
        var purchase = Self.esimPurchase
        purchase.orders = [PurchaseOrder(id: "o", productName: "=HYPERLINK(\"x\")", status: .delivered)]
        #expect(HistoryCSV.text([purchase]).contains("\"'=HYPERLINK(\"\"x\"\")\""))
    }
}
