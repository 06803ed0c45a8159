import Testing
@testable import SandboxServer

@Suite struct ESIMTests {
    @Test func seededESIMsAreListedWithValidICCIDs() async throws {
        try await TestSandbox.with { sandbox in
            let esims = try await sandbox.get("/esims").list
            let ids = esims.compactMap { $0["id"] as? String }
            #expect(ids == SandboxControl.seededESIMIDs)
            #expect(ids == ["8988247000000000019", "8988247000000000027", "8988247000000000035", "89882470000000000048"])
            let depleted = try await sandbox.get("/esims/8988247000000000027").data
            let bundle = try #require((depleted["package_history"] as? [[String: Any]])?.first)
            #expect(bundle["status"] as? String == "depleted")
            #expect(bundle["remaining_quantity"] as? Int == 0)
            #expect(depleted["product_id"] as? String == "test-esim")
            #expect((depleted["barcode_value"] as? String)?.hasPrefix("LPA:1$smdp.sandbox.example$") == true)
        }
    }

    @Test func buyingAnESIMDeliversAnLPAAndATopUpExtendsItsPackageHistory() async throws {
        try await TestSandbox.with { sandbox in
            let bought = try await sandbox.post("/esims", #"{"products": [{"product_id": "test-esim", "value": "1GB, 7 Days"}], "auto_pay": true}"#)
            #expect(bought.status == 200)
            let orderID = try #require((bought.data["orders"] as? [[String: Any]])?.first?["id"] as? String)
            let order = try await sandbox.get("/orders/\(orderID)").data
            #expect(order["product", "value"] as? String == "1GB, 7 Days")
            #expect(order["redemption_info", "barcode_format"] as? String == "QRCODE")
            let lpa = try #require(order["redemption_info", "barcode_value"] as? String)
            #expect(lpa.hasPrefix("LPA:1$smdp.sandbox.example$SBX-"))
            let iccid = try #require(order["esim_id"] as? String)
            #expect((19...20).contains(iccid.count))
            #expect(order["redemption_info", "extra_fields", "iccid"] as? String == iccid)

            let esim = try await sandbox.get("/esims/\(iccid)").data
            #expect(esim["barcode_value"] as? String == lpa)
            #expect(esim["installed"] as? Bool == false)
            #expect((esim["package_history"] as? [[String: Any]])?.count == 1)

            let topUp = try await sandbox.post("/esims", #"""
                {"products": [{"product_id": "test-esim", "value": "3GB, 30 Days", "esim_id": "\#(iccid)"}], "auto_pay": true}
                """#)
            #expect(topUp.status == 200)
            let history = try #require(try await sandbox.get("/esims/\(iccid)").data["package_history"] as? [[String: Any]])
            #expect(history.map { $0["package_name"] as? String } == ["1GB, 7 Days", "3GB, 30 Days"])
            #expect(history.map { $0["status"] as? String } == ["active", "queued"])
            #expect(history.last?["data_mb"] as? Int == 3000)
            #expect(try await sandbox.get("/esims").list.count == 5)
        }
    }

    @Test func unknownESIMsAndNonESIMProductsAreRefused() async throws {
        try await TestSandbox.with { sandbox in
            let unknown = try await sandbox.get("/esims/8988247999999999992")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "not_found")
            let giftCard = try await sandbox.post("/esims", #"{"products": [{"product_id": "test-gift-card-code", "value": 10}]}"#)
            #expect(giftCard.errorCode == "invalid_param")
            #expect(giftCard.meta["_endpoint"] as? String == "/esims")
        }
    }
}
