import Foundation
import QREncoding
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The full-screen QR (`Q`) at the window sizes a demo gets, read back from the screen cells module by module,
/// and where zbarimg is installed, decoded from a picture of those cells.
@Suite struct FullScreenQRTests {
    /// The shape the sandbox and mainnet give: a 42-character bech32 address and an amount in BTC.
    static let bitcoin = "bitcoin:bc1q6298p3avpqhc5440nrqnlmzxq5m8vczv4e0pd5?amount=0.00016667"
    static let lpa = "LPA:1$smdp.sandbox.example$K2-1Y5J7A-16PPL1C"
    /// BOLT11's own "1 cup coffee" example with a payment secret and features: a realistic invoice of 271
    /// characters (wallet invoices with route hints run longer).
    static let bolt11 = "lightning:lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5"
        + "rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp"
        + "53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh"
    /// The embedded sandbox's invoice: `lnbc<amount>n1p` and 180 bech32 characters.
    static let sandboxLightning = "lightning:lnbc166670n1p" + String(repeating: "qpzry9x8gf2tvdw0s3jn54khce6mua7l", count: 6).prefix(180)

    static func draw(_ payload: String, width: Int, height: Int) throws -> (ScreenBuffer, QRMatrix, QRDrawResult) {
        let matrix = try QREncoder.encode(QRPayload.scannable(payload))
        var buffer = ScreenBuffer(width: width, height: height)
        let result = buffer.drawFullScreenQR(matrix, modes: [.full, .half], notes: ["Amount  0.00016667 BTC"], hint: "Q or Esc: back")
        return (buffer, matrix, result)
    }

    static func lines(_ buffer: ScreenBuffer, _ code: Rect) -> [String] {
        (code.y..<code.maxY).map { y in (code.x..<code.maxX).map { buffer[$0, y].text }.joined() }
    }

    @Test(arguments: [bitcoin, lpa])
    func bitcoinAndLPACodesFillAn80x24WindowInHalfBlocksAndReadBack(payload: String) throws {
        let (buffer, matrix, result) = try Self.draw(payload, width: 80, height: 24)
        guard case .drawn(let code) = result else {
            Issue.record("\(payload) should fit at 80×24: \(result)")
            return
        }
        QRRenderingAgainstMatrixTests.expectMatches(Self.lines(buffer, code), matrix, mode: .half)
        #expect(buffer.text.contains("Amount  0.00016667 BTC"), "the payload's parts go under the code when they fit")
        if let decoded = ZBar.decode(Self.lines(buffer, code)) { #expect(decoded == payload) }
    }

    @Test func aCodeThatFitsInFullBlocksIsDrawnLarger() throws {
        let (buffer, matrix, result) = try Self.draw(Self.lpa, width: 120, height: 40)
        guard case .drawn(let code) = result else {
            Issue.record("the LPA code should fit at 120×40: \(result)")
            return
        }
        QRRenderingAgainstMatrixTests.expectMatches(Self.lines(buffer, code), matrix, mode: .full)
    }

    /// No BOLT11 invoice of a realistic length fits at 80×24: 24 rows hold 48 module rows, a version 5 code
    /// (37 modules) with its quiet zone, which carries at most 154 capital letters. The message names the window.
    @Test(arguments: [(bolt11, 61, 31), (sandboxLightning, 53, 27)])
    func aLightningInvoiceNamesTheWindowItNeedsAndScansThere(payload: String, columns: Int, rows: Int) throws {
        let (_, _, small) = try Self.draw(payload, width: 80, height: 24)
        guard case .tooSmall(let shortfall) = small else {
            Issue.record("a \(payload.count)-character invoice cannot fit at 80×24: \(small)")
            return
        }
        #expect(shortfall.windowNeeded == .init(columns: 80, rows: rows))
        #expect(shortfall.message.contains("it needs a window of at least 80×\(rows), this one is 80×24"))
        let (buffer, matrix, result) = try Self.draw(payload, width: columns, height: rows)
        guard case .drawn(let code) = result else {
            Issue.record("\(columns)×\(rows) should fit it: \(result)")
            return
        }
        QRRenderingAgainstMatrixTests.expectMatches(Self.lines(buffer, code), matrix, mode: .half)
        if let decoded = ZBar.decode(Self.lines(buffer, code)) { #expect(decoded == payload.uppercased()) }
        for (width, height) in [(columns - 1, rows), (columns, rows - 1)] {
            let (_, _, tooSmall) = try Self.draw(payload, width: width, height: height)
            #expect(tooSmall != result, "\(width)×\(height) is too small")
            if case .drawn = tooSmall { Issue.record("\(width)×\(height) should be too small") }
        }
    }

    @Test func capitalsMakeALightningCodeSmallerAndTheLowestCorrectionKeepsItSmallest() throws {
        let lower = try QREncoder.encode(Self.bolt11)
        let upper = try QREncoder.encode(QRPayload.scannable(Self.bolt11))
        #expect(QRPayload.scannable(Self.bolt11) == Self.bolt11.uppercased())
        #expect(upper.size < lower.size)
        #expect(try QREncoder.encode(Self.bitcoin).size <= QREncoder.encode(Self.bitcoin, minimum: .medium).size)
        #expect(QRPayload.scannable(Self.bitcoin) == Self.bitcoin, "only lightning: URIs are upper-cased")
        #expect(QRPayload.scannable(Self.lpa) == Self.lpa)
    }
}
