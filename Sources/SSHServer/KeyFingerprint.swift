import Crypto
import Foundation
import NIOSSH

/// A public key's SHA256 fingerprint, spelled as `ssh-keygen -lf` prints it (`SHA256:` and unpadded base64).
public enum KeyFingerprint {
    public static func of(wireBlob: [UInt8]) -> String {
        let digest = Data(SHA256.hash(data: wireBlob)).base64EncodedString()
        return "SHA256:" + digest.trimmingCharacters(in: CharacterSet(charactersIn: "="))
    }

    /// The fingerprint of a key as NIOSSH holds it (its OpenSSH line carries the wire blob in base64).
    public static func of(_ key: NIOSSHPublicKey) -> String {
        let line = String(openSSHPublicKey: key)
        let parts = line.split(separator: " ")
        guard parts.count >= 2, let blob = Data(base64Encoded: String(parts[1])) else { return "SHA256:?" }
        return of(wireBlob: Array(blob))
    }
}
