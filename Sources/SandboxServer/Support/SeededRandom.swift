import StorefrontDomain


/// One named stream of `SplitMix64` for the sandbox.
///
/// The sandbox draws everything random from these (catalog, ids, codes, faults) and never from the system
/// generator, and maps the raw numbers itself instead of using the standard library's `random(in:using:)`,
/// whose algorithm is not promised to stay the same: the same seed must give the same bytes on every build.
struct SeededRandom: Sendable {
    private var generator: SplitMix64

    /// A generator for one independent stream, e.g. "faults" or "store", derived from the main seed.
    init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        generator = SplitMix64(seed: seed ^ hash)
    }

    mutating func next() -> UInt64 {
        generator.next()
    }

    /// A uniform integer in `range` (the tiny modulo bias does not matter here).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % span)
    }

    /// A uniform value in 0..<1.
    mutating func unit() -> Double {
        generator.unit()
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    mutating func pick<T>(_ elements: [T]) -> T {
        elements[int(in: 0...(elements.count - 1))]
    }

    /// `count` distinct elements, in their original order (a partial Fisher-Yates over the positions).
    mutating func sample<T>(_ elements: [T], count: Int) -> [T] {
        var indices = Array(elements.indices)
        let wanted = min(count, elements.count)
        for position in 0..<wanted {
            indices.swapAt(position, int(in: position...(indices.count - 1)))
        }
        return indices.prefix(wanted).sorted().map { elements[$0] }
    }

    mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, int(in: 0...index))
        }
    }

    /// `count` characters drawn from `alphabet`.
    mutating func string(from alphabet: [Character], count: Int) -> String {
        String((0..<count).map { _ in pick(alphabet) })
    }

    static let digits = Array("0123456789")
    static let upperAlphanumerics = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
    static let lowerHex = Array("0123456789abcdef")
    static let base58 = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
    static let bech32 = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l")
}
