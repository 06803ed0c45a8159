import Foundation
import QREncoding
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// A receipt is read with `cat` or an editor on whatever terminal the customer or agent has. Its eSIM QR is drawn
/// twice: ink on the light modules for a dark screen (with the quiet zone inked too, since the screen around it
/// is dark), and ink on the dark modules for paper or a light screen. zbarimg reads each where it is meant to be.
@Suite struct ReceiptQRTests {
    static let lpa = "LPA:1$smdp.sandbox.example$K2-1Y5J7A-16PPL1C"

    static var receipt: String {
        let purchase = Purchase(
            id: "p1", createdAt: Date(timeIntervalSince1970: 1_800_000_000), source: "test", kind: .esim,
            lines: [PurchaseLine(productId: "test-esim", productName: "Test eSIM", faceValue: "1GB, 7 Days",
                                 denomination: .package(id: "1GB"), quantity: 1)],
            paymentMethod: .balance, autoPay: true, stage: .settled, invoiceId: "inv-1", invoiceStatus: .allDelivered,
            orders: [PurchaseOrder(id: "o1", productName: "Test eSIM", value: "1GB, 7 Days", status: .delivered,
                                   redemption: Redemption(barcodeFormat: "QRCODE", barcodeValue: lpa))])
        return Receipt.text(for: purchase) { try? QREncoder.encode($0) }
    }

    /// The lines of the code that follows the line containing `title`, up to the next empty line (the quiet
    /// zone's rows are blanks, not empty), without the receipt's indent of two spaces.
    static func code(after title: String, in text: String) -> [String] {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.contains(title) }) else { return [] }
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty }).map { String($0.dropFirst(2)) }
    }

    @Test func theReceiptsQRScansOnADarkScreen() throws {
        let text = Self.receipt
        let lines = Self.code(after: "dark screen", in: text)
        #expect(!lines.isEmpty, "a code for a dark screen in\n\(text)")
        guard ZBar.path != nil else { return }
        #expect(ZBar.decode(lines, lightInkOnDark: true) == Self.lpa)
    }

    @Test func theReceiptsQRScansOnPaperOrALightScreen() throws {
        let text = Self.receipt
        let lines = Self.code(after: "paper or a light screen", in: text)
        #expect(!lines.isEmpty, "a code for paper in\n\(text)")
        guard ZBar.path != nil else { return }
        #expect(ZBar.decode(lines) == Self.lpa)
    }

    /// What went wrong before: the one code drawn, ink on dark modules, shown light-on-dark, does not scan.
    @Test func aCodeInkedOnItsDarkModulesDoesNotScanOnADarkScreen() throws {
        guard ZBar.path != nil else { return }
        let matrix = try QREncoder.encode(Self.lpa)
        #expect(ZBar.decode(QRTextRenderer.lines(matrix, mode: .half), lightInkOnDark: true) == "")
        #expect(ZBar.decode(QRTextRenderer.lines(matrix, mode: .half, ink: .lightModules), lightInkOnDark: true) == Self.lpa)
    }
}
