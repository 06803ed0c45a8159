import BitrefillAPI
import CatalogStore
import Foundation
import StorefrontDomain
import StorefrontTUI

/// The eSIM and phone refill screens' work: API look-ups beside the loop, catalog reads from the cache with
/// the API as the fallback for a product the cache does not have yet.
extension EffectRunner {
    func performESIM(_ effect: ESIMEffect) {
        Task { [client, catalog, inbox] in
            switch effect {
            case .lookUp(let iccid):
                do {
                    inbox.post(.esim(.loaded(ESIMDetails(try await client.send(Endpoints.esim(iccid: iccid))))))
                } catch let error as APIError where error.kind == .notFound {
                    inbox.post(.esim(.notFound(iccid: iccid)))
                } catch {
                    inbox.post(.esim(.lookUpFailed(iccid: iccid, message: Self.describe(error))))
                }
            case .loadOwned:
                do {
                    inbox.post(.esim(.ownedLoaded(try await client.pages(Endpoints.esims()).collectItems().map(ESIMDetails.init))))
                } catch {
                    inbox.post(.esim(.ownedFailed(Self.describe(error))))
                }
            case .loadPlans:
                if let plans = try? catalog.products(CatalogQuery(type: .esim, limit: nil)).items {
                    inbox.post(.esim(.plansLoaded(plans)))
                }
            case .loadPlan(let id):
                await Self.loadPlan(id, client: client, catalog: catalog, inbox: inbox)
            }
        }
    }

    func performPhoneRefill(_ effect: PhoneRefillEffect) {
        Task { [client, catalog, inbox] in
            switch effect {
            case .check(let number):
                do {
                    let result = try await client.send(Endpoints.checkPhoneNumber(number))
                    inbox.post(.phoneRefill(.checked(number: number, operators: PhoneOperatorChoice.all(in: result))))
                } catch let error as APIError {
                    let message = PhoneCheckAdvice.message(code: error.errorCode, number: number, serverMessage: error.message)
                    inbox.post(.phoneRefill(.checkFailed(number: number, message: message)))
                } catch {
                    inbox.post(.phoneRefill(.checkFailed(number: number, message: Self.describe(error))))
                }
            case .loadOperator(let id):
                await Self.loadOperator(id, client: client, catalog: catalog, inbox: inbox)
            }
        }
    }

    /// Its own non-inlined function: Swift 6.3.1 crashes in `-c release` ("While splitting coroutine") when
    /// `product(...)`, with its `try?` chains, is inlined into an arm of a `Task { switch ... }`.
    @inline(never)
    private static func loadPlan(_ id: String, client: BitrefillClient, catalog: CatalogService, inbox: ActionInbox) async {
        do {
            inbox.post(.esim(.planLoaded(try await product(id, esimPlan: true, client: client, catalog: catalog))))
        } catch {
            inbox.post(.esim(.planFailed(id: id, message: "The plan's bundles could not be read: \(describe(error))")))
        }
    }

    /// Not inlined, for the same compiler crash as `loadPlan`.
    @inline(never)
    private static func loadOperator(_ id: String, client: BitrefillClient, catalog: CatalogService, inbox: ActionInbox) async {
        do {
            inbox.post(.phoneRefill(.operatorLoaded(try await product(id, esimPlan: false, client: client, catalog: catalog))))
        } catch {
            inbox.post(.phoneRefill(.operatorFailed(id: id, message: "The operator's packages could not be read: \(describe(error))")))
        }
    }

    /// From the cache when it has the product; otherwise from the API, priced in the cache's account currency.
    private static func product(_ id: String, esimPlan: Bool, client: BitrefillClient, catalog: CatalogService) async throws -> ProductDetail {
        if let cached = try? catalog.product(id: id) { return cached }
        let endpoint = esimPlan ? Endpoints.esimPlan(id: id) : Endpoints.product(id: id)
        let currency = (try? catalog.database.metadata())??.accountCurrency
        return try await client.send(endpoint).detail(isESIMPlan: esimPlan, accountCurrency: currency, at: Date())
    }

    private static func describe(_ error: any Error) -> String {
        (error as? APIError)?.message ?? String(describing: error)
    }
}
