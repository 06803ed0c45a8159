import Foundation
import Logging

/// `--log-file PATH` and `STOREFRONT_LOG=debug|info|…`: a diagnostic log of requests (method, path template,
/// status, time, rate-limit figures, retries) and purchase transitions, for a support person to read after
/// the fact. What is logged is chosen where it is logged: never a key, a code, a PIN or a QR payload.
public enum DiagnosticLog {
    /// The logger to hand to the client and the checkout engine: to `path` (created 0600, appended), or to
    /// stderr when only `STOREFRONT_LOG` is set; silent when neither is.
    public static func logger(path: String?, environment: [String: String]) throws(ConfigurationError) -> Logger {
        let level = environment["STOREFRONT_LOG"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
        if environment["STOREFRONT_LOG"] != nil, level == nil {
            throw ConfigurationError("STOREFRONT_LOG takes one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard path != nil || level != nil else { return Logger(label: "storefront", factory: { _ in SwiftLogNoOpLogHandler() }) }
        let handle: FileHandle
        if let path {
            let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw ConfigurationError("Cannot write the log file \(path): \(String(cString: strerror(errno))). Choose a writable path for --log-file.")
            }
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        } else {
            handle = .standardError
        }
        var logger = Logger(label: "storefront", factory: { label in LineLogHandler(label: label, handle: handle) })
        logger.logLevel = level ?? .debug
        return logger
    }
}

/// One line per message: time, level, message and its metadata, sorted.
struct LineLogHandler: LogHandler {
    let label: String
    let handle: FileHandle
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .debug

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(Date().formatted(.iso8601)) \(event.level) \(event.message)\(fields.isEmpty ? "" : " " + fields)\n"
        handle.write(Data(line.utf8))
    }
}
