/// Output gathered into large chunks before it is written: a listing writes megabytes, and a write per line
/// (or `print`'s locking per call) costs more than making the line. Passed `inout`, so appending is a plain
/// array append.
public struct OutputBuffer {
    public private(set) var bytes: [UInt8] = []
    private let chunkSize: Int
    private let sink: ([UInt8]) -> Void

    /// `sink` receives each chunk of about `chunkSize` bytes, and the rest on `flush()`.
    public init(chunkSize: Int = 1 << 16, sink: @escaping ([UInt8]) -> Void) {
        self.chunkSize = chunkSize
        self.sink = sink
        bytes.reserveCapacity(chunkSize + 4_096)
    }

    /// Standard output, through `TerminalOutput`.
    public static func standardOutput() -> OutputBuffer {
        OutputBuffer { TerminalOutput.standardOutput.write($0) }
    }

    public mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: text)
    }

    public mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 256)

    mutating func append(spaces count: Int) {
        var left = count
        while left > 0 {
            let chunk = min(left, Self.spaces.count)
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<chunk])) }
            left -= chunk
        }
    }

    /// Drops trailing spaces back to `start` (a table line's padding).
    mutating func trimSpaces(downTo start: Int) {
        var end = bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        if end < bytes.count { bytes.removeLast(bytes.count - end) }
    }

    /// Hands a full chunk to the sink; call between lines.
    public mutating func flushIfFull() {
        if bytes.count >= chunkSize { flush() }
    }

    public mutating func flush() {
        guard !bytes.isEmpty else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
