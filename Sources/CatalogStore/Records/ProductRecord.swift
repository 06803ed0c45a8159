import Foundation
import GRDB
import StorefrontDomain

/// A row of `product`: one product as the cache keeps it, apart from the API's DTO so the two can change
/// independently. Display text is sanitised; `id` is kept as sent because purchases send it back.
struct ProductRecord: Sendable, Hashable, FetchableRecord {
    /// The row's integer key; child tables and the search index point at it. nil before the first write.
    var key: Int64?
    var id: String
    var name: String
    /// `name` folded (`SearchText.fold`): the listing order, and what a search's whole-name prefix is matched against.
    var nameKey: String
    var type: ProductType
    var typeBasis: ClassificationBasis
    var countryCode: String?
    var currency: String?
    var recipientType: RecipientType?
    var image: String?
    var inStock: Bool
    var createdTime: String?
    /// A hash of everything above (but the dates) and of the product's children: equal hashes mean the product
    /// did not change, so a refresh skips writing it.
    var contentHash: Int64
    var firstSeen: Date
    var updated: Date
    var gone: Date?

    init(key: Int64? = nil, id: String, name: String, nameKey: String, type: ProductType, typeBasis: ClassificationBasis,
         countryCode: String?, currency: String?, recipientType: RecipientType?, image: String?, inStock: Bool,
         createdTime: String?, contentHash: Int64, firstSeen: Date, updated: Date, gone: Date? = nil) {
        self.key = key
        self.id = id
        self.name = name
        self.nameKey = nameKey
        self.type = type
        self.typeBasis = typeBasis
        self.countryCode = countryCode
        self.currency = currency
        self.recipientType = recipientType
        self.image = image
        self.inStock = inStock
        self.createdTime = createdTime
        self.contentHash = contentHash
        self.firstSeen = firstSeen
        self.updated = updated
        self.gone = gone
    }

    init(row: Row) throws {
        key = row["key"]
        id = row["id"]
        name = row["name"]
        nameKey = row["name_key"]
        type = ProductType(rawValue: row["type"])
        typeBasis = ClassificationBasis(rawValue: row["type_basis"]) ?? .fallback
        countryCode = row["country_code"]
        currency = row["currency"]
        recipientType = (row["recipient_type"] as String?).map(RecipientType.init(rawValue:))
        image = row["image"]
        inStock = row["in_stock"]
        createdTime = row["created_time"]
        contentHash = row["content_hash"]
        firstSeen = DatabaseTime.date(row["first_seen"])
        updated = DatabaseTime.date(row["updated"])
        gone = (row["gone"] as Int64?).map(DatabaseTime.date)
    }

    /// Inserts the product, or updates the row with its id (keeping the key and `first_seen`, clearing `gone`).
    static let upsertSQL = """
        INSERT INTO product (id, name, name_key, type, type_basis, country_code, currency, recipient_type, image,
                             in_stock, created_time, content_hash, first_seen, updated, gone)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
        ON CONFLICT (id) DO UPDATE SET
            name = excluded.name, name_key = excluded.name_key, type = excluded.type, type_basis = excluded.type_basis,
            country_code = excluded.country_code, currency = excluded.currency, recipient_type = excluded.recipient_type,
            image = excluded.image, in_stock = excluded.in_stock, created_time = excluded.created_time,
            content_hash = excluded.content_hash, updated = excluded.updated, gone = NULL
        RETURNING key
        """

    var upsertArguments: StatementArguments {
        [id, name, nameKey, type.rawValue, typeBasis.rawValue, countryCode, currency, recipientType?.rawValue, image,
         inStock, createdTime, contentHash, DatabaseTime.milliseconds(firstSeen), DatabaseTime.milliseconds(updated)]
    }
}

/// A row of `package`: a fixed denomination, in the API's order.
struct PackageRecord: Sendable, Hashable {
    var position: Int
    /// As sent: it is what a purchase sends back.
    var packageID: String
    var value: String
    /// In the account currency's smallest unit.
    var price: Int64?
    /// The face value as a decimal string, when the API sent one apart from `value`.
    var amount: String?

    static let insertSQL = "INSERT INTO package (product_key, position, package_id, value, price, amount) VALUES (?, ?, ?, ?, ?, ?)"

    func insertArguments(productKey: Int64) -> StatementArguments {
        [productKey, position, packageID, value, price, amount]
    }
}

/// A row of `value_range`. Face values are exact decimal strings ("0.5"), the price rate an integer in
/// millionths of the account currency's smallest unit.
struct RangeRecord: Sendable, Hashable {
    var min: String
    var max: String
    var step: String
    var priceRateMicros: Int64?

    static let insertSQL = "INSERT INTO value_range (product_key, min, max, step, price_rate_micros) VALUES (?, ?, ?, ?, ?)"

    func insertArguments(productKey: Int64) -> StatementArguments {
        [productKey, min, max, step, priceRateMicros]
    }

    var valueRange: ValueRange? {
        guard let min = Self.decimal(min), let max = Self.decimal(max), let step = Self.decimal(step) else { return nil }
        return ValueRange(min: min, max: max, step: step, priceRateMicros: priceRateMicros)
    }

    /// Written by `ProductNormalizer` as "\(Decimal)", so always with a dot; no locale is consulted (loading one
    /// costs megabytes of memory in a listing).
    static func decimal(_ text: String) -> Decimal? {
        Decimal(string: text)
    }
}
