import Foundation

/// An eSIM bought with this account; its id is the ICCID.
public struct ESIM: Sendable, Equatable, Decodable {
    public var id: String
    /// SM-DP+ server address.
    public var rspURL: String?
    public var pin: String?
    /// The LPA string a phone scans (`LPA:1$SMDP$ACTIVATION`).
    public var barcodeValue: String?
    public var installed: Bool?
    /// The plan (eSIM product) the eSIM belongs to, when the server says.
    public var productId: String?
    public var packageHistory: [ESIMBundle]

    enum CodingKeys: String, CodingKey {
        case id, iccid, pin, installed
        case rspURL = "rsp_url", barcodeValue = "barcode_value", productId = "product_id"
        case packageHistory = "package_history"
    }

    public init(id: String, rspURL: String? = nil, pin: String? = nil, barcodeValue: String? = nil, installed: Bool? = nil,
                productId: String? = nil, packageHistory: [ESIMBundle] = []) {
        self.id = id
        self.rspURL = rspURL
        self.pin = pin
        self.barcodeValue = barcodeValue
        self.installed = installed
        self.productId = productId
        self.packageHistory = packageHistory
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let id = container.flexibleString(.id, .iccid), !id.isEmpty else {
            throw DecodingError.keyNotFound(CodingKeys.id, .init(codingPath: decoder.codingPath, debugDescription: "eSIM without an id"))
        }
        self.id = id
        rspURL = container.flexibleString(.rspURL)
        pin = container.flexibleString(.pin)
        barcodeValue = container.flexibleString(.barcodeValue)
        installed = container.flexibleBool(.installed)
        productId = container.flexibleString(.productId)
        packageHistory = container.lossyArray(ESIMBundle.self, .packageHistory)
    }
}

/// One data bundle on an eSIM.
public struct ESIMBundle: Sendable, Equatable, Decodable {
    public var packageName: String?
    public var dataMB: Int64?
    public var status: String?
    /// Remaining data in bytes, as the reference's example suggests (500000000 of 1000 MB).
    public var remainingQuantity: Int64?

    enum CodingKeys: String, CodingKey {
        case status
        case packageName = "package_name", dataMB = "data_mb", remainingQuantity = "remaining_quantity"
    }

    public init(packageName: String? = nil, dataMB: Int64? = nil, status: String? = nil, remainingQuantity: Int64? = nil) {
        self.packageName = packageName
        self.dataMB = dataMB
        self.status = status
        self.remainingQuantity = remainingQuantity
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        packageName = container.flexibleString(.packageName)
        dataMB = container.flexibleInt64(.dataMB)
        status = container.flexibleString(.status)
        remainingQuantity = container.flexibleInt64(.remainingQuantity)
    }
}
