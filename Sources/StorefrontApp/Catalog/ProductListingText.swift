import CatalogStore
import StorefrontCore

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
                for row in listing.entries.indices {
                    table.appendLine(row, cells, stored: stored, made: made, to: &out)
                    out.flushIfFull()
                }
            }
        }
        out.append((listing.total == 1 ? "1 product" : "\(Money.grouped(Int64(listing.total))) products") + "\n")
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

/// Pass one of a table: every row's six cells located and measured, the cells made for the table (the id
/// cleaned when it needs it, "-" for no country, the type's short name, the stock, the face values as
/// `ProductSummary.faceValues` words them) kept in one buffer, so that pass two only copies bytes.
struct ProductTableCells {
    static let columns = 6

    /// A cell: in the listing's bytes, or (`made`) in `made`.
    struct Cell {
        var start: Int32
        var count: Int32
        var width: Int32
        var made: Bool
    }

    private(set) var made: [UInt8] = []
    private(set) var cells: [Cell] = []
    private(set) var measure = TextTable.Measure(columns: CatalogTables.productColumns)

    init(_ listing: ProductListing) {
        cells.reserveCapacity(listing.entries.count * Self.columns)
        made.reserveCapacity(listing.entries.count * 48)
        listing.bytes.withUnsafeBufferPointer { stored in
            func text(_ span: ProductListing.Span) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: stored[Int(span.start)..<Int(span.start) + Int(max(0, span.count))])
            }
            for entry in listing.entries {
                let id = text(entry.id)
                if Self.isPrintableASCII(id) {
                    storedCell(entry.id, id.count)
                } else {
                    madeCell { $0.append(contentsOf: Sanitizer.clean(String(decoding: id, as: UTF8.self)).utf8) }
                }
                let name = text(entry.name)
                storedCell(entry.name, Self.isPrintableASCII(name) ? name.count : DisplayWidth.of(String(decoding: name, as: UTF8.self)))
                madeCell { Self.appendShortType(text(entry.type), to: &$0) }
                if entry.countryCode.isNull {
                    madeCell { $0.append(UInt8(ascii: "-")) }
                } else {
                    let code = text(entry.countryCode)
                    storedCell(entry.countryCode, Self.isPrintableASCII(code) ? code.count : DisplayWidth.of(String(decoding: code, as: UTF8.self)))
                }
                madeCell { $0.append(contentsOf: entry.inStock ? "yes".utf8 : "no".utf8) }
                madeCell { Self.appendFaceValues(entry, listing.range(of: entry), text, to: &$0) }
            }
        }
    }

    /// A cell shown as stored, `width` columns wide.
    private mutating func storedCell(_ span: ProductListing.Span, _ width: Int) {
        cells.append(Cell(start: span.start, count: max(0, span.count), width: Int32(width), made: false))
        measure.include(width: width, column: (cells.count - 1) % Self.columns)
    }

    /// A cell made by `write` at the end of `made`, then measured.
    private mutating func madeCell(_ write: (inout [UInt8]) -> Void) {
        let start = made.count
        write(&made)
        let width = made.withUnsafeBufferPointer { all in
            let cell = UnsafeBufferPointer(rebasing: all[start...])
            return Self.isPrintableASCII(cell) ? cell.count : DisplayWidth.of(String(decoding: cell, as: UTF8.self))
        }
        cells.append(Cell(start: Int32(start), count: Int32(made.count - start), width: Int32(width), made: true))
        measure.include(width: width, column: (cells.count - 1) % Self.columns)
    }

    /// `CatalogTables.shortName`, without making a `ProductType` for the four types the cache holds.
    static func appendShortType(_ word: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        if word.elementsEqual("gift_card".utf8) {
            bytes.append(contentsOf: "gift card".utf8)
        } else if word.elementsEqual("phone_refill".utf8) {
            bytes.append(contentsOf: "top-up".utf8)
        } else if word.elementsEqual("esim".utf8) {
            bytes.append(contentsOf: "eSIM".utf8)
        } else if word.elementsEqual("bill_payment".utf8) {
            bytes.append(contentsOf: "bill".utf8)
        } else {
            bytes.append(contentsOf: CatalogTables.shortName(ProductType(rawValue: String(decoding: word, as: UTF8.self))).utf8)
        }
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
    func appendLine(_ row: Int, _ cells: ProductTableCells, stored: UnsafeBufferPointer<UInt8>, made: UnsafeBufferPointer<UInt8>,
                    to out: inout OutputBuffer) {
        let start = out.bytes.count
        let first = row * ProductTableCells.columns
        for (position, (index, width)) in shown.enumerated() {
            if position > 0 { out.append(spaces: Self.gap) }
            let cell = cells.cells[first + index]
            let bytes = UnsafeBufferPointer(rebasing: (cell.made ? made : stored)[Int(cell.start)..<Int(cell.start) + Int(cell.count)])
            let right = columns[index].alignment == .right
            // The last column's padding would only be trimmed away.
            let padAfter = !right && position < shown.count - 1
            if Int(cell.width) <= width {
                if right { out.append(spaces: width - Int(cell.width)) }
                out.append(bytes)
                if padAfter { out.append(spaces: width - Int(cell.width)) }
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
