/// 64-bit FNV-1a: a stable, cheap fingerprint of bytes (Swift's `Hasher` is seeded per process, so it cannot be
/// stored or compared across runs). Not a secret-keeping hash.
public enum FNV1a {
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}
