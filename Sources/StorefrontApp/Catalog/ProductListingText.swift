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
        var cells = TableCells()
        var measure = TextTable.Measure(columns: CatalogTables.productColumns)
        for entry in listing.entries {
            cells.fill(entry, of: listing)
            for column in 0..<TableCells.count { measure.include(width: cells.width(column), column: column) }
        }
        let table = TextTable(columns: CatalogTables.productColumns, measured: measure, width: width)
        out.append(table.header + "\n" + table.rule + "\n")
        for entry in listing.entries {
            cells.fill(entry, of: listing)
            table.appendLine(cells, to: &out)
            out.flushIfFull()
        }
        out.append((listing.total == 1 ? "1 product" : "\(Money.grouped(Int64(listing.total))) products") + "\n")
        out.flush()
    }

    public static func writeJSON(_ listing: ProductListing, to out: inout OutputBuffer) {
        out.append("[")
        listing.bytes.withUnsafeBufferPointer { all in
            for (index, entry) in listing.entries.enumerated() {
                out.append(index == 0 ? "\n  " : ",\n  ")
                appendObject(entry, all, to: &out)
                out.flushIfFull()
            }
        }
        out.append(listing.entries.isEmpty ? "]\n" : "\n]\n")
        out.flush()
    }

    /// The keys in `JSONEncoder`'s sorted order; absent optionals left out, as it leaves them.
    private static func appendObject(_ entry: ProductListing.Entry, _ all: UnsafeBufferPointer<UInt8>, to out: inout OutputBuffer) {
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
        if entry.hasRange {
            out.append("\"range\":{\"max\":")
            out.append(bytes(entry.rangeMax))
            out.append(",\"min\":")
            out.append(bytes(entry.rangeMin))
            if let rate = entry.priceRateMicros { out.append(",\"price_rate_micros\":\(rate)") }
            out.append(",\"step\":")
            out.append(bytes(entry.rangeStep))
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

/// The six cells of one product's table row, made in one reused byte buffer: the id cleaned, the type's short
/// name, "-" for no country, the stock, the face values (`ProductSummary.faceValues`), with their widths.
struct TableCells {
    static let count = 6
    private(set) var bytes: [UInt8] = []
    private var ends = [Int](repeating: 0, count: TableCells.count)
    private var widths = [Int](repeating: 0, count: TableCells.count)

    func width(_ column: Int) -> Int { widths[column] }

    func withCell<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let start = column == 0 ? 0 : ends[column - 1]
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<ends[column]])) }
    }

    mutating func fill(_ entry: ProductListing.Entry, of listing: ProductListing) {
        bytes.removeAll(keepingCapacity: true)
        listing.bytes.withUnsafeBufferPointer { all in
            func text(_ span: ProductListing.Span) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: all[Int(span.start)..<Int(span.start) + Int(max(0, span.count))])
            }
            let id = text(entry.id)
            if Self.isPrintableASCII(id) { bytes.append(contentsOf: id) } else { appendString(Sanitizer.clean(String(decoding: id, as: UTF8.self))) }
            close(0)
            bytes.append(contentsOf: text(entry.name))
            close(1)
            appendShortType(text(entry.type))
            close(2)
            if entry.countryCode.isNull { bytes.append(UInt8(ascii: "-")) } else { bytes.append(contentsOf: text(entry.countryCode)) }
            close(3)
            appendString(entry.inStock ? "yes" : "no")
            close(4)
            appendFaceValues(entry, text)
            close(5)
        }
    }

    /// Ends cell `column` here and measures it.
    private mutating func close(_ column: Int) {
        let start = column == 0 ? 0 : ends[column - 1]
        ends[column] = bytes.count
        widths[column] = bytes.withUnsafeBufferPointer { all in
            let cell = UnsafeBufferPointer(rebasing: all[start..<ends[column]])
            return Self.isPrintableASCII(cell) ? cell.count : DisplayWidth.of(String(decoding: cell, as: UTF8.self))
        }
    }

    private mutating func appendString(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// `CatalogTables.shortName`, without making a `ProductType` for the four types the cache holds.
    private mutating func appendShortType(_ word: UnsafeBufferPointer<UInt8>) {
        switch String(decoding: word, as: UTF8.self) {
        case "gift_card": appendString("gift card")
        case "phone_refill": appendString("top-up")
        case "esim": appendString("eSIM")
        case "bill_payment": appendString("bill")
        case let other: appendString(CatalogTables.shortName(ProductType(rawValue: other)))
        }
    }

    /// `ProductSummary.faceValues`: "10 to 500 USD", "25, 50, 100 EUR", "1GB, 7 Days / 3GB, 30 Days (+2 more)".
    private mutating func appendFaceValues(_ entry: ProductListing.Entry, _ text: (ProductListing.Span) -> UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        func appendUnit() {
            guard !entry.currency.isNull else { return }
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: text(entry.currency))
        }
        if entry.hasRange {
            bytes.append(contentsOf: text(entry.rangeMin))
            appendString(" to ")
            bytes.append(contentsOf: text(entry.rangeMax))
            appendUnit()
        }
        if entry.packageCount > 0 {
            if entry.hasRange { appendString("; packages ") }
            let joined = text(entry.packageValues)
            let labels = joined.contains(UInt8(ascii: ","))
            var numeric = true
            ProductListingText.forEachPackageValue(joined, count: entry.packageCount) { value in
                numeric = numeric && !value.isEmpty && value.allSatisfy { ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".") }
            }
            var shown = 0
            ProductListingText.forEachPackageValue(joined, count: entry.packageCount) { value in
                guard shown < 3 else { return }
                if shown > 0 { appendString(labels ? " / " : ", ") }
                bytes.append(contentsOf: value)
                shown += 1
            }
            if numeric { appendUnit() }
            if entry.packageCount > 3 { appendString(" (+\(entry.packageCount - 3) more)") }
        }
        if bytes.count == start { bytes.append(UInt8(ascii: "-")) }
    }

    static func isPrintableASCII(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}

extension TextTable {
    /// `line(_:)` for cells already made, appended to `out` with its newline.
    func appendLine(_ cells: TableCells, to out: inout OutputBuffer) {
        let start = out.bytes.count
        for (position, (index, width)) in shown.enumerated() {
            if position > 0 { out.append(spaces: Self.gap) }
            var cellWidth = cells.width(index)
            var cut: String?
            if cellWidth > width {
                let truncated = cells.withCell(index) { DisplayWidth.truncate(String(decoding: $0, as: UTF8.self), to: width) }
                cellWidth = DisplayWidth.of(truncated)
                cut = truncated
            }
            let padding = max(0, width - cellWidth)
            let right = columns[index].alignment == .right
            if right { out.append(spaces: padding) }
            if let cut { out.append(cut) } else { cells.withCell(index) { out.append($0) } }
            if !right { out.append(spaces: padding) }
        }
        out.trimSpaces(downTo: start)
        out.append(UInt8(ascii: "\n"))
    }
}

extension OutputBuffer {
    mutating func append(spaces count: Int) {
        for _ in 0..<count { append(UInt8(ascii: " ")) }
    }
}
