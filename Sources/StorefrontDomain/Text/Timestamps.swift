import Foundation

/// The API's times: ISO-8601 with or without fractional seconds.
public enum Timestamps {
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    public static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
