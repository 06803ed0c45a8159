/// A status or kind the server names with a word, where the server may add words we have never seen.
///
/// Decoding an unknown word yields `.unknown(word)` instead of failing, so a new status from the live API is
/// shown to the user rather than crashing a purchase that is in flight.
public protocol OpenEnumeration: Codable, Hashable, Sendable, CustomStringConvertible {
    /// The word the API uses.
    var rawValue: String { get }
    init(rawValue: String)
    /// Every named case, so that `init(rawValue:)` can find the one a word stands for.
    static var knownCases: [Self] { get }
    static func unknown(_ word: String) -> Self
}

extension OpenEnumeration {
    /// Looks the word up among the known cases; kept out of `init(rawValue:)` so each type can satisfy it.
    public static func named(_ word: String) -> Self {
        knownCases.first { $0.rawValue == word } ?? .unknown(word)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(rawValue: try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
