/// Real bodies to mutate, per response type: the documented shapes and the shapes captured from the live API
/// (see the API reference), each a whole response as the server sends it.
enum SeedBodies {
    static let product = [
        // Live.
        #"{"meta":{"_endpoint":"/products/test-gift-card-code"},"data":{"id":"test-gift-card-code","name":"Test Gift Card Code","country_code":"KN","country_name":"St Kitts and Nevis","currency":"USD","categories":["gifts"],"created_time":"2021-10-21T12:04:11.677Z","recipient_type":"none","image":"us","in_stock":true,"range":{"min":10,"max":100,"step":10,"price_rate":1666.33},"packages":[{"id":"test-gift-card-code<&>10","value":"10","price":16664,"amount":10}]}}"#,
        // Documented.
        #"{"meta":{"_endpoint":"/products/amazon-us"},"data":{"id":"amazon-us","name":"Amazon.com","type":"gift_card","country":"US","currency":"USD","packages":[{"package_id":"amazon-us<&>50","value":50},{"package_id":"amazon-us<&>100","value":100}],"range":{"min":5,"max":500,"step":1}}}"#,
        // eSIM plan.
        #"{"meta":{"_endpoint":"/products/esims/esim-europe"},"data":{"id":"esim-europe","name":"Europe eSIM","type":"esim","currency":"USD","coverage":["de","fr","it"],"packages":[{"id":"esim-europe<&>3GB, 30 Days","value":"3GB, 30 Days","price":1250}]}}"#,
    ]

    static let productPage = [
        #"{"meta":{"_endpoint":"/products","_next":"https://api.example.test/v2/products?start=50&limit=50"},"data":[\#(item(product[0])),{"id":"test-phone-refill","name":"Test Phone Refill","recipient_type":"phone_number","categories":["refill"],"range":{"min":1,"max":50,"step":1,"price_rate":1700}}]}"#,
        #"{"meta":{"_endpoint":"/products"},"data":[\#(item(product[1])),\#(item(product[2]))]}"#,
    ]

    static let invoice = [
        // Live, a crypto invoice.
        #"{"meta":{"_endpoint":"/invoices/aa52049e-5a4b-451c-bd51-9807778eeef9"},"data":{"id":"aa52049e-5a4b-451c-bd51-9807778eeef9","created_time":"2026-03-01T10:00:00.000Z","expiration_time":"2026-03-01T13:00:00.000Z","status":"not_delivered","payment":{"method":"usdc_base","address":"0x4696c5e1a1e0b4d5b0d5b5b5b5b5b5b5b5b5b5b5","currency":"USDC","price":10500000,"status":"unpaid","commission":0},"orders":[{"id":"6a2aa65dabde95de17c336f8","status":"created","product":{"id":"test-gift-card-code","name":"Test Gift Card Code","value":"10","currency":"USD"}}]}}"#,
        // Live, delivered from the balance, two orders.
        #"{"meta":{"_endpoint":"/invoices/inv-1"},"data":{"id":"inv-1","created_time":"2026-03-01T10:00:00.000Z","status":"all_delivered","auto_pay":true,"payment":{"method":"balance","currency":"EUR","price":1000,"status":"payment_confirmed"},"orders":[{"id":"o-1","status":"delivered","product":{"id":"test-gift-card-code","name":"Test Gift Card Code","value":"10","currency":"EUR"}},{"id":"o-2","status":"refunded","refund":{"amount":0.00012,"currency":"btc"}}]}}"#,
        // Documented, lightning.
        #"{"meta":{"_endpoint":"/invoices/inv-2"},"data":{"invoice_id":"inv-2","status":"payment_detected","payment_method":"lightning","payment":{"payment_method":"lightning","address":"lnbc1500n1pj9x5zjpp5","currency":"BTC","price":0.00123,"status":"payment_detected"},"orders":[{"order_id":"o-3","status":"processing","phone_number":"+15551234567"}]}}"#,
    ]

