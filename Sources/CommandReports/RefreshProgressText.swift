import Foundation
import StorefrontDomain

/// The words and the bar a refresh's progress is shown with, on a terminal line or in a log. Pure.
public enum RefreshProgressText {
    /// One line for a terminal that is redrawn in place: a bar when the total can be guessed, then the figures,
    /// cut to `width`.
    public static func bar(_ progress: RefreshProgress, now: Date, width: Int) -> String {
        var text = describe(progress, now: now)
        if let fraction = progress.fractionDone, !progress.isFinal {
            let cells = 20
            let filled = Int((fraction * Double(cells)).rounded(.down))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: cells - filled)
            text = "\(bar) \(String(format: "%3d", Int(fraction * 100)))%  \(text)"
        }
        return DisplayWidth.truncate(text, to: max(1, width - 1))
    }

    /// What the refresh is doing, in one sentence.
    public static func describe(_ progress: RefreshProgress, now: Date) -> String {
        let counts = "page \(progress.pagesRead), \(Money.grouped(Int64(progress.productsRead))) products"
            + (progress.expectedProducts.map { " of about \(Money.grouped(Int64($0)))" } ?? "")
        switch progress.phase {
        case .starting:
            return "Refreshing the catalog…"
        case .reading(let listing):
            let eta = progress.estimatedRemaining(now: now).map { ", about \(duration($0)) left" } ?? ""
            return "Reading \(listing.rawValue): \(counts)\(eta)"
        case .waitingForRateLimit(let until):
            return "Rate limit reached: waiting \(duration(until.timeIntervalSince(now))) (\(counts))"
        case .retrying(let at, let reason):
            return "\(reason): retrying in \(duration(at.timeIntervalSince(now))) (\(counts))"
        case .writing:
            return "Writing the catalog (\(counts))…"
        case .finished(let summary):
            return summarize(summary)
        case .failed(let message):
            return message
        }
    }

    /// "Catalog refreshed: 8 products (2 new, 1 changed, 5 unchanged, 1 gone) in 0.4 s."
    public static func summarize(_ summary: RefreshSummary) -> String {
        var parts = ["\(Money.grouped(Int64(summary.added))) new", "\(Money.grouped(Int64(summary.changed))) changed",
                     "\(Money.grouped(Int64(summary.unchanged))) unchanged", "\(Money.grouped(Int64(summary.markedGone))) gone"]
        if summary.unreadable > 0 { parts.append("\(summary.unreadable) unreadable, so none marked gone") }
        return "Catalog refreshed: \(Money.grouped(Int64(summary.productsListed))) products (\(parts.joined(separator: ", "))) in \(String(format: "%.1f", summary.duration)) s."
    }

    /// "42 s", "3 min 05 s", "1 h 02 min".
    public static func duration(_ interval: TimeInterval) -> String {
        let seconds = max(0, Int(interval.rounded(.up)))
        if seconds < 60 { return "\(seconds) s" }
        if seconds < 3600 { return "\(seconds / 60) min \(String(format: "%02d", seconds % 60)) s" }
        return "\(seconds / 3600) h \(String(format: "%02d", seconds / 60 % 60)) min"
    }
}

/// Which progress snapshots deserve a line of their own when the output is not a terminal (a pipe, a log):
/// every change of phase, and every `pageInterval` pages while reading.
public struct PlainProgressLog: Sendable {
    public var pageInterval: Int
    private var lastPhase: String?
    private var lastPages = 0

    public init(pageInterval: Int = 20) {
        self.pageInterval = pageInterval
    }

    public mutating func line(for progress: RefreshProgress, now: Date) -> String? {
        let phase = Self.kind(progress.phase)
        let readingOn: Bool = if case .reading = progress.phase { progress.pagesRead >= lastPages + pageInterval } else { false }
        guard phase != lastPhase || readingOn else { return nil }
        lastPhase = phase
        lastPages = progress.pagesRead
        return RefreshProgressText.describe(progress, now: now)
    }

    private static func kind(_ phase: RefreshProgress.Phase) -> String {
        switch phase {
        case .starting: "starting"
        case .reading(let listing): "reading \(listing.rawValue)"
        case .waitingForRateLimit(let until): "waiting \(until.timeIntervalSince1970)"
        case .retrying(let at, _): "retrying \(at.timeIntervalSince1970)"
        case .writing: "writing"
        case .finished: "finished"
        case .failed: "failed"
        }
    }
}
