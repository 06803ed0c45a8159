import AccountHistory
import BitrefillAPI
import CatalogStore
import Checkout
import Foundation
import StorefrontTUI
import Synchronization

/// Performs the effects `reduce` asks for and posts what came of them as actions. Database effects run one at a
/// time in the order they were asked for (a later cart save never loses to an earlier one); network calls run
/// beside them.
public final class EffectRunner: Sendable {
    let catalog: CatalogService
    private let userData: UserDatabase
    let client: BitrefillClient
    let inbox: ActionInbox
    /// Creating, following and paying invoices; nil where nothing is bought (tests of the browser).
    private let checkout: CheckoutRunner?
    /// The account's invoices from the server; nil where the Account screen is not tested.
    let account: AccountHistory?
    private let queue: AsyncStream<Effect>.Continuation
    private let worker: Task<Void, Never>
    private let detailGeneration = Mutex(0)
    private let detailDelay: Duration

    public init(catalog: CatalogService, userData: UserDatabase, client: BitrefillClient, inbox: ActionInbox,
                checkout: CheckoutRunner? = nil, account: AccountHistory? = nil, detailDelay: Duration = .milliseconds(60)) {
        self.detailDelay = detailDelay
        self.account = account
        self.checkout = checkout
        self.catalog = catalog
        self.userData = userData
        self.client = client
        self.inbox = inbox
        let (stream, continuation) = AsyncStream<Effect>.makeStream()
        queue = continuation
        worker = Task.detached { [catalog, userData, inbox] in
            for await effect in stream {
                Self.performLocal(effect, catalog: catalog, userData: userData, inbox: inbox)
            }
        }
    }

    public func perform(_ effect: Effect) {
        switch effect {
        case .loadBalance:
            Task { [client, inbox] in
                do {
                    inbox.post(.balanceLoaded(try await client.send(Endpoints.balance()).amount))
                } catch let error as APIError {
                    inbox.post(.balanceFailed(error.message))
                } catch {
                    inbox.post(.balanceFailed("\(error)"))
                }
            }
        case .loadDetail:
            // The detail waits for the selection to rest: holding ↓ moves the bar row by row without
            // repainting the detail pane for every product passed over.
            let generation = detailGeneration.withLock { value -> Int in
                value += 1
                return value
            }
            Task {
                try? await Task.sleep(for: self.detailDelay)
                guard self.detailGeneration.withLock({ $0 == generation }) else { return }
                self.queue.yield(effect)
            }
        case .checkout(let effect):
            checkout?.perform(effect)
        case .esim(let effect):
            performESIM(effect)
        case .phoneRefill(let effect):
            performPhoneRefill(effect)
        case .account(let effect):
            performAccount(effect)
        case .repaintAll, .quit, .copyToClipboard:
            break
        default:
            queue.yield(effect)
        }
    }

    /// Stops the worker after the effects already asked for (a last cart save is not lost), and the follows.
    public func finish() async {
        queue.finish()
        await worker.value
        await checkout?.finish()
    }

    private static func performLocal(_ effect: Effect, catalog: CatalogService, userData: UserDatabase, inbox: ActionInbox) {
        switch effect {
        case .loadCatalogSummary:
            do {
                let count = try catalog.database.liveProductCount()
                inbox.post(.catalogSummaryLoaded(productCount: count, refreshedAt: try catalog.database.metadata()?.lastCompleted))
            } catch {
                inbox.post(.catalogUnreadable("\(error)"))
            }
        case .loadCountries:
            do {
                inbox.post(.countriesLoaded(try catalog.countries(), totals: try catalog.totals()))
            } catch {
                inbox.post(.catalogUnreadable("\(error)"))
            }
        case .queryProducts(let query):
            do {
                inbox.post(.productsLoaded(try catalog.products(query), for: query))
            } catch {
                inbox.post(.productsFailed(message(error), for: query))
            }
        case .loadDetail(let id):
            do {
                inbox.post(.detailLoaded(try catalog.product(id: id)))
            } catch {
                inbox.post(.detailFailed(productId: id, message: message(error)))
            }
        case .saveCart(let lines):
            do {
                try userData.saveCart(lines)
            } catch {
                inbox.post(.cartSaveFailed(error.description))
            }
        case .loadBalance, .repaintAll, .quit, .cycleTheme, .checkout, .copyToClipboard, .esim, .phoneRefill, .account:
            break
        }
    }

    private static func message(_ error: any Error) -> String {
        String(describing: error)
    }
}
