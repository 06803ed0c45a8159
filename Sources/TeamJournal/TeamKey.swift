import Crypto
import Foundation

/// The team key: 32 random bytes in a file kept outside the database (`STOREFRONT_TEAM_KEY_FILE`, 0600). Codes,
/// PINs, links and every other secret a purchase's orders carry are sealed with it (AES-GCM) before they reach the
/// team database, so a dump, a backup or a DBA sees no code. Lost, the sealed orders cannot be read by anyone.
public struct TeamKey: Sendable {
    public static let byteCount = 32
    let key: SymmetricKey

    public init(bytes: some ContiguousBytes) throws(TeamKeyError) {
        let count = bytes.withUnsafeBytes(\.count)
        guard count == Self.byteCount else { throw .wrongLength(count) }
        key = SymmetricKey(data: bytes)
    }

    /// Reads the key file, which must hold exactly 32 bytes and be readable by its owner only.
    public static func load(from url: URL) throws(TeamKeyError) -> TeamKey {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let data = FileManager.default.contents(atPath: url.path) else { throw .unreadable(url.path) }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 { throw .tooOpen(url.path, mode) }
        do {
            return try TeamKey(bytes: data)
        } catch {
            throw .notAKey(url.path, data.count)
        }
    }

    /// Writes a new random key to `url`, 0600; refuses to replace a file already there (it may be the only key
    /// to a team's codes).
    public static func create(at url: URL) throws(TeamKeyError) -> TeamKey {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw errno == EEXIST ? .exists(url.path) : .unwritable(url.path, String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else { throw .unwritable(url.path, String(cString: strerror(errno))) }
        return try TeamKey(bytes: bytes)
    }

    /// Seals `text` with a fresh random nonce, bound to the purchase it belongs to (`purchaseId` as associated
    /// data: a sealed value copied onto another purchase does not open). Base64 of nonce, ciphertext and tag.
    func seal(_ text: String, purchaseId: String) throws -> String {
        try AES.GCM.seal(Data(text.utf8), using: key, authenticating: Data(purchaseId.utf8)).combined!.base64EncodedString()
    }

    func unseal(_ sealed: String, purchaseId: String) throws -> String {
        guard let data = Data(base64Encoded: sealed) else { throw TeamKeyError.cannotOpen(purchaseId) }
        do {
            let box = try AES.GCM.SealedBox(combined: data)
            return String(decoding: try AES.GCM.open(box, using: key, authenticating: Data(purchaseId.utf8)), as: UTF8.self)
        } catch {
            throw TeamKeyError.cannotOpen(purchaseId)
        }
    }
}

public enum TeamKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    case wrongLength(Int)
    case unreadable(String)
    case tooOpen(String, Int)
    case notAKey(String, Int)
    case exists(String)
    case unwritable(String, String)
    case cannotOpen(String)

    public var description: String {
        switch self {
        case .wrongLength(let count): "a team key is \(TeamKey.byteCount) bytes, not \(count)"
        case .unreadable(let path): "cannot read the team key file \(path): `storefront team init` makes one; every agent needs a copy"
        case .tooOpen(let path, let mode):
            "the team key file \(path) is readable by others (mode \(String(mode & 0o777, radix: 8))): chmod 600 '\(path)'"
        case .notAKey(let path, let count):
            "\(path) holds \(count) bytes, not a \(TeamKey.byteCount)-byte team key: point STOREFRONT_TEAM_KEY_FILE at the file `storefront team init` made"
        case .exists(let path): "\(path) already exists and was left as it is: it may be the only key to the team's codes"
        case .unwritable(let path, let reason): "cannot write the team key file \(path): \(reason)"
        case .cannotOpen(let id):
            "the codes of purchase \(id) do not open with this team key: every agent must use the key `storefront team init` made for this database"
        }
    }
}