    static let order = [
        #"{"meta":{"_endpoint":"/orders/o-1"},"data":{"id":"o-1","status":"delivered","invoice_id":"inv-1","created_time":"2026-03-01T10:00:05.000Z","product":{"id":"test-gift-card-code","name":"Test Gift Card Code","value":"10","currency":"EUR"},"redemption_info":{"code":"GIFT-1234-ABCD","pin":"4321","link":"https://example.test/redeem","instructions":"Go to the site.\nEnter the code.","other":"","barcode_format":"QRCODE","barcode_value":"GIFT-1234-ABCD","expiration_date":"2027-01-01","extra_fields":{"serial":"SN-9","a\u001b":"x","a":"y","":"none"}}}}"#,
        #"{"meta":{"_endpoint":"/orders/o-1"},"data":{"order_id":"o-1","status":"delivered","product":{"id":"esim-europe","name":"Europe eSIM","value":"3GB, 30 Days"},"redemption_info":{"barcode_value":"LPA:1$smdp.example.test$ACTIVATION-CODE","barcode_format":"QRCODE"}}}"#,
        #"{"meta":{"_endpoint":"/orders/o-1"},"data":{"id":"o-1","status":"permanent_failure","error":"Operator unavailable","refund":{"amount":"10.50","currency":"usd"}}}"#,
    ]

    static let esim = [
        #"{"meta":{"_endpoint":"/esims/8944500102198304826"},"data":{"id":"8944500102198304826","rsp_url":"smdp.example.test","pin":"1234","barcode_value":"LPA:1$smdp.example.test$ABC","installed":true,"product_id":"esim-europe","package_history":[{"package_name":"3GB, 30 Days","data_mb":3000,"status":"active","remaining_quantity":500000000},{"package_name":"1GB, 7 Days","data_mb":1000,"status":"expired","remaining_quantity":12}]}}"#,
        #"{"meta":{"_endpoint":"/esims/8944500102198304826"},"data":{"iccid":"8944500102198304826","installed":"false","package_history":[{"package_name":"1GB","data_mb":"1000","status":"queued","remaining_quantity":"1000000000"}]}}"#,
    ]

    static let esimPage = [
        #"{"meta":{"_endpoint":"/esims"},"data":[\#(item(esim[0])),\#(item(esim[1]))]}"#,
    ]

    static let balance = [
        #"{"meta":{"_endpoint":"/accounts/balance"},"data":{"balance":5000000,"currency":"BTC"}}"#,
        #"{"meta":{"_endpoint":"/accounts/balance"},"data":{"balance":"12550","currency":"EUR"}}"#,
    ]

    static let phoneCheck = [
        #"{"meta":{"_endpoint":"/check_phone_number"},"data":{"phone_number":"+15551234567","operators":[{"id":"att-us","name":"AT&T"},{"id":"tmobile-us","name":"T-Mobile"}]}}"#,
        #"{"meta":{"_endpoint":"/check_phone_number"},"data":[{"id":"att-us","name":"AT&T","country_code":"US","currency":"USD","recipient_type":"phone_number","packages":[{"id":"att-us<&>10","value":"10","price":17000}],"range":{"min":5,"max":100,"step":5}}]}"#,
        #"{"meta":{"_endpoint":"/check_phone_number"},"data":{"id":"att-us","name":"AT&T","country_code":"US","packages":[{"package_id":"att-us<&>25","value":25}]}}"#,
    ]

    static let error = [
        #"{"meta":{"_endpoint":"/invoices"},"error_code":"missing_param","message":"Missing parameter: products"}"#,
        #"{"message":"Product not found"}"#,
        #"{"error":"Unauthorized"}"#,
        #"{"error":{"code":"balance_too_low","message":"Balance too low"}}"#,
        #"{"meta":{"_endpoint":"/invoices"},"error_code":"out_of_stock","message":"\u001b]0;evil\u0007Out of stock"}"#,
    ]

    /// The `data` of a single-item seed, for building list pages from the same shapes.
    private static func item(_ body: String) -> String {
        let start = body.range(of: #""data":"#)!.upperBound
        return String(body[start..<body.index(before: body.endIndex)])
    }
}
