import Foundation

/// Where a `--since` listing starts: a day (2026-12-05, from its start in UTC), an ISO-8601 time, or how long ago,
/// counted back from `now` (90s, 30m, 24h, 7d, 2w).
public enum SinceBound {
    public static let help = "a day (2026-12-05), an ISO-8601 time, or how long ago: 90s, 30m, 24h, 7d, 2w"

    public static func parse(_ text: String, now: Date) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let unit = trimmed.last, let seconds = unitSeconds[unit], let count = Int(trimmed.dropLast()), count >= 0,
           trimmed.dropLast().allSatisfy(\.isASCII), count <= 100_000 {
            return now.addingTimeInterval(-Double(count) * seconds)
        }
        return AccountDateBound.since(trimmed)
    }

    private static let unitSeconds: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 7 * 86_400]
}
