/// An eSIM of the account as the screens and the CLI show it: already sanitised at the edge, data in bytes.
/// The API's own model lives in BitrefillAPI; this one is what the pure code may see.
public struct ESIMDetails: Sendable, Equatable {
    /// The ICCID (the eSIM's id in the API).
    public var iccid: String
    /// The plan (eSIM product) it belongs to, when the server says.
    public var planId: String?
    /// nil when the server did not say.
    public var installed: Bool?
    /// The SM-DP+ server a phone downloads the profile from.
    public var smdpAddress: String?
    /// Oldest first, as `package_history` lists them.
    public var bundles: [ESIMBundleUsage]

    public init(iccid: String, planId: String? = nil, installed: Bool? = nil, smdpAddress: String? = nil, bundles: [ESIMBundleUsage] = []) {
        self.iccid = iccid
        self.planId = planId
        self.installed = installed
        self.smdpAddress = smdpAddress
        self.bundles = bundles
    }

    public var installedText: String {
        switch installed {
        case true?: "installed"
        case false?: "not installed yet"
        case nil: "installation unknown"
        }
    }

    /// The bundle that is being used up now, if any: what a list row sums the eSIM up by.
    public var activeBundle: ESIMBundleUsage? {
        bundles.last { $0.status?.lowercased() == "active" }
    }

    /// Data left on bundles still usable (active or queued); nil when none says. The figures are the server's, so
    /// the sum saturates instead of overflowing (which would trap).
    public var usableBytes: Int64? {
        let usable = bundles.filter { $0.isUsable }.compactMap(\.remainingBytes)
        return usable.isEmpty ? nil : usable.reduce(0) { sum, bytes in
            let (total, overflow) = sum.addingReportingOverflow(bytes)
            return overflow ? (bytes > 0 ? .max : .min) : total
        }
    }
}

/// One bundle of an eSIM's `package_history`.
public struct ESIMBundleUsage: Sendable, Equatable {
    public var name: String?
    public var dataMB: Int64?
    /// `active`, `queued`, `depleted`, `expired`, or a word not known yet (shown as sent).
    public var status: String?
    public var remainingBytes: Int64?

    public init(name: String? = nil, dataMB: Int64? = nil, status: String? = nil, remainingBytes: Int64? = nil) {
        self.name = name
        self.dataMB = dataMB
        self.status = status
        self.remainingBytes = remainingBytes
    }

    /// nil when the server's figure is too large to be a size in bytes.
    public var totalBytes: Int64? {
        dataMB.flatMap { megabytes in
            let (bytes, overflow) = megabytes.multipliedReportingOverflow(by: 1_000_000)
            return overflow ? nil : bytes
        }
    }

    /// What was used: the bundle's size less what remains (never negative: a server may round generously).
    public var usedBytes: Int64? {
        guard let total = totalBytes, let remaining = remainingBytes else { return nil }
        let (used, overflow) = total.subtractingReportingOverflow(remaining)
        return overflow ? nil : max(0, used)
    }

    /// Active or queued: data that can still be used. An expired bundle's remainder is lost.
    public var isUsable: Bool {
        switch status?.lowercased() {
        case "active", "queued": true
        default: false
        }
    }

    public var dataText: String { dataMB.map { DataAmount.format(megabytes: $0) } ?? "?" }
    public var usedText: String { usedBytes.map { DataAmount.format(bytes: $0) } ?? "?" }
    /// An expired bundle's leftover is marked lost: it cannot be used any more.
    public var remainingText: String {
        guard let remaining = remainingBytes else { return "?" }
        let text = DataAmount.format(bytes: remaining)
        return status?.lowercased() == "expired" && remaining > 0 ? "\(text) (lost)" : text
    }
}
