/// What the controllers share: the catalog, the store and the dialect's renderers.
struct SandboxServices: Sendable {
    let catalog: Catalog
    let store: SandboxStore
    let products: ProductRenderer
    let invoices: InvoiceRenderer
    let dialect: SandboxDialect
}
