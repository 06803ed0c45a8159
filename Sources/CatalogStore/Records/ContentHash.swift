/// A 64-bit FNV-1a hash, stable across runs and machines (Swift's `Hasher` is seeded per process, so it cannot
/// be stored). Fields are separated so that ("ab", "c") and ("a", "bc") hash differently.
struct ContentHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String?) {
        if let text {
            for byte in text.utf8 { mix(byte) }
        } else {
            mix(0x00)
        }
        mix(0x1F)
    }

    mutating func add(_ number: Int64?) {
        add(number.map { String($0) })
    }

    mutating func add(_ flag: Bool) {
        mix(flag ? 0x31 : 0x30)
        mix(0x1F)
    }

    /// Marks the end of a list, so that moving an element from one list to the next changes the hash.
    mutating func endList() {
        mix(0x1E)
    }

    var signed: Int64 { Int64(bitPattern: value) }

    private mutating func mix(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
}
