import Foundation

/// Times as the catalog stores them: whole milliseconds since 1970, an INTEGER. Not GRDB's text dates, whose
/// parsing goes through a Calendar and loads ICU's data: megabytes of memory for a command that only reads
/// the cache's age.
enum DatabaseTime {
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded())
    }

    static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1_000)
    }
}
