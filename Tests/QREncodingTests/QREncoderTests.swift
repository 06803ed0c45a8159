import QREncoding
import StorefrontDomain
import Testing

@Suite struct QREncoderTests {
    @Test func encodesAnLPAStringWithFinderPatterns() throws {
        let matrix = try QREncoder.encode("LPA:1$smdp.sandbox.example$ACT-1234-5678")
        #expect(matrix.size >= 21)
        #expect((matrix.size - 17) % 4 == 0)
        // The three finder patterns: a dark 7x7 ring with a light ring inside and a dark 3x3 core.
        for (ox, oy) in [(0, 0), (matrix.size - 7, 0), (0, matrix.size - 7)] {
            #expect(matrix[ox, oy] && matrix[ox + 6, oy + 6])
            #expect(!matrix[ox + 1, oy + 1])
            #expect(matrix[ox + 3, oy + 3])
        }
        #expect(!matrix[-1, 0])
    }

    @Test func longerTextNeedsALargerCode() throws {
        let short = try QREncoder.encode("bitcoin:bc1qexample")
        let long = try QREncoder.encode(String(repeating: "lnbc1500n1pexample", count: 20))
        #expect(long.size > short.size)
    }

    @Test func emptyAndOversizedTextAreRefused() {
        #expect(throws: QREncodingError.self) { try QREncoder.encode("") }
        #expect(throws: QREncodingError.self) { try QREncoder.encode(String(repeating: "x", count: 8_000)) }
    }
}
