import Crypto
import Foundation

/// PostgreSQL's SCRAM-SHA-256 password verifier (`SCRAM-SHA-256$4096:SALT$STOREDKEY:SERVERKEY`, RFC 5802/7677), made
/// here so `CREATE ROLE ... PASSWORD` sends the verifier and the password itself never reaches the server, its logs or
/// `pg_stat_activity`. For ASCII passwords (ours are), where SASLprep changes nothing.
public enum ScramVerifier {
    static let iterations = 4096

    /// A verifier of `password` under a new random 16-byte salt.
    public static func make(password: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return make(password: password, salt: salt, iterations: iterations)
    }

    static func make(password: String, salt: [UInt8], iterations: Int) -> String {
        let salted = saltedPassword(password, salt: salt, iterations: iterations)
        let clientKey = HMAC<SHA256>.authenticationCode(for: Data("Client Key".utf8), using: salted)
        let storedKey = SHA256.hash(data: Data(clientKey))
        let serverKey = HMAC<SHA256>.authenticationCode(for: Data("Server Key".utf8), using: salted)
        return "SCRAM-SHA-256$\(iterations):\(Data(salt).base64EncodedString())$"
            + "\(Data(storedKey).base64EncodedString()):\(Data(serverKey).base64EncodedString())"
    }

    /// Whether `verifier` (as `pg_authid.rolpassword` holds it) was made from `password`.
    public static func matches(_ verifier: String, password: String) -> Bool {
        let parts = verifier.split(separator: "$")
        guard parts.count == 3, parts[0] == "SCRAM-SHA-256" else { return false }
        let head = parts[1].split(separator: ":")
        guard head.count == 2, let iterations = Int(head[0]), iterations > 0,
              let salt = Data(base64Encoded: String(head[1])) else { return false }
        return make(password: password, salt: [UInt8](salt), iterations: iterations) == verifier
    }

    /// PBKDF2-HMAC-SHA-256 for one 32-byte block: SCRAM's `Hi(password, salt, i)`.
    private static func saltedPassword(_ password: String, salt: [UInt8], iterations: Int) -> SymmetricKey {
        let key = SymmetricKey(data: Data(password.utf8))
        var block = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var result = block
        for _ in 1..<iterations {
            block = Array(HMAC<SHA256>.authenticationCode(for: block, using: key))
            for index in result.indices { result[index] ^= block[index] }
        }
        return SymmetricKey(data: result)
    }
}
