/// Makes untrusted text (anything from the network) inert before it reaches a terminal.
///
/// Removes C0 and C1 control characters, whole ESC/CSI/OSC/DCS/APC/PM/SOS sequences (so a product named
/// `ESC ] 0 ; evil BEL` cannot retitle the window), Unicode bidi overrides and isolates (which can make text
/// read differently from what it is), and other invisible format characters that hide content. Tabs and newlines
/// become spaces unless `keepNewlines` is set, for the few multi-line fields such as redemption instructions.
public enum Sanitizer {
    public static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? scalars.next() {
            pending = nil
            switch scalar.value {
            case 0x1B:
                pending = skipEscapeSequence(&scalars)
            case 0x9B:
                pending = skipCSI(&scalars)
            case 0x90, 0x9D, 0x9E, 0x9F, 0x98:
                pending = skipString(&scalars)
            case 0x0A, 0x0D:
                if keepNewlines {
                    if scalar.value == 0x0A { out.append("\n") }
                } else {
                    out.append(" ")
                }
            case 0x09:
                out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F:
                continue
            default:
                if isHiddenFormatCharacter(scalar) { continue }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Bidi embeddings, overrides and isolates, zero-width joiners aside, the line/paragraph separators and BOM.
    static func isHiddenFormatCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        case 0x2028, 0x2029, 0xFEFF, 0x200B: true
        default: false
        }
    }

    /// After ESC: swallow the sequence it introduces, returning the first scalar after it (if read).
    private static func skipEscapeSequence(_ scalars: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        guard let next = scalars.next() else { return nil }
        switch next {
        case "[": return skipCSI(&scalars)
        case "]", "P", "X", "^", "_": return skipString(&scalars)
        default:
            // Two-character sequences (ESC c, ESC 7, ...) and charset designations (ESC ( B).
            if next.value >= 0x20 && next.value <= 0x2F { _ = scalars.next() }
            return nil
        }
    }

    /// CSI: parameters and intermediates up to a final byte in 0x40...0x7E.
    private static func skipCSI(_ scalars: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        while let scalar = scalars.next() {
            if scalar.value >= 0x40 && scalar.value <= 0x7E { return nil }
            if scalar.value < 0x20 || scalar.value > 0x7E { return scalar }
        }
        return nil
    }

    /// OSC/DCS/SOS/PM/APC: a string ended by BEL, ST (ESC \) or the C1 ST.
    private static func skipString(_ scalars: inout String.UnicodeScalarView.Iterator) -> Unicode.Scalar? {
        while let scalar = scalars.next() {
            switch scalar.value {
            case 0x07, 0x9C: return nil
            case 0x1B:
                let after = scalars.next()
                return after == "\\" ? nil : after
            default: continue
            }
        }
        return nil
    }
}
