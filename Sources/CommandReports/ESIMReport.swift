import Foundation
import StorefrontDomain

/// An eSIM as `storefront esim` prints it: labelled lines and a table of bundles, or JSON with data both in
/// bytes (for scripts) and in words (for people). No secret (PIN, activation code) is printed.
public struct ESIMReport: Encodable, Sendable {
    public struct BundleReport: Encodable, Sendable {
        var name: String?
        var status: String?
        var dataMB: Int64?
        var usedBytes: Int64?
        var remainingBytes: Int64?
        var data: String
        var used: String
        var remaining: String
        /// Added by the top-up just made.
        var new: Bool?

        enum CodingKeys: String, CodingKey {
            case name, status, data, used, remaining, new
            case dataMB = "data_mb", usedBytes = "used_bytes", remainingBytes = "remaining_bytes"
        }
    }

    var iccid: String
    var planId: String?
    var planName: String?
    var installed: Bool?
    var smdpAddress: String?
    var dataLeftBytes: Int64?
    var dataLeft: String
    var bundles: [BundleReport]

    enum CodingKeys: String, CodingKey {
        case iccid, installed, bundles
        case planId = "plan_id", planName = "plan_name", smdpAddress = "smdp_address"
        case dataLeftBytes = "data_left_bytes", dataLeft = "data_left"
    }

    /// `newFrom`: bundles from this index on were added by the top-up just made.
    public init(_ esim: ESIMDetails, planName: String?, newFrom: Int? = nil) {
        iccid = esim.iccid
        planId = esim.planId
        self.planName = planName
        installed = esim.installed
        smdpAddress = esim.smdpAddress
        dataLeftBytes = esim.usableBytes
        dataLeft = esim.usableBytes.map { DataAmount.format(bytes: $0) } ?? "none"
        bundles = esim.bundles.enumerated().map { index, bundle in
            BundleReport(name: bundle.name, status: bundle.status, dataMB: bundle.dataMB, usedBytes: bundle.usedBytes,
                         remainingBytes: bundle.remainingBytes, data: bundle.dataText, used: bundle.usedText,
                         remaining: bundle.remainingText, new: newFrom.flatMap { index >= $0 ? true : nil })
        }
    }

    static let bundleColumns = [
        TextTable.Column("#", alignment: .right, priority: 5),
        TextTable.Column("BUNDLE", flexible: true, minimumWidth: 8, priority: 9),
        TextTable.Column("STATUS", priority: 8),
        TextTable.Column("DATA", alignment: .right, priority: 6),
        TextTable.Column("USED", alignment: .right, priority: 4),
        TextTable.Column("LEFT", alignment: .right, priority: 7),
    ]

    /// Labelled facts, then the bundles, oldest first; the new ones marked.
    public func lines(width: Int) -> [String] {
        let plan = planId.map { id in planName.map { "\($0) (\(id))" } ?? id } ?? "not given"
        let installedText = installed.map { $0 ? "yes" : "not yet" } ?? "unknown"
        var lines = [
            "eSIM:       \(iccid)",
            "Plan:       \(plan)",
            "Installed:  \(installedText)",
            "SM-DP+:     \(smdpAddress ?? "not given")",
            "Data left:  \(dataLeft)\(dataLeftBytes == nil ? " (no active or queued bundle)" : " on active and queued bundles")",
            "",
        ]
        guard !bundles.isEmpty else { return lines + ["No bundle yet."] }
        let marksNew = bundles.contains { $0.new == true }
        let rows = bundles.enumerated().map { index, bundle in
            ["\(index + 1)", bundle.name ?? "?", bundle.status ?? "unknown", bundle.data, bundle.used, bundle.remaining]
                + (marksNew ? [bundle.new == true ? "← new" : ""] : [])
        }
        let columns = marksNew ? Self.bundleColumns + [TextTable.Column("", priority: 3)] : Self.bundleColumns
        lines += CatalogTables.render(columns: columns, rows: rows, width: width)
        return lines
    }

    /// One row of `storefront esim list`.
    static func listRow(_ esim: ESIMDetails, planName: String?) -> [String] {
        [esim.iccid, planName ?? esim.planId ?? "-", esim.installed.map { $0 ? "yes" : "no" } ?? "?",
         esim.activeBundle?.name ?? "none active", esim.usableBytes.map { DataAmount.format(bytes: $0) } ?? "none"]
    }

    static let listColumns = [
        TextTable.Column("ICCID", priority: 9),
        TextTable.Column("PLAN", flexible: true, minimumWidth: 8, priority: 6),
        TextTable.Column("INSTALLED", priority: 4),
        TextTable.Column("ACTIVE BUNDLE", flexible: true, minimumWidth: 8, priority: 7),
        TextTable.Column("DATA LEFT", alignment: .right, priority: 8),
    ]

    /// `storefront esim list` as lines.
    public static func list(_ esims: [ESIMDetails], planNames: [String: String], width: Int) -> [String] {
        CatalogTables.render(columns: listColumns, rows: esims.map { listRow($0, planName: $0.planId.flatMap { planNames[$0] }) }, width: width)
    }
}
