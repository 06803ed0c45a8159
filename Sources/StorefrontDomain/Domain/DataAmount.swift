/// Mobile data as people read it: "850 MB", "2.15 GB", "10 GB". Decimal units (1 GB = 1000 MB = 10^9 bytes),
/// as bundles are sold ("3GB" is 3000 MB), so a fresh 3GB bundle shows "3 GB" left, not "2.79 GB".
public enum DataAmount {
    /// `bytes` in MB below 1 GB (whole MB), in GB above, with as many decimals as are worth reading:
    /// two under 10 GB, one under 100 GB, none beyond; trailing zeros dropped.
    public static func format(bytes: Int64) -> String {
        let value = max(0, bytes)
        let megabytes = Double(value) / 1_000_000
        if megabytes < 1000 {
            // Under 1 MB but not nothing: "< 1 MB" rather than a misleading "0 MB".
            if value > 0, megabytes < 1 { return "< 1 MB" }
            return "\(Int(megabytes.rounded())) MB"
        }
        let gigabytes = megabytes / 1000
        let decimals = gigabytes < 10 ? 2 : gigabytes < 100 ? 1 : 0
        return trimmed(gigabytes, decimals: decimals) + " GB"
    }

    public static func format(megabytes: Int64) -> String {
        format(bytes: megabytes.multipliedReportingOverflow(by: 1_000_000).overflow ? Int64.max : megabytes * 1_000_000)
    }

    /// `value` rounded to `decimals` places, without trailing zeros ("2.50" is "2.5", "3.00" is "3").
    private static func trimmed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((value * scale).rounded())
        var text = String(scaled / Int64(scale))
        var fraction = decimals > 0 ? String(scaled % Int64(scale)) : ""
        fraction = String(repeating: "0", count: max(0, decimals - fraction.count)) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        if !fraction.isEmpty { text += "." + fraction }
        return text
    }
}
