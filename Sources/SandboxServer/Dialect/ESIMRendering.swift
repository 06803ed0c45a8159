/// eSIMs, the same in both dialects (the docs and the live API agree):
/// `{"id","product_id","created_time","rsp_url","pin","barcode_value","installed",
/// "package_history":[{"package_name","data_mb","status","remaining_quantity"}]}`.
/// `remaining_quantity` is in bytes; bundle `status` is `active`, `queued`, `depleted` or `expired`.
enum ESIMRenderer {
    static func render(_ esim: ESIMRecord) -> JSON {
        .object([
            "id": .string(esim.iccid),
            "product_id": .string(esim.productID),
            "created_time": .string(Timestamp.format(esim.createdAt)),
            "rsp_url": .string(esim.smdpAddress),
            "pin": .string(esim.pin),
            "barcode_value": .string(esim.lpa),
            "installed": .bool(esim.installed),
            "package_history": .array(esim.bundles.map { bundle in
                .object([
                    "package_name": .string(bundle.name),
                    "data_mb": .int(bundle.dataMB),
                    "status": .string(bundle.status),
                    "remaining_quantity": .int(bundle.remainingBytes),
                ])
            }),
        ])
    }
}
