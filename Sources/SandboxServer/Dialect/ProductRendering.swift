/// Products in either dialect.
///
/// observed: `{"id","name","country_code","country_name","currency","categories","created_time",
/// "recipient_type","image","in_stock","range":{"min","max","step","price_rate"},
/// "packages":[{"id","value":"10","price","amount"}]}` with no `type`; eSIM plans add `coverage`.
///
/// docs: `{"id","name","type","country","currency","in_stock","packages":[{"package_id","value":10,"price"}],
/// "range":{"min","max","step"}}`; eSIM package values stay strings, eSIM plans add `coverage`.
///
/// A product without packages has no `packages` key, one without a range no `range` key.
struct ProductRenderer: Sendable {
    let dialect: SandboxDialect
    let pricing: AccountPricing

    func render(_ product: Product) -> JSON {
        switch dialect {
        case .observed: observed(product)
        case .docs: docs(product)
        }
    }

    /// The `{"id","name"}` pair the docs dialect's `check_phone_number` lists operators with.
    func reference(_ product: Product) -> JSON {
        .object(["id": .string(product.id), "name": .string(product.name)])
    }

    private func observed(_ product: Product) -> JSON {
        .object([
            "id": .string(product.id),
            "name": .string(product.name),
            "country_code": .string(product.countryCode),
            "country_name": .string(product.countryName),
            "currency": .string(product.currency),
            "categories": .array(product.categories.map(JSON.string)),
            "created_time": .string(Timestamp.format(milliseconds: product.createdMillis)),
            "recipient_type": .string(product.kind.recipientType),
            "image": .string(product.image),
            "in_stock": .bool(product.inStock),
            "range": product.range.map { range in
                .object([
                    "min": .int(range.min), "max": .int(range.max), "step": .int(range.step),
                    "price_rate": .double(pricing.rate(for: product.currency)),
                ])
            },
            "packages": product.packages.isEmpty ? nil : .array(product.packages.map { package in
                .object([
                    "id": .string(package.id(in: product)),
                    "value": .string(package.label),
                    "price": .int(pricing.price(of: package.amount, in: product.currency)),
                    "amount": .double(package.amount),
                ])
            }),
            "coverage": product.kind == .esim ? .array(product.coverage.map(JSON.string)) : nil,
        ])
    }

    private func docs(_ product: Product) -> JSON {
        .object([
            "id": .string(product.id),
            "name": .string(product.name),
            "type": .string(product.kind.rawValue),
            "country": .string(product.countryCode),
            "currency": .string(product.currency),
            "in_stock": .bool(product.inStock),
            "packages": product.packages.isEmpty ? nil : .array(product.packages.map { package in
                .object([
                    "package_id": .string(package.id(in: product)),
                    "value": package.numericValue.map(JSON.double) ?? .string(package.label),
                    "price": .int(pricing.price(of: package.amount, in: product.currency)),
                ])
            }),
            "range": product.range.map { range in
                .object(["min": .int(range.min), "max": .int(range.max), "step": .int(range.step)])
            },
            "coverage": product.kind == .esim ? .array(product.coverage.map(JSON.string)) : nil,
        ])
    }
}
