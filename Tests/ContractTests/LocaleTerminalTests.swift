import Foundation
import StorefrontTestSupport
import Testing

/// Terminals whose locale is not one this machine knows: a macOS terminal sends `LC_CTYPE=UTF-8`, a name Linux
/// lacks, and some terminals truly cannot show UTF-8. What the visitor sees, in tmux, and the QR code as a phone
/// reads it.
@Suite(.serialized, .enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
struct LocaleTerminalTests {
    typealias Session = TerminalSessionTests.Session

    /// From the review, bitcoin with a refund address, confirmed, and the code alone on the window (`Q`).
    static func fullScreenBitcoinQR(_ session: Session) async throws -> String {
        try await CheckoutTerminalTests().reviewTestGiftCard(session)
        try await session.keys("Right")
        try await session.waitFor("Bitcoin")
        try await session.keys("Enter")
        try await session.waitFor("Enter a refund address for bitcoin")
        try await session.type("bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh")
        try await session.keys("Enter")
        try await session.waitFor("paying with Bitcoin? y/n")
        try await session.keys("y")
        try await session.waitFor("Waiting for your payment")
        try await session.keys("Q")
        return try await session.waitFor("Amount")
    }

    /// Issue 18, finding 2: under `LC_CTYPE=UTF-8` the header read "All types (05,008)", `89×27` became `8927`, the
    /// separators and borders were gone, and the full-screen QR was a white box.
    @Test func aMacTerminalsLocaleNameStillGetsUnicodeAndAQRThatScansAt80x24() async throws {
        let session = try Session(width: 80, height: 24, locale: "-u LANG -u LC_ALL LC_CTYPE=UTF-8")
        let browser = try await session.waitForCatalog()
        #expect(browser.contains("·"), "the separators are drawn: \(browser)")
        #expect(browser.contains("─"), "and the borders")
        let qr = try await Self.fullScreenBitcoinQR(session)
        let decoded = ZBar.decode(qr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(decoded?.hasPrefix("bitcoin:") == true, "the code scans: \(qr)")
        try await session.keys("C-c")
    }

    /// Where the terminal truly cannot do UTF-8, the storefront draws in ASCII by itself, its QR codes in `#`.
    @Test func aTerminalWithoutUTF8GetsASCIIAndAQRInHashesThatScans() async throws {
        let session = try Session(width: 120, height: 50, locale: "-u LANG -u LC_CTYPE LC_ALL=C")
        let browser = try await session.waitForCatalog()
        #expect(browser.unicodeScalars.allSatisfy({ $0.isASCII }), "ASCII only: \(browser)")
        let qr = try await Self.fullScreenBitcoinQR(session)
        #expect(qr.unicodeScalars.allSatisfy({ $0.isASCII }), "ASCII only: \(qr)")
        let decoded = ZBar.decodeASCII(qr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        #expect(decoded?.hasPrefix("bitcoin:") == true, "the code scans: \(qr)")
        try await session.keys("C-c")
    }
}
