extension PackageOption {
    /// True when the value is an amount ("50", "12.5") rather than a label ("3GB, 30 Days"): only amounts
    /// take the product's currency after them.
    public var isAmount: Bool { Self.isAmount(value) }

    static func isAmount(_ value: String) -> Bool {
        !value.isEmpty && value.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
    }

    /// "50 EUR" for amounts, the label as it is otherwise.
    public func faceValue(currency: String?) -> String {
        guard isAmount, let currency else { return value }
        return "\(value) \(currency)"
    }
}
