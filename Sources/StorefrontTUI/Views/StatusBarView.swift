import Foundation
import StorefrontDomain

/// The two bottom rows: connection, balance, catalog and cart; then the message or the keys that matter here.
enum StatusBarView {
    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        // A message too long for its row takes the status bar's row as well, and the bar moves up over the
        // body's bottom border for as long as it shows, so no message ends mid-sentence.
        let messageRows = state.message.map { messageLines($0.text(presenting: state.checkout.presenting), width: layout.width) } ?? []
        let y = messageRows.count > 1 ? layout.statusRow - 1 : layout.statusRow
        buffer.fill(Rect(x: 0, y: y, width: layout.width, height: 1), style: Style(.statusBar))
        let badge = state.connection.isSandbox ? " SANDBOX " : " LIVE \(state.connection.host) "
        var x = buffer.put(badge, x: 0, y: y, style: Style(state.connection.isSandbox ? .badgeSandbox : .badgeLive, bold: true))
        if state.teamDatabaseDown {
            x += buffer.put(" TEAM DB DOWN ", x: x, y: y, style: Style(.error, bold: true))
        }
        if state.checkout.presenting {
            x += buffer.put(" PRESENTING ", x: x, y: y, style: Style(.badgePresenting, bold: true))
        }
        x += buffer.put("  Balance \(state.balance?.formatted ?? "…")", x: x, y: y, style: Style(.statusBar))
        x += buffer.put("  \(catalogText(state))", x: x, y: y, style: Style(state.catalog.refreshError == nil ? .statusBar : .warning))
        let cart = " Cart \(state.cart.units)/\(Cart.maxUnits) "
        buffer.put(cart, x: layout.width - DisplayWidth.of(cart), y: y,
                   style: Style(state.cart.roomLeft == 0 ? .warning : .accent, bold: !state.cart.isEmpty))
        drawKeys(state, layout, messageRows: messageRows, into: &buffer)
    }

    /// The message's rows: one when it fits, else two, wrapped at spaces where it can and inside a word (a file
    /// path) where it cannot; what a third row would hold ends in "…".
    static func messageLines(_ text: String, width: Int) -> [String] {
        let room = max(1, width - 1)
        guard DisplayWidth.of(text) > room else { return [text] }
        var lines: [String] = [""]
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let spaced = lines[lines.count - 1].isEmpty ? word : lines[lines.count - 1] + " " + word
            if DisplayWidth.of(spaced) <= room {
                lines[lines.count - 1] = spaced
            } else if DisplayWidth.of(word) <= room {
                lines.append(word)
            } else {
                // Longer than a row: it starts where it is and goes on in the next row.
                var line = lines[lines.count - 1].isEmpty ? "" : lines[lines.count - 1] + " "
                lines.removeLast()
                for character in word {
                    if DisplayWidth.of(line) + DisplayWidth.of(character) > room {
                        lines.append(line)
                        line = ""
                    }
                    line.append(character)
                }
                lines.append(line)
            }
        }
        guard lines.count > 2 else { return lines }
        return [lines[0], DisplayWidth.truncate(lines[1] + " " + lines[2...].joined(separator: " "), to: room)]
    }

    static func catalogText(_ state: AppState) -> String {
        let glyphs = Glyphs.of(state)
        if let progress = state.catalog.progress {
            switch progress.phase {
            case .waitingForRateLimit(let until):
                return "Catalog: rate limited, resuming in \(max(0, Int(until.timeIntervalSince(state.now).rounded(.up)))) s"
            case .retrying(let at, _):
                return "Catalog: retrying in \(max(0, Int(at.timeIntervalSince(state.now).rounded(.up)))) s"
            default:
                var text = "Catalog: refreshing \(Money.grouped(Int64(progress.productsRead)))"
                if let fraction = progress.fractionDone {
                    let filled = Int((fraction * 10).rounded())
                    text += " " + String(repeating: glyphs.full, count: filled) + String(repeating: glyphs.empty, count: 10 - filled)
                        + " \(Int(fraction * 100))%"
                }
                if let remaining = progress.estimatedRemaining(now: state.now) {
                    text += " \(glyphs.bullet) \(Int(remaining.rounded(.up))) s left"
                }
                return text
            }
        }
        let count = "Catalog \(Money.grouped(Int64(state.catalog.productCount)))"
        guard let refreshed = state.catalog.refreshedAt else { return count + " (never refreshed)" }
        return count + " \(glyphs.bullet) " + age(state.now.timeIntervalSince(refreshed))
    }

    static func age(_ seconds: TimeInterval) -> String {
        switch seconds {
        case ..<60: "just refreshed"
        case ..<3600: "\(Int(seconds / 60)) min old"
        case ..<(2 * 86_400): "\(Int(seconds / 3600)) h old"
        default: "\(Int(seconds / 86_400)) days old"
        }
    }

    private static func drawKeys(_ state: AppState, _ layout: Layout, messageRows: [String], into buffer: inout ScreenBuffer) {
        let y = layout.keysRow
        if let message = state.message {
            let role: StyleRole = switch message.kind {
            case .info: .text
            case .success: .success
            case .error: .error
            }
            let top = y - messageRows.count + 1
            for (offset, line) in messageRows.enumerated() {
                buffer.row(" " + line, x: 0, y: top + offset, width: layout.width, style: Style(role, bold: message.kind == .error))
            }
            return
        }
        var x = 1
        for (key, label) in hints(state) {
            guard x + DisplayWidth.of(key) + DisplayWidth.of(label) + 3 < layout.width else { break }
            x += buffer.put(key, x: x, y: y, style: Style(.key, bold: true))
            x += buffer.put(" \(label)  ", x: x, y: y, style: Style(.muted))
        }
    }

    /// The keys that matter on the current screen, most useful first.
    static func hints(_ state: AppState) -> [(String, String)] {
        switch state.overlay {
        case .help: return (HelpView.maxScroll(state) > 0 ? [("↑↓", "scroll")] : []) + [("Esc", "close help")]
        case .addToCart: return [("Enter", "add"), ("Tab", "next field"), ("↑↓", "choose"), ("Esc", "cancel")]
        case .confirmQuit, .confirmClearCart: return [("y", "yes"), ("n", "no")]
        case .confirmRemoveLine: return [("y", "remove it"), ("n", "keep it")]
        case .confirmPurchase: return [("y", "buy"), ("n", "back to the review")]
        case .confirmRepeatPurchase: return [("y", "buy it again"), ("n", "back to the review")]
        case nil: break
        }
        if let hints = checkoutHints(state) { return hints }
        if state.screen == .cart {
            return [("b", "buy"), ("+/-", "quantity"), ("d", "remove"), ("x", "empty"), ("h", "history"), ("Esc", "back"), ("?", "help"), ("q", "quit")]
        }
        let widen = Keymap.keyLabel(of: .searchAllCountries)
        if state.browser.isEditingSearch {
            let all: [(String, String)] = state.browser.selectedCountry == nil ? [] : [(widen, "all countries")]
            return [("Enter", "done"), ("Esc", "clear")] + all + [("↑↓", "move"), ("Ctrl-U", "clear"), ("Ctrl-W", "word")]
        }
        if state.browser.isJumpingToCountry {
            return [("a-z", "jump"), ("Enter", "keep"), ("Esc", "stop"), ("↑↓", "country")]
        }
        if state.browser.focus == .countries {
            return [("/", "jump"), ("↑↓", "country"), ("Enter/Tab", "products"), ("1-5", "type"), ("?", "help"), ("q", "quit")]
        }
        if !state.browser.searchText.isEmpty, state.browser.selectedCountry != nil {
            return [("/", "search"), (widen, "all countries"), ("a", "add"), ("c", "cart"), ("?", "help"), ("Esc", "clear"), ("q", "quit")]
        }
        return [("/", "search"), ("a", "add"), ("c", "cart"), ("e", "eSIM"), ("p", "phone"), ("h", "history"), ("?", "help"),
                ("Tab", "pane"), ("1-5", "type"), ("Enter", "open"), ("q", "quit")]
    }
}
