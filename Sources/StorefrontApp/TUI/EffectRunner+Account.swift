import AccountHistory
import Checkout
import Foundation
import StorefrontTUI

extension EffectRunner {
    /// The Account screen's work: the cache first (at once), then the server when stale or asked; one invoice
    /// with its codes, which go to the screen only.
    func performAccount(_ effect: AccountEffect) {
        guard let account else {
            inbox.post(.account(.failed("The account history is not available here.", nil)))
            return
        }
        Task { [inbox] in
            switch effect {
            case .load(let force):
                await Self.loadAccount(account, force: force, inbox: inbox)
            case .loadMore:
                await Self.loadMoreAccount(account, inbox: inbox)
            case .open(let id):
                await Self.openAccountInvoice(account, id: id, inbox: inbox)
            }
        }
    }

    @inline(never)
    private static func loadAccount(_ account: AccountHistory, force: Bool, inbox: ActionInbox) async {
        do {
            let cached = try account.cached()
            let stale = try force || account.isStale(.invoices) || account.isStale(.orders)
            inbox.post(.account(.loaded(cached, stillLoading: stale)))
            guard stale else { return }
            if force { try account.expire() }
            _ = try await account.refreshIfStale(.invoices)
            inbox.post(.account(.loaded(try await account.refreshIfStale(.orders), stillLoading: false)))
        } catch {
            inbox.post(.account(.failed("\(error)", try? account.cached())))
        }
    }

    @inline(never)
    private static func loadMoreAccount(_ account: AccountHistory, inbox: ActionInbox) async {
        do {
            _ = try await account.loadMore(.invoices)
            inbox.post(.account(.loaded(try await account.loadMore(.orders), stillLoading: false)))
        } catch {
            inbox.post(.account(.failed("\(error)", try? account.cached())))
        }
    }

    @inline(never)
    private static func openAccountInvoice(_ account: AccountHistory, id: String, inbox: ActionInbox) async {
        do {
            inbox.post(.account(.opened(try await account.open(invoiceId: id))))
        } catch {
            inbox.post(.account(.openFailed(invoiceId: id, message: "\(error)")))
        }
    }
}
