import Foundation
import Testing

/// Compares text with a snapshot file beside the test (`__Snapshots__/NAME.txt`). With
/// `STOREFRONT_RECORD_SNAPSHOTS=1`, or when the file is missing, it writes the file and fails, so a new or
/// changed screen is read by a person before it is accepted.
public func assertSnapshot(_ text: String, named name: String, filePath: String = #filePath,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = directory.appendingPathComponent("\(name).txt")
    let recording = ProcessInfo.processInfo.environment["STOREFRONT_RECORD_SNAPSHOTS"] == "1"
    let stored = try? String(contentsOf: file, encoding: .utf8)
    if recording || stored == nil {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try? (text + "\n").write(to: file, atomically: true, encoding: .utf8)
        Issue.record("Recorded snapshot \(name); read it, then run the tests again without STOREFRONT_RECORD_SNAPSHOTS.",
                     sourceLocation: sourceLocation)
        return
    }
    if stored != text + "\n" {
        Issue.record("Screen differs from snapshot \(name) (\(file.path)):\n\(text)", sourceLocation: sourceLocation)
    }
}
