import StorefrontDomain

/// How a QR code is drawn as text. `half` is the default: it is the most compact and stays square in most
/// fonts; `full` suits fonts whose half blocks leave gaps; `ascii` is for terminals without UTF-8.
public enum QRRenderMode: String, Sendable, Hashable, CaseIterable {
    /// One column per module; each row of text carries two module rows with "▀", "▄", "█" and " ".
    case half
    /// Two columns ("██" or "  ") and one row per module.
    case full
    /// Two columns ("##" or "  ") and one row per module, in plain ASCII.
    case ascii

    /// The mode after this one (half → full → ascii → half), for the key that switches modes.
    public var next: QRRenderMode {
        switch self {
        case .half: .full
        case .full: .ascii
        case .ascii: .half
        }
    }
}
