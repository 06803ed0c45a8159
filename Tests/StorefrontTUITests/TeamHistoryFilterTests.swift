import Foundation
import StorefrontDomain
import StorefrontTestSupport
import StorefrontTUI
import Testing

/// The desk's history in the full-screen storefront, narrowed by whose purchases: `m` keeps the agent's own and
/// shows everyone's again, `a` keeps the selected purchase's agent. The title says which list is on screen, the key
/// hints and the help name the keys, and it all fits 80x24.
@Suite struct TeamHistoryFilterTests {
    static let me = "carol@desk3"

    static var mine: Purchase {
        var purchase = SamplePurchases.following
        purchase.agent = me
        return purchase
    }

    static var everyones: [Purchase] { TeamDeskScreenTests.purchases + [mine] }

    func onTeamHistory(width: Int = 80, height: Int = 24) -> AppState {
        var state = SampleApp.browsing(width: width, height: height)
        state.connection.isTeam = true
        state.connection.agent = Self.me
        _ = reduce(&state, .keyPressed(.character("h")))
        _ = reduce(&state, .checkout(.historyLoaded(Self.everyones, filter: "")))
        return state
    }

    func title(_ state: AppState) -> String {
        render(state).text.split(separator: "\n").first { $0.contains("History") }.map(String.init) ?? ""
    }

    @Test func mKeepsMyPurchasesAndMAgainShowsEveryones() {
        var state = onTeamHistory()
        #expect(title(state).contains("4 purchases · everyone's"), "\(title(state))")
        #expect(reduce(&state, .keyPressed(.character("m"))) == [.checkout(.loadHistory(filter: "", agent: Self.me))])
        #expect(state.checkout.history.isLoading)
        _ = reduce(&state, .checkout(.historyLoaded([Self.mine], filter: "", agent: Self.me)))
        #expect(title(state).contains("1 purchase · mine"), "\(title(state))")
        #expect(state.checkout.history.entries == [Self.mine])

        #expect(reduce(&state, .keyPressed(.character("m"))) == [.checkout(.loadHistory(filter: "", agent: nil))])
        _ = reduce(&state, .checkout(.historyLoaded([Self.mine], filter: "", agent: Self.me)))
        #expect(state.checkout.history.isLoading, "an answer for the list before is dropped")
        _ = reduce(&state, .checkout(.historyLoaded(Self.everyones, filter: "", agent: nil)))
        #expect(title(state).contains("4 purchases · everyone's"), "\(title(state))")
    }

    @Test func aKeepsTheSelectedPurchasesAgentAndAAgainShowsEveryones() {
        var state = onTeamHistory()
        state.checkout.history.selection = 0
        #expect(state.checkout.history.selectedEntry?.agent == "alice@desk2")
        #expect(reduce(&state, .keyPressed(.character("a"))) == [.checkout(.loadHistory(filter: "", agent: "alice@desk2"))])
        _ = reduce(&state, .checkout(.historyLoaded([TeamDeskScreenTests.purchases[0]], filter: "", agent: "alice@desk2")))
        #expect(title(state).contains("1 purchase · alice@desk2's"), "\(title(state))")
        #expect(reduce(&state, .keyPressed(.character("a"))) == [.checkout(.loadHistory(filter: "", agent: nil))])
    }

    @Test func theSearchKeepsWhosePurchasesAreListed() {
        var state = onTeamHistory()
        _ = reduce(&state, .keyPressed(.character("m")))
        _ = reduce(&state, .keyPressed(.character("/")))
        #expect(reduce(&state, .keyPressed(.character("x"))) == [.checkout(.loadHistory(filter: "x", agent: Self.me))])
        _ = reduce(&state, .checkout(.historyLoaded([], filter: "x", agent: Self.me)))
        _ = reduce(&state, .keyPressed(.enter))
        #expect(render(state).text.contains("None of your purchases matches 'x'"), "\(render(state).text)")
    }

    @Test func theKeysAreHintedAndHelpedAndFitEightyColumns() {
        var state = onTeamHistory()
        let screen = render(state).text
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 80 } && lines.count <= 24, "\(screen)")
        #expect(lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0.contains("m mine/all") && $0.contains("a agent") && $0.contains("q quit") } == true,
                "\(screen)")
        _ = reduce(&state, .keyPressed(.character("?")))
        let help = render(state).text
        #expect(help.contains("Team: mine / everyone's") && help.contains("Team: selected's agent"), "\(help)")
    }

    @Test func outsideTeamModeEveryPurchaseIsYoursAndTheKeysSaySo() {
        var state = SampleApp.browsing(width: 80, height: 24)
        _ = reduce(&state, .keyPressed(.character("h")))
        _ = reduce(&state, .checkout(.historyLoaded([SamplePurchases.delivered], filter: "")))
        #expect(!title(state).contains("mine") && !title(state).contains("everyone"), "\(title(state))")
        #expect(!render(state).text.contains("m mine/all"))
        #expect(reduce(&state, .keyPressed(.character("m"))).isEmpty)
        #expect(state.message?.text.contains("a team's history") == true, "\(String(describing: state.message))")
    }
}
