import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The phone refill screen in `reduce`, and how typed numbers are read into E.164.
@Suite struct PhoneRefillReduceTests {
    static let operatorProduct: ProductDetail = {
        let summary = ProductSummary(id: "vodafone-de", name: "Vodafone Prepaid", type: .phoneRefill, countryCode: "DE",
                                     countryName: "Germany", currency: "EUR", packageValues: ["15", "25"])
        return SampleApp.detail(summary)
    }()

    func press(_ state: inout AppState, _ keys: Key...) -> [Effect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    func type(_ state: inout AppState, _ text: String) -> [Effect] {
        text.flatMap { reduce(&state, .keyPressed(.character($0))) }
    }

    /// The screen opened from the browser with Germany chosen, and `number` typed.
    func typed(_ number: String) -> AppState {
        var state = SampleApp.browsing()
        state.browser.countryIndex = 1
        _ = press(&state, .character("p"))
        _ = type(&state, number)
        return state
    }

    @Test func aNationalNumberIsCompletedWithTheBrowsersCountryAndChecked() {
        var state = typed("0152 1234 5678")
        #expect(state.screen == .phoneRefill)
        #expect(state.phone.countryText == "DE")
        #expect(press(&state, .enter) == [.phoneRefill(.check(number: "+4915212345678"))])
        #expect(state.phone.reading?.note == "Read as a number of Germany: +4915212345678")
    }

    @Test func oneOperatorOpensItsAddDialogWithTheNumberAndTheLineGoesToTheCart() throws {
        var state = typed("+4915212345678")
        _ = press(&state, .enter)
        let effects = reduce(&state, .phoneRefill(.checked(number: "+4915212345678", operators: [PhoneOperatorChoice(id: "vodafone-de", name: "Vodafone Prepaid")])))
        #expect(effects == [.phoneRefill(.loadOperator(id: "vodafone-de"))], "one operator: nothing to pick")
        _ = reduce(&state, .phoneRefill(.operatorLoaded(Self.operatorProduct)))
        guard case .addToCart(let form) = state.overlay else { Issue.record("no dialog"); return }
        #expect(form.phoneText == "+4915212345678")
        #expect(press(&state, .enter) == [.saveCart(state.cart.lines)])
        let line = try #require(state.cart.lines.first)
        #expect(line.phoneNumber == "+4915212345678" && line.productId == "vodafone-de")
        #expect(render(state).text.contains("In the cart for +4915212345678"))
        _ = press(&state, .character("b"))
        #expect(state.screen == .review, "b goes straight to the checkout")
    }

    @Test func severalOperatorsArePickedFrom() {
        var state = typed("+4915112345678")
        _ = press(&state, .enter)
        let operators = ["a", "b", "c"].map { PhoneOperatorChoice(id: "op-\($0)", name: "Operator \($0)") }
        #expect(reduce(&state, .phoneRefill(.checked(number: "+4915112345678", operators: operators))).isEmpty)
        #expect(state.phone.step == .operators)
        #expect(render(state).text.contains("3 operators serve it"))
        #expect(press(&state, .down, .enter) == [.phoneRefill(.loadOperator(id: "op-b"))])
        _ = press(&state, .escape)
        #expect(state.phone.step == .number)
    }

    @Test func refusalsSayWhatToDo() {
        var state = typed("+4919912345678")
        _ = press(&state, .enter)
        let message = PhoneCheckAdvice.message(code: "unsupported_operator", number: "+4919912345678", serverMessage: "No supported operator")
        _ = reduce(&state, .phoneRefill(.checkFailed(number: "+4919912345678", message: message)))
        #expect(state.phone.step == .number)
        #expect(state.phone.error?.contains("check the number with the customer") == true)
        var bad = SampleApp.browsing()
        _ = press(&bad, .character("p"))
        _ = type(&bad, "12345")
        #expect(press(&bad, .enter).isEmpty, "refused before any request")
        #expect(bad.phone.error?.contains("has no country code") == true)
    }

    @Test func typedNumbersAreReadIntoE164() throws {
        #expect(try PhoneNumberInput.read("+49 152 1234-5678", country: nil) == PhoneNumberReading(e164: "+4915212345678"))
        #expect(try PhoneNumberInput.read("0049 152 12345678", country: nil).e164 == "+4915212345678")
        #expect(try PhoneNumberInput.read("015212345678", country: "de").e164 == "+4915212345678")
        #expect(try PhoneNumberInput.read("4915212345678", country: "DE").e164 == "+4915212345678")
        #expect(try PhoneNumberInput.read("(555) 123-4567", country: "US").e164 == "+15551234567")
        #expect(try PhoneNumberInput.read("4915212345678", country: nil).note == "Read with its country code first: +4915212345678")
        #expect(throws: PhoneNumberError.self) { try PhoneNumberInput.read("015212345678", country: nil) }
        #expect(throws: PhoneNumberError.self) { try PhoneNumberInput.read("12345", country: nil) }
        #expect(throws: PhoneNumberError.self) { try PhoneNumberInput.read("+49 152 CALL ME", country: nil) }
        #expect(throws: PhoneNumberError.self) { try PhoneNumberInput.read("0152", country: "ZZ") }
    }
}
