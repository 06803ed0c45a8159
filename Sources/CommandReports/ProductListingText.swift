import CatalogStore
import StorefrontDomain

/// `storefront catalog list` as bytes: the table of `CatalogTables.productColumns` and the JSON array of
/// `ProductSummary`, written from a `ProductListing` without a `String` per cell.
///
/// Byte for byte what `TextTable.line(CatalogTables.productRow(summary))` and `JSONEncoder` (sorted snake_case
/// keys, slashes unescaped) give for the same products: printable ASCII, which nearly every cell is, is measured
/// and copied as it is; anything else goes through `Sanitizer`, `DisplayWidth` and `CatalogTables.shortName`.
public enum ProductListingText {
    public static func writeTable(_ listing: ProductListing, width: Int, to out: inout OutputBuffer) {
        let cells = ProductTableCells(listing)
        let table = TextTable(columns: CatalogTables.productColumns, measured: cells.measure, width: width)
        out.append(table.header + "\n" + table.rule + "\n")
        listing.bytes.withUnsafeBufferPointer { stored in
            cells.made.withUnsafeBufferPointer { made in
                for (row, entry) in listing.entries.enumerated() {
                    table.appendLine(row, entry, cells, stored: stored, made: made, to: &out)
                    out.flushIfFull()
                }
            }
        }
        out.append(ListingCount(listing).description + "\n")
        out.flush()
    }

    public static func writeJSON(_ listing: ProductListing, to out: inout OutputBuffer) {
        out.append("[")
        listing.bytes.withUnsafeBufferPointer { all in
            for (index, entry) in listing.entries.enumerated() {
                out.append(index == 0 ? "\n  " : ",\n  ")
                appendObject(entry, listing.range(of: entry), all, to: &out)
                out.flushIfFull()
            }
        }
        out.append(listing.entries.isEmpty ? "]\n" : "\n]\n")
        out.flush()
    }

