import Foundation
import StorefrontDomain

/// Every product a listing shows, held compactly for writing out at the speed of the disk: the text of all rows
/// in one byte buffer, and per product where each field lies in it. Fields are the cache's UTF-8 as stored
/// (sanitised when written, except `id`, kept as the API sent it), never decoded into a `String` per cell.
///
/// The same content as the `ProductSummary` values of `CatalogDatabase.forEachProduct`, in the same order;
/// range bounds are already in `Decimal`'s canonical text ("12.5", not "12.50").
public struct ProductListing: Sendable {
    /// Where a field lies in `bytes`; `count` is -1 for SQL NULL.
    public struct Span: Sendable, Hashable {
        public var start: Int32
        public var count: Int32

        public init(start: Int32, count: Int32) {
            self.start = start
            self.count = count
        }

        public static let null = Span(start: 0, count: -1)
        public var isNull: Bool { count < 0 }
    }

    public struct Entry: Sendable {
        /// The product's row in the cache (0 when read the general way).
        public var key: Int64
        public var id: Span
        public var name: Span
        /// The type's word as stored ("gift_card").
        public var type: Span
        public var countryCode: Span
        public var countryName: Span
        public var currency: Span
        public var inStock: Bool
        /// The package values in order, separated by 0x1F (which sanitised text never holds).
        public var packageValues: Span
        public var packageCount: Int32
        /// Index of the product's range in `ranges`; -1 when it has none.
        public var range: Int32
    }

    /// A range's bounds, in `Decimal`'s canonical text ("12.5", not "12.50").
    public struct RangeText: Sendable {
        public var min: Span
        public var max: Span
        public var step: Span
        public var priceRateMicros: Int64?
    }

    public internal(set) var bytes: [UInt8] = []
    public internal(set) var entries: [Entry] = []
    public internal(set) var ranges: [RangeText] = []
    /// How many products match: the count line of a table (for a search, the full-text matches).
    public internal(set) var total = 0

    public init() {}

    public func range(of entry: Entry) -> RangeText? {
        entry.range >= 0 ? ranges[Int(entry.range)] : nil
    }

    /// Room for `count` products of about `bytesEach` bytes of text, so that growing never holds two copies.
    mutating func reserve(_ count: Int, bytesEach: Int = 96) {
        entries.reserveCapacity(count)
        bytes.reserveCapacity(count * bytesEach)
    }

    /// The bytes of `span`, for the length of `body`; empty for NULL.
    @inlinable
    public func withBytes<T>(_ span: Span, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer { all in
            try body(span.isNull ? UnsafeBufferPointer(start: all.baseAddress, count: 0)
                                 : UnsafeBufferPointer(rebasing: all[Int(span.start)..<Int(span.start) + Int(span.count)]))
        }
    }

    mutating func append(_ text: String?) -> Span {
        guard let text else { return .null }
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        return Span(start: Int32(start), count: Int32(bytes.count - start))
    }

    mutating func append(_ text: UnsafeBufferPointer<UInt8>) -> Span {
        let start = bytes.count
        bytes.append(contentsOf: text)
        return Span(start: Int32(start), count: Int32(text.count))
    }

    /// A product read the general way (a small result, or a page): the same fields from its summary. Its key
    /// is not needed (only a bulk search sorts by key).
    mutating func append(summary: ProductSummary) {
        var rangeIndex: Int32 = -1
        if let range = summary.range {
            rangeIndex = Int32(ranges.count)
            ranges.append(RangeText(min: append("\(range.min)"), max: append("\(range.max)"), step: append("\(range.step)"),
                                    priceRateMicros: range.priceRateMicros))
        }
        entries.append(Entry(
            key: 0, id: append(summary.id), name: append(summary.name), type: append(summary.type.rawValue),
            countryCode: append(summary.countryCode), countryName: append(summary.countryName), currency: append(summary.currency),
            inStock: summary.inStock,
            packageValues: summary.packageValues.isEmpty ? .null : append(summary.packageValues.joined(separator: "\u{1F}")),
            packageCount: Int32(summary.packageValues.count), range: rangeIndex))
    }

    /// True when `text` is what `Decimal` prints for it, as `ProductNormalizer` writes bounds: digits with no
    /// leading zero (or a lone 0), optionally a dot and digits not ending in 0, short enough to stay exact.
    static func isCanonicalDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !text.isEmpty, text.count <= 18 else { return false }
        let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9"), dot = UInt8(ascii: ".")
        let dotIndex = text.firstIndex(of: dot) ?? text.count
        let whole = text[..<dotIndex]
        guard !whole.isEmpty, whole.allSatisfy({ $0 >= zero && $0 <= nine }), whole.count == 1 || whole.first != zero else { return false }
        guard dotIndex < text.count else { return true }
        let fraction = text[(dotIndex + 1)...]
        return !fraction.isEmpty && fraction.allSatisfy { $0 >= zero && $0 <= nine } && fraction.last != zero
    }
}
