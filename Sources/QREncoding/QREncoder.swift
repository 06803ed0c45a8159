import CQRencode
import StorefrontCore

/// Turns text into a QR matrix with libqrencode. The only file that touches the C library.
public enum QREncoder {
    public enum Correction: Sendable {
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

    /// Encodes `text` as 8-bit data at the smallest version that fits. Throws when it is empty or too long
    /// for any QR version.
    public static func encode(_ text: String, correction: Correction = .medium) throws(QREncodingError) -> QRMatrix {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw QREncodingError(message: "Nothing to encode: the text is empty.") }
        guard let code = bytes.withUnsafeBufferPointer({ buffer in
            QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, correction.level)
        }) else {
            throw QREncodingError(message: "The text (\(bytes.count) bytes) is too long for a QR code.")
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        // Bit 0 of each byte is the module's colour (1 = dark); the other bits are libqrencode's bookkeeping.
        let modules = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
        guard let matrix = QRMatrix(size: width, modules: modules) else {
            throw QREncodingError(message: "libqrencode returned an empty code.")
        }
        return matrix
    }
}

public struct QREncodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