    /// The keys in `JSONEncoder`'s sorted order; absent optionals left out, as it leaves them.
    private static func appendObject(_ entry: ProductListing.Entry, _ range: ProductListing.RangeText?, _ all: UnsafeBufferPointer<UInt8>,
                                     to out: inout OutputBuffer) {
        func bytes(_ span: ProductListing.Span) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: all[Int(span.start)..<Int(span.start) + Int(max(0, span.count))])
        }
        func field(_ key: String, _ span: ProductListing.Span) {
            guard !span.isNull else { return }
            out.append("\"\(key)\":")
            appendString(bytes(span), to: &out)
            out.append(UInt8(ascii: ","))
        }
        out.append(UInt8(ascii: "{"))
        field("country_code", entry.countryCode)
        field("country_name", entry.countryName)
        field("currency", entry.currency)
        field("id", entry.id)
        out.append(entry.inStock ? "\"in_stock\":true," : "\"in_stock\":false,")
        field("name", entry.name)
        out.append("\"package_values\":[")
        var first = true
        forEachPackageValue(bytes(entry.packageValues), count: entry.packageCount) { value in
            if !first { out.append(UInt8(ascii: ",")) }
            appendString(value, to: &out)
            first = false
        }
        out.append("],")
        if let range {
            out.append("\"range\":{\"max\":")
            out.append(bytes(range.max))
            out.append(",\"min\":")
            out.append(bytes(range.min))
            if let rate = range.priceRateMicros { out.append(",\"price_rate_micros\":\(rate)") }
            out.append(",\"step\":")
            out.append(bytes(range.step))
            out.append("},")
        }
        out.append("\"type\":")
        appendString(bytes(entry.type), to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// A JSON string as `JSONEncoder` writes it: quote, backslash and control characters escaped (the short
    /// forms where JSON has them, else \u00xx in lower case), everything else, slashes included, as it is.
    static func appendString(_ text: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
        out.append(UInt8(ascii: "\""))
        var plainFrom = 0
        for index in text.indices {
            let byte = text[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            out.append(UnsafeBufferPointer(rebasing: text[plainFrom..<index]))
            plainFrom = index + 1
            switch byte {
            case UInt8(ascii: "\""): out.append("\\\"")
            case UInt8(ascii: "\\"): out.append("\\\\")
            case 0x08: out.append("\\b")
            case 0x0C: out.append("\\f")
            case 0x0A: out.append("\\n")
            case 0x0D: out.append("\\r")
            case 0x09: out.append("\\t")
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append("\\u00")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        out.append(UnsafeBufferPointer(rebasing: text[plainFrom...]))
        out.append(UInt8(ascii: "\""))
    }

    /// The values of a 0x1F-joined list of `count` package values.
    static func forEachPackageValue(_ joined: UnsafeBufferPointer<UInt8>, count: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard count > 0 else { return }
        var start = 0
        for index in joined.indices where joined[index] == 0x1F {
            body(UnsafeBufferPointer(rebasing: joined[start..<index]))
            start = index + 1
        }
        body(UnsafeBufferPointer(rebasing: joined[start...]))
    }
}

/// Pass one of a table: every row's six cells measured, and the cells made for the table kept in one buffer (the
/// face values as `ProductSummary.faceValues` words them, ids that needed cleaning), so that pass two only copies
/// bytes. Per row it keeps the widths, where its face values lie and which type name it shows: about 40 bytes.
struct ProductTableCells {
    static let columns = 6
    /// The short names of the four types, then "-", "yes", "no": the first bytes of `made`.
    private static let constants = ["gift card", "top-up", "eSIM", "bill", "-", "yes", "no"]
    private static let dash = 4, yes = 5, no = 6

    private(set) var made: [UInt8] = []
    private var constantSpans: [ProductListing.Span] = []
    /// Per row and column.
    private var widths: [Int32] = []
    private var faces: [ProductListing.Span] = []
    /// Per row: an index into `constantSpans`, or -1 for a type word of its own (in `otherTypes`).
    private var typeNames: [Int8] = []
    private var otherTypes: [Int: ProductListing.Span] = [:]
    private var cleanedIDs: [Int: ProductListing.Span] = [:]
    private(set) var measure = TextTable.Measure(columns: CatalogTables.productColumns)

    init(_ listing: ProductListing) {
        let rows = listing.entries.count
        widths.reserveCapacity(rows * Self.columns)
        faces.reserveCapacity(rows)
        typeNames.reserveCapacity(rows)
        made.reserveCapacity(rows * 32)
        for constant in Self.constants {
            constantSpans.append(ProductListing.Span(start: Int32(made.count), count: Int32(constant.utf8.count)))
            made.append(contentsOf: constant.utf8)
        }
        listing.bytes.withUnsafeBufferPointer { stored in
            func text(_ span: ProductListing.Span) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: stored[Int(span.start)..<Int(span.start) + Int(max(0, span.count))])
            }
            for (row, entry) in listing.entries.enumerated() {
                let id = text(entry.id)
                if Self.isPrintableASCII(id) {
                    include(id.count)
                } else {
                    let cleaned = keep(Sanitizer.clean(String(decoding: id, as: UTF8.self)).utf8)
                    cleanedIDs[row] = cleaned
                    include(madeWidth(cleaned))
                }
                include(Self.width(of: text(entry.name)))
                let type = Self.typeName(text(entry.type))
                typeNames.append(Int8(type ?? -1))
                if let type {
                    include(Self.constants[type].utf8.count)
                } else {
                    let name = keep(CatalogTables.shortName(ProductType(rawValue: String(decoding: text(entry.type), as: UTF8.self))).utf8)
                    otherTypes[row] = name
                    include(madeWidth(name))
                }
                include(entry.countryCode.isNull ? 1 : Self.width(of: text(entry.countryCode)))
                include(entry.inStock ? 3 : 2)
                let start = made.count
                Self.appendFaceValues(entry, listing.range(of: entry), text, to: &made)
                let face = ProductListing.Span(start: Int32(start), count: Int32(made.count - start))
                faces.append(face)
                include(madeWidth(face))
            }
        }
    }

    /// The bytes of `column` in `row`; `stored` and `made` are the listing's bytes and `made`.
    func cell(_ row: Int, _ column: Int, _ entry: ProductListing.Entry, stored: UnsafeBufferPointer<UInt8>,
              made: UnsafeBufferPointer<UInt8>) -> (bytes: UnsafeBufferPointer<UInt8>, width: Int) {
        func slice(_ span: ProductListing.Span, _ buffer: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: buffer[Int(span.start)..<Int(span.start) + Int(max(0, span.count))])
        }
        let bytes: UnsafeBufferPointer<UInt8>
        switch column {
        case 0: bytes = cleanedIDs[row].map { slice($0, made) } ?? slice(entry.id, stored)
        case 1: bytes = slice(entry.name, stored)
        case 2: bytes = typeNames[row] >= 0 ? slice(constantSpans[Int(typeNames[row])], made) : slice(otherTypes[row] ?? .null, made)
        case 3: bytes = entry.countryCode.isNull ? slice(constantSpans[Self.dash], made) : slice(entry.countryCode, stored)
        case 4: bytes = slice(constantSpans[entry.inStock ? Self.yes : Self.no], made)
        default: bytes = slice(faces[row], made)
        }
        return (bytes, Int(widths[row * Self.columns + column]))
    }

    private mutating func include(_ width: Int) {
        let column = widths.count % Self.columns
        widths.append(Int32(clamping: width))
        measure.include(width: width, column: column)
    }

    /// Appends `text` to `made`.
    private mutating func keep(_ text: String.UTF8View) -> ProductListing.Span {
        let start = made.count
        made.append(contentsOf: text)
        return ProductListing.Span(start: Int32(start), count: Int32(made.count - start))
    }

    private func madeWidth(_ span: ProductListing.Span) -> Int {
        made.withUnsafeBufferPointer { Self.width(of: UnsafeBufferPointer(rebasing: $0[Int(span.start)..<Int(span.start) + Int(span.count)])) }
    }

    /// Columns of sanitised text: its length when printable ASCII, as nearly every cell is.
    static func width(of text: UnsafeBufferPointer<UInt8>) -> Int {
        isPrintableASCII(text) ? text.count : DisplayWidth.of(String(decoding: text, as: UTF8.self))
    }

    /// `CatalogTables.shortName` of the four types the cache holds, as an index into `constants`; nil for another
    /// word, named the general way.
    static func typeName(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        if word.elementsEqual("gift_card".utf8) { return 0 }
        if word.elementsEqual("phone_refill".utf8) { return 1 }
        if word.elementsEqual("esim".utf8) { return 2 }
        if word.elementsEqual("bill_payment".utf8) { return 3 }
        return nil
    }

    /// `ProductSummary.faceValues`: "10 to 500 USD", "25, 50, 100 EUR", "1GB, 7 Days / 3GB, 30 Days (+2 more)".
    static func appendFaceValues(_ entry: ProductListing.Entry, _ range: ProductListing.RangeText?,
                                 _ text: (ProductListing.Span) -> UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let start = bytes.count
        func appendUnit() {
            guard !entry.currency.isNull else { return }
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: text(entry.currency))
        }
        if let range {
            bytes.append(contentsOf: text(range.min))
            bytes.append(contentsOf: " to ".utf8)
            bytes.append(contentsOf: text(range.max))
            appendUnit()
        }
        if entry.packageCount > 0 {
            if range != nil { bytes.append(contentsOf: "; packages ".utf8) }
            let joined = text(entry.packageValues)
            let labels = joined.contains(UInt8(ascii: ","))
            var numeric = true
            var shown = 0
            ProductListingText.forEachPackageValue(joined, count: entry.packageCount) { value in
                numeric = numeric && !value.isEmpty && value.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }
                guard shown < 3 else { return }
                if shown > 0 { bytes.append(contentsOf: (labels ? " / " : ", ").utf8) }
                bytes.append(contentsOf: value)
                shown += 1
            }
            if numeric { appendUnit() }
            if entry.packageCount > 3 { bytes.append(contentsOf: " (+\(entry.packageCount - 3) more)".utf8) }
        }
        if bytes.count == start { bytes.append(UInt8(ascii: "-")) }
    }

    static func isPrintableASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}

extension TextTable {
    /// `line(_:)` for row `row` of cells already made and measured, appended to `out` with its newline.
    func appendLine(_ row: Int, _ entry: ProductListing.Entry, _ cells: ProductTableCells, stored: UnsafeBufferPointer<UInt8>,
                    made: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
        let start = out.bytes.count
        for (position, (index, width)) in shown.enumerated() {
            if position > 0 { out.append(spaces: Self.gap) }
            let (bytes, cellWidth) = cells.cell(row, index, entry, stored: stored, made: made)
            let right = columns[index].alignment == .right
            // The last column's padding would only be trimmed away.
            let padAfter = !right && position < shown.count - 1
            if cellWidth <= width {
                if right { out.append(spaces: width - cellWidth) }
                out.append(bytes)
                if padAfter { out.append(spaces: width - cellWidth) }
            } else {
                let cut = DisplayWidth.truncate(String(decoding: bytes, as: UTF8.self), to: width)
                let padding = max(0, width - DisplayWidth.of(cut))
                if right { out.append(spaces: padding) }
                out.append(cut)
                if padAfter { out.append(spaces: padding) }
            }
        }
        out.trimSpaces(downTo: start)
        out.append(UInt8(ascii: "\n"))
    }
}
