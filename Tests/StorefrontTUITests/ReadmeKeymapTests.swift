import Foundation
import StorefrontTUI
import Testing

/// The README's key table and the help screen come from different places; this keeps them saying the same keys.
@Suite struct ReadmeKeymapTests {
    static let readme: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
    }()

    /// The table under "The full-screen storefront".
    static var keyTable: String {
        guard let start = readme.range(of: "| where | key | does |"), let end = readme.range(of: "**Checkout.**", range: start.upperBound..<readme.endIndex)
        else { return "" }
        return String(readme[start.lowerBound..<end.lowerBound])
    }

    static let contexts: Set<KeyBinding.Context> = [.everywhere, .browser, .cart, .review, .purchase, .history, .account]

    @Test(arguments: Keymap.bindings.filter { contexts.contains($0.context) })
    func theReadmeNamesEveryKeyTheHelpLists(binding: KeyBinding) {
        #expect(!Self.keyTable.isEmpty, "README.md has its key table")
        let named = binding.keys.contains { key in
            let label = key.label
            // Esc, Ctrl-G and arrows are written without backticks; letters always with them.
            let bare = label.count > 1 || label.first?.isASCII == false
            return Self.keyTable.contains("`\(label)`") || (bare && Self.keyTable.contains(label))
        }
        #expect(named, "README's key table does not name \(binding.keys.map(\.label)) (\(binding.summary))")
    }
}
