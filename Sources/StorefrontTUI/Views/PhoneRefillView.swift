import StorefrontDomain

/// The phone refill screen: the number and its country, then the operators that serve it and what of it is
/// already in the cart. The add-to-cart dialog opens over it for the chosen operator.
enum PhoneRefillView {
    static let labelWidth = 12

    static func draw(_ state: AppState, _ layout: Layout, into buffer: inout ScreenBuffer) {
        let glyphs = Glyphs.of(state)
        let pane = layout.body
        let phone = state.phone
        buffer.box(pane, title: phone.step == .number ? "Phone refill \(glyphs.bullet) the number" : "Phone refill \(glyphs.bullet) the operator",
                   glyphs: glyphs, style: Style(.accent))
        let area = Rect(x: pane.x + 2, y: pane.y + 1, width: pane.width - 4, height: pane.height - 2)
        switch phone.step {
        case .number: drawNumber(state, area, glyphs, into: &buffer)
        case .operators: drawOperators(state, area, glyphs, into: &buffer)
        }
        let keys = phone.step == .number ? "Enter check \(glyphs.bullet) Tab number / country \(glyphs.bullet) Esc clear / back"
            : "Enter packages \(glyphs.bullet) b buy the cart \(glyphs.bullet) Esc other number"
        buffer.put(" \(keys) ", x: pane.x + 2, y: pane.maxY - 1, style: Style(.key))
    }

    private static func drawNumber(_ state: AppState, _ area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let phone = state.phone
        let fieldX = area.x + labelWidth
        let fieldWidth = area.width - labelWidth
        field("Number", phone.numberText, placeholder: "as the customer gives it: +49 152 1234 5678, or 0152… with a country",
              focused: phone.field == .number, fromEnd: state.cursorFromEnd(in: .phoneNumber, of: phone.numberText),
              y: area.y, area, glyphs, into: &buffer)
        let countryName = CountryNames.name(of: phone.countryText).map { " (\($0))" } ?? ""
        field("Country", phone.countryText.isEmpty ? "" : phone.countryText + countryName,
              placeholder: "optional: two letters (DE, US) for numbers typed without +", focused: phone.field == .country,
              y: area.y + 1, area, glyphs, into: &buffer)
        let y = area.y + 3
        if let checking = phone.checking {
            buffer.row("Checking \(checking) with the API\(glyphs.ellipsis)", x: fieldX, y: y, width: fieldWidth, style: Style(.accent, bold: true))
        } else if let error = phone.error {
            buffer.wrapped(error, x: fieldX, y: y, width: fieldWidth, maxRows: 3, style: Style(.error, bold: true))
        } else if let note = (try? PhoneNumberInput.read(phone.numberText, country: phone.countryText))?.note {
            buffer.row(note, x: fieldX, y: y, width: fieldWidth, style: Style(.muted))
        }
        drawInCart(state, y: area.maxY - 2, area, into: &buffer)
    }

    private static func drawOperators(_ state: AppState, _ area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        let phone = state.phone
        let number = phone.reading?.e164 ?? ""
        buffer.row("Number", x: area.x, y: area.y, width: labelWidth, style: Style(.muted))
        var x = area.x + labelWidth + buffer.put(number, x: area.x + labelWidth, y: area.y, style: Style(.title, bold: true))
        if let how = phone.reading?.how {
            x += buffer.put("   \(how)", x: x, y: area.y, style: Style(.muted), maxWidth: area.maxX - x)
        }
        let count = phone.operators.count
        let heading = count == 1 ? "One operator serves it:" : "\(count) operators serve it: ask the customer which is theirs."
        buffer.row(heading, x: area.x, y: area.y + 2, width: area.width, style: Style(.title, bold: true))
        let nameWidth = max(20, (area.width - 2) / 2)
        buffer.row(DisplayWidth.fit("Operator", to: nameWidth) + "  Product", x: area.x, y: area.y + 3, width: area.width,
                   style: Style(.muted, underline: true))
        let rows = max(1, area.height - 9)
        let top = max(0, min(phone.operatorSelection - rows + 1, count - rows))
        for (offset, choice) in phone.operators.dropFirst(top).prefix(rows).enumerated() {
            let selected = top + offset == phone.operatorSelection
            buffer.row(DisplayWidth.fit(choice.name, to: nameWidth) + "  " + choice.id, x: area.x, y: area.y + 4 + offset,
                       width: area.width, style: selected ? Style(.selection, bold: true) : .text)
        }
        let statusY = area.maxY - 4
        if phone.loadingOperator != nil {
            buffer.row("Reading the operator's packages\(glyphs.ellipsis)", x: area.x, y: statusY, width: area.width, style: Style(.accent))
        } else if let error = phone.error {
            buffer.wrapped(error, x: area.x, y: statusY, width: area.width, maxRows: 2, style: Style(.error, bold: true))
        }
        drawInCart(state, y: area.maxY - 2, area, into: &buffer)
    }

    /// The cart lines for the number checked, so what was added is in sight, and how to buy it now.
    private static func drawInCart(_ state: AppState, y: Int, _ area: Rect, into buffer: inout ScreenBuffer) {
        guard let number = state.phone.reading?.e164 else { return }
        let lines = state.cart.lines.filter { $0.phoneNumber == number }
        guard !lines.isEmpty else { return }
        let items = lines.map { "\($0.productName) \($0.faceValue)\($0.quantity > 1 ? " ×\($0.quantity)" : "")" }.joined(separator: ", ")
        buffer.row("In the cart for \(number): \(items)", x: area.x, y: y, width: area.width, style: Style(.success, bold: true))
        buffer.row("b reviews and buys the cart now; c opens it; Esc checks another number.", x: area.x, y: y + 1, width: area.width,
                   style: Style(.muted))
    }

    private static func field(_ label: String, _ text: String, placeholder: String, focused: Bool, fromEnd: Int = 0, y: Int,
                              _ area: Rect, _ glyphs: Glyphs, into buffer: inout ScreenBuffer) {
        buffer.row((focused ? "› " : "  ") + label, x: area.x, y: y, width: labelWidth, style: Style(focused ? .accent : .text, bold: focused))
        let cursor = focused ? glyphs.cursor : ""
        if text.isEmpty {
            buffer.row(cursor + placeholder, x: area.x + labelWidth, y: y, width: area.width - labelWidth, style: Style(.muted))
        } else {
            buffer.row(focused ? LineEditor.show(text, cursorFromEnd: fromEnd, glyph: glyphs.cursor) : text, x: area.x + labelWidth, y: y, width: area.width - labelWidth, style: Style(.input, bold: focused))
        }
    }
}
