import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The add dialog speaks in the product's currency: package face values, the typed value's price, and
/// "or type a value" only where a range lets one be typed.
@Suite struct AddToCartDialogTests {
    func dialog(_ summary: ProductSummary, typed: String = "") -> String {
        var state = SampleApp.browsing()
        var form = AddToCartForm(product: SampleApp.detail(summary))
        form.valueText = typed
        state.overlay = .addToCart(form)
        return render(state).text
    }

    @Test func packagesShowTheirFaceValueInTheProductsCurrencyAndNoValueCanBeTyped() {
        let text = dialog(SampleApp.products[0])
        #expect(text.contains("10 EUR"))
        #expect(!text.contains("or type a value"))
        #expect(text.contains("or type a package"))
    }

    @Test func aValidTypedValueShowsItsPrice() {
        let text = dialog(SampleApp.products[1], typed: "15")
        #expect(text.contains("value: 15"))
        #expect(text.contains("= 15 EUR"))
        #expect(!dialog(SampleApp.products[1], typed: "17").contains("= 17 EUR"), "an off-step value has no price")
    }
}
