import StorefrontDomain

/// Where a status message was said: the screen, the overlay over it, and what the screen was about (the
/// purchase shown, the eSIM and step, the phone number). A message said about one eSIM must not be read as
/// being about the next one, so when any of these changes the message goes.
public struct MessageContext: Sendable, Equatable {
    public var screen: Screen
    public var overlay: String?
    public var subject: String?
}

extension AppState {
    var messageContext: MessageContext {
        MessageContext(screen: screen, overlay: overlay.map(Self.overlayName), subject: messageSubject)
    }

    private var messageSubject: String? {
        switch screen {
        case .purchase: checkout.shown?.purchaseId
        case .esim: "\(esim.step) \(esim.esim?.iccid ?? "")"
        case .phoneRefill: "\(phone.step) \(phone.reading?.e164 ?? "")"
        case .account: account.detail?.invoice.id
        case .browser, .cart, .review, .history: nil
        }
    }

    /// The overlay's kind: typing in a dialog does not make it another dialog.
    private static func overlayName(_ overlay: Overlay) -> String {
        switch overlay {
        case .help: "help"
        case .addToCart(let form): "add \(form.product.summary.id)"
        case .confirmQuit: "quit"
        case .confirmClearCart: "clear cart"
        case .confirmRemoveLine(let id): "remove \(id)"
        case .confirmPurchase: "purchase"
        case .confirmRepeatPurchase: "repeat purchase"
        }
    }

    /// Run after every action: a message made by it is stamped with where it was made; an older one is
    /// dropped once the screen, overlay or subject is no longer the one it was made for.
    mutating func settleMessage() {
        let context = messageContext
        if message?.context == nil {
            message?.context = context
        } else if message?.context != context {
            message = nil
        }
    }
}
