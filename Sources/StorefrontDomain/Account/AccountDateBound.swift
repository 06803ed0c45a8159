import Foundation

/// `--since` and `--until` as people type them: a day (`2026-12-05`, UTC) or an ISO-8601 time. A day given to
/// `--until` includes that whole day.
public enum AccountDateBound {
    public static func since(_ text: String) -> Date? {
        parse(text).map(\.date)
    }

    public static func until(_ text: String) -> Date? {
        parse(text).map { $0.isDay ? $0.date.addingTimeInterval(86_400) : $0.date }
    }

    private static func parse(_ text: String) -> (date: Date, isDay: Bool)? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 10, let day = try? Date(trimmed + "T00:00:00Z", strategy: .iso8601) { return (day, true) }
        return Timestamps.parse(trimmed).map { ($0, false) }
    }
}
