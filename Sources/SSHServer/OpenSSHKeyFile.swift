import Foundation

/// The `openssh-key-v1` private key format (unencrypted, one Ed25519 key), as PROTOCOL.key describes it.
enum OpenSSHKeyFile {
    static let magic = Array("openssh-key-v1".utf8) + [0]
    static let begin = "-----BEGIN OPENSSH PRIVATE KEY-----"
    static let end = "-----END OPENSSH PRIVATE KEY-----"

    static func ed25519PublicBlob(_ publicKey: [UInt8]) -> [UInt8] {
        var blob: [UInt8] = []
        blob.appendString(Array("ssh-ed25519".utf8))
        blob.appendString(publicKey)
        return blob
    }

    static func ed25519PEM(seed: [UInt8], publicKey: [UInt8], comment: String, checkInt: UInt32) -> String {
        var secret: [UInt8] = []
        secret.appendUInt32(checkInt)
        secret.appendUInt32(checkInt)
        secret.appendString(Array("ssh-ed25519".utf8))
        secret.appendString(publicKey)
        secret.appendString(seed + publicKey)
        secret.appendString(Array(comment.utf8))
        var pad: UInt8 = 1
        while secret.count % 8 != 0 {
            secret.append(pad)
            pad += 1
        }
        var body = magic
        for field in ["none", "none", ""] { body.appendString(Array(field.utf8)) }
        body.appendUInt32(1)
        body.appendString(ed25519PublicBlob(publicKey))
        body.appendString(secret)
        let encoded = Data(body).base64EncodedString()
        var lines: [String] = [begin]
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let next = encoded.index(index, offsetBy: 70, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<next]))
            index = next
        }
        lines.append(end)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The 32-byte Ed25519 seed of an unencrypted OpenSSH private key file.
    static func ed25519Seed(fromPEM text: String) throws -> [UInt8] {
        let base64 = text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("-----") }
            .joined()
        guard text.contains(begin), let data = Data(base64Encoded: base64) else {
            throw HostKey.Failure(description: "it is not an OpenSSH private key (ssh-keygen -t ed25519 makes one).")
        }
        var reader = Reader(bytes: Array(data))
        guard reader.take(magic.count) == magic else { throw HostKey.Failure(description: "it is not in openssh-key-v1 format.") }
        let cipher = try reader.string()
        _ = try reader.string()
        _ = try reader.string()
        guard cipher == Array("none".utf8) else {
            throw HostKey.Failure(description: "it is protected by a passphrase; the server needs an unencrypted key.")
        }
        guard try reader.uint32() == 1 else { throw HostKey.Failure(description: "it holds more than one key.") }
        _ = try reader.string()
        var secret = Reader(bytes: try reader.string())
        guard try secret.uint32() == (try secret.uint32()) else { throw HostKey.Failure(description: "its check bytes differ.") }
        guard try secret.string() == Array("ssh-ed25519".utf8) else {
            throw HostKey.Failure(description: "it is not an Ed25519 key; the host key must be Ed25519.")
        }
        _ = try secret.string()
        let secretKey = try secret.string()
        guard secretKey.count == 64 else { throw HostKey.Failure(description: "its Ed25519 secret has the wrong length.") }
        return Array(secretKey.prefix(32))
    }

    struct Reader {
        var bytes: [UInt8]
        var offset = 0

        mutating func take(_ count: Int) -> [UInt8]? {
            guard count >= 0, offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        mutating func uint32() throws -> UInt32 {
            guard let four = take(4) else { throw HostKey.Failure(description: "it is cut short.") }
            return four.reduce(0) { $0 << 8 | UInt32($1) }
        }

        mutating func string() throws -> [UInt8] {
            let length = try uint32()
            guard let value = take(Int(length)) else { throw HostKey.Failure(description: "it is cut short.") }
            return value
        }
    }
}

private extension Array where Element == UInt8 {
    mutating func appendUInt32(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    mutating func appendString(_ value: [UInt8]) {
        appendUInt32(UInt32(value.count))
        append(contentsOf: value)
    }
}
