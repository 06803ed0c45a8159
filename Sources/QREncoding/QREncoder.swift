import CQRencode
import StorefrontDomain

/// Turns text into a QR matrix with libqrencode. The only file that touches the C library.
public enum QREncoder {
    public enum Correction: Sendable, CaseIterable, Comparable {
        case low, medium, quartile, high

        var level: QRecLevel {
            switch self {
            case .low: QR_ECLEVEL_L
            case .medium: QR_ECLEVEL_M
            case .quartile: QR_ECLEVEL_Q
            case .high: QR_ECLEVEL_H
            }
        }
    }

    /// Encodes `text` in the smallest code that holds it with at least `minimum` error correction, then raises
    /// the correction as far as that same size allows: a terminal has few cells, so size comes first and the
    /// spare room goes to robustness. Runs of digits or upper-case letters are packed in libqrencode's
    /// numeric and alphanumeric modes (case is kept, so the text decodes byte for byte as given).
    /// Throws when the text is empty or too long for any QR version.
    public static func encode(_ text: String, minimum: Correction = .low) throws(QREncodingError) -> QRMatrix {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw QREncodingError(message: "Nothing to encode: the text is empty.") }
        guard !bytes.contains(0) else { throw QREncodingError(message: "The text holds a NUL byte, which a QR code cannot carry here.") }
        guard var best = code(bytes, version: 0, correction: minimum) else {
            throw QREncodingError(message: "The text (\(bytes.count) bytes) is too long for a QR code.")
        }
        for correction in Correction.allCases where correction > minimum {
            guard let stronger = code(bytes, version: version(of: best), correction: correction), stronger.size == best.size else { break }
            best = stronger
        }
        return best
    }

    private static func version(of matrix: QRMatrix) -> Int32 { Int32((matrix.size - 17) / 4) }

    /// One libqrencode call; `version` 0 lets it pick the smallest version, a larger one is taken when needed.
    private static func code(_ bytes: [UInt8], version: Int32, correction: Correction) -> QRMatrix? {
        let terminated = bytes.map { CChar(bitPattern: $0) } + [0]
        guard let code = terminated.withUnsafeBufferPointer({ buffer in
            QRcode_encodeString(buffer.baseAddress, version, correction.level, QR_MODE_8, 1)
        }) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        // Bit 0 of each byte is the module's colour (1 = dark); the other bits are libqrencode's bookkeeping.
        let modules = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
        return QRMatrix(size: width, modules: modules)
    }
}

public struct QREncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
