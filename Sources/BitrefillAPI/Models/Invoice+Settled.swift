import StorefrontDomain


extension Invoice {
    /// Nothing more will happen: the payment failed or was refused, the invoice is final in the documented
    /// dialect, or every order is final (the live dialect's roll-up lags, so orders are checked too).
    public var isSettled: Bool {
        if status?.isPaymentFailure == true || payment?.status?.isFailure == true { return true }
        if let status, status.isFinal, status != .allDelivered { return true }
        return !orders.isEmpty && orders.allSatisfy { $0.status?.isFinal == true }
    }
}
