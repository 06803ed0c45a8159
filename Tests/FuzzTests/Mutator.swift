import Foundation
import StorefrontDomain

/// The ways a body is spoiled. Each works on bytes, so it can produce anything a broken proxy or a hostile server
/// could: invalid JSON, invalid UTF-8, duplicate keys, values of the wrong type or absurd size.
enum Mutation: CaseIterable, Sendable, CustomStringConvertible {
    case flipByte, truncate, insertBytes, replaceValue, duplicateKey, renameKey, wrapInDeepArrays, replaceBody

    /// Named by hand: interpolating `self` here would call this property again, without end.
    var description: String {
        switch self {
        case .flipByte: "flipByte"
        case .truncate: "truncate"
        case .insertBytes: "insertBytes"
        case .replaceValue: "replaceValue"
        case .duplicateKey: "duplicateKey"
        case .renameKey: "renameKey"
        case .wrapInDeepArrays: "wrapInDeepArrays"
        case .replaceBody: "replaceBody"
        }
    }
}

/// SplitMix64, so one seed from the property-based runner replays one body exactly.
typealias SplitMix = SplitMix64

enum Mutator {
    static let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    static let deepObject = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
    static let longString = "\"" + String(repeating: "x\u{301}\u{202E}😀", count: 30_000) + "\""

    /// Values of every wrong type and size a field could get.
    static let hostileValues = [
        "1e400", "-1e400", "9223372036854775808", "-9223372036854775809", "18446744073709551616", "-0", "0", "-1",
        "1e-400", "0.1", "123456789012345678901234567890.123456789", "\"NaN\"", "\"nan\"", "\"inf\"", "\"-0\"", "\"1e400\"",
        "\"9223372036854775808\"", "NaN", "Infinity", "true", "false", "null", "[]", "{}", "\"\"", "[1,2,3]",
        "{\"a\":1}", "\"\\u0000\\u001b[31mred\\u001b]0;title\\u0007\"", "\"\\ud800\"", "\"e\\u0301\\u202e\\u2066\"",
        "\"   \"", "\"LPA:1$$\"", "\"$$$\"", "\"<&>\"", "\"2021-99-99T99:99:99Z\"", "\"99999999999-01-01T00:00:00Z\"",
        "\"10\"", "\"10.5\"", "\"abc\"", deep, deepObject, longString,
    ]

    static let hostileKeys = ["", "\\u001b", "\\u0000", "a\\u001b", "\\t", " ", "\\u202e", "data", "meta", "id", "__proto__",
                              String(repeating: "k", count: 10_000)]

    static let wholeBodies = [
        "", " ", "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
        "<!DOCTYPE html><html><body>Attention Required! | Cloudflare</body></html>", "null", "[]", "{}", "\"data\"", "0",
        #"{"meta":{}}"#, #"{"data":null}"#, #"{"data":[]}"#, #"{"data":{}}"#, #"{"data":"#, deep, deepObject,
        #"{"data":\#(deep)}"#, "\u{FEFF}{\"data\":{}}", "{\"data\":" + longString + "}",
    ]

    static func apply(_ mutation: Mutation, to body: [UInt8], using rng: inout SplitMix) -> [UInt8] {
        var bytes = body
        switch mutation {
        case .flipByte:
            guard !bytes.isEmpty else { return bytes }
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] ^= UInt8(1 << Int.random(in: 0...7, using: &rng))
            }
        case .truncate:
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
        case .insertBytes:
            let junk: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0], [0x1B, 0x5B], Array("\",\"".utf8), Array("}".utf8), Array(",".utf8)]
            bytes.insert(contentsOf: junk.randomElement(using: &rng) ?? [], at: Int.random(in: 0...bytes.count, using: &rng))
        case .replaceValue:
            guard let key = keys(in: bytes).randomElement(using: &rng), let end = valueEnd(in: bytes, from: key.valueStart) else { return bytes }
            bytes.replaceSubrange(key.valueStart..<end, with: Array((hostileValues.randomElement(using: &rng) ?? "null").utf8))
        case .duplicateKey:
            guard let key = keys(in: bytes).randomElement(using: &rng), let end = valueEnd(in: bytes, from: key.valueStart) else { return bytes }
            let value = Bool.random(using: &rng) ? Array(bytes[key.valueStart..<end]) : Array((hostileValues.randomElement(using: &rng) ?? "1").utf8)
            let copy = Array(bytes[key.keyStart..<key.valueStart]) + value
            // Before or after the original, as either may be the one a decoder keeps.
            if Bool.random(using: &rng) {
                bytes.insert(contentsOf: copy + Array(",".utf8), at: key.keyStart)
            } else {
                bytes.insert(contentsOf: Array(",".utf8) + copy, at: end)
            }
        case .renameKey:
            guard let key = keys(in: bytes).randomElement(using: &rng) else { return bytes }
            let name = "\"" + (hostileKeys.randomElement(using: &rng) ?? "") + "\":"
            bytes.replaceSubrange(key.keyStart..<key.valueStart, with: Array(name.utf8))
        case .wrapInDeepArrays:
            guard let key = keys(in: bytes).randomElement(using: &rng), let end = valueEnd(in: bytes, from: key.valueStart) else { return bytes }
            let depth = [2, 100, 600, 10_000].randomElement(using: &rng) ?? 2
            bytes.replaceSubrange(key.valueStart..<end, with: Array(String(repeating: "[", count: depth).utf8) + bytes[key.valueStart..<end]
                + Array(String(repeating: "]", count: depth).utf8))
        case .replaceBody:
            bytes = Array((wholeBodies.randomElement(using: &rng) ?? "").utf8)
        }
        return bytes
    }

    /// Where each `"key":` of an object starts and where its value starts (a textual scan, good enough for seeds
    /// that are mostly intact; on garbage it finds fewer keys, which is fine).
    static func keys(in bytes: [UInt8]) -> [(keyStart: Int, valueStart: Int)] {
        var found: [(Int, Int)] = []
        var index = 0
        var stringStart: Int?
        while index < bytes.count {
            let byte = bytes[index]
            if let start = stringStart {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") {
                    stringStart = nil
                    var after = index + 1
                    while after < bytes.count, bytes[after] == UInt8(ascii: " ") { after += 1 }
                    if after < bytes.count, bytes[after] == UInt8(ascii: ":") { found.append((start, after + 1)) }
                }
            } else if byte == UInt8(ascii: "\"") {
                stringStart = index
            }
            index += 1
        }
        return found
    }

    /// The end of the JSON value starting at `start`: a whole object, array or string, or a scalar up to a delimiter.
    static func valueEnd(in bytes: [UInt8], from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        var depth = 0
        var inString = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 2; continue }
                if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return index + 1 }
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return index }
                    depth -= 1
                    if depth == 0 { return index + 1 }
                case UInt8(ascii: ","):
                    if depth == 0 { return index }
                default: break
                }
            }
            index += 1
        }
        return depth == 0 && !inString ? bytes.count : nil
    }
}
