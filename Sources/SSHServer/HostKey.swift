import Crypto
import Foundation
import NIOSSH

/// The server's Ed25519 host key, kept as an unencrypted OpenSSH private key file (0600) so `ssh-keygen -lf`
/// shows the same fingerprint the server prints, and an operator can bring a key made by `ssh-keygen`.
public struct HostKey: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public let privateKey: Curve25519.Signing.PrivateKey

    public var nioKey: NIOSSHPrivateKey { NIOSSHPrivateKey(ed25519Key: privateKey) }
    public var publicBlob: [UInt8] { OpenSSHKeyFile.ed25519PublicBlob(Array(privateKey.publicKey.rawRepresentation)) }
    public var fingerprint: String { KeyFingerprint.of(wireBlob: publicBlob) }
    public var openSSHPublicKey: String { "ssh-ed25519 " + Data(publicBlob).base64EncodedString() }

    /// Reads the key at `path`, or makes one there (and `path.pub`) if there is none; `created` says which.
    public static func loadOrCreate(at path: String) throws -> (key: HostKey, created: Bool) {
        if FileManager.default.fileExists(atPath: path) {
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw Failure(description: "Cannot read the host key \(path): \(error.localizedDescription).")
            }
            do {
                return (HostKey(privateKey: try .init(rawRepresentation: try OpenSSHKeyFile.ed25519Seed(fromPEM: text))), false)
            } catch let failure as Failure {
                throw Failure(description: "The host key \(path) is not usable: \(failure.description)")
            }
        }
        let key = HostKey(privateKey: .init())
        let seed = Array(key.privateKey.rawRepresentation)
        let pem = OpenSSHKeyFile.ed25519PEM(seed: seed, publicKey: Array(key.privateKey.publicKey.rawRepresentation),
                                            comment: "storefront-ssh-host", checkInt: UInt32.random(in: 0...UInt32.max))
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            guard FileManager.default.createFile(atPath: path, contents: Data(pem.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw Failure(description: "Cannot write the host key \(path); check the directory's permissions.")
            }
            try (key.openSSHPublicKey + " storefront-ssh-host\n").write(toFile: path + ".pub", atomically: true, encoding: .utf8)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "Cannot write the host key \(path): \(error.localizedDescription).")
        }
        return (key, true)
    }
}
