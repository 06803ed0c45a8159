import Foundation
import QREncoding
import StorefrontDomain
import StorefrontTUI

/// Writes a purchase's receipt (`Receipt`) to a file only its owner can read (0600): it holds codes in full.
public enum ReceiptFile {
    /// Writes the receipt to `path`, or into `directory` under `Receipt.fileName(for:)`; answers where.
    public static func write(_ purchase: Purchase, to path: URL? = nil, in directory: DataDirectory) throws(ConfigurationError) -> URL {
        let url = path ?? directory.file(Receipt.fileName(for: purchase))
        if path == nil { try directory.prepare() }
        let text = Receipt.text(for: purchase) { payload in try? QREncoder.encode(payload) }
        try writePrivately(Data(text.utf8), to: url)
        return url
    }

    /// Creates or replaces a file owner-only, even when it existed with wider permissions; never follows a
    /// symbolic link planted at that path.
    static func writePrivately(_ data: Data, to url: URL) throws(ConfigurationError) {
        let path = url.path
        let descriptor = open(path, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw ConfigurationError("Cannot write \(path): \(String(cString: strerror(errno))).")
        }
        defer { close(descriptor) }
        _ = fchmod(descriptor, 0o600)
        let written = data.withUnsafeBytes { buffer in
            buffer.baseAddress.map { Foundation.write(descriptor, $0, buffer.count) } ?? 0
        }
        guard written == data.count else {
            throw ConfigurationError("\(path) was not written in full: \(String(cString: strerror(errno))).")
        }
    }
}
