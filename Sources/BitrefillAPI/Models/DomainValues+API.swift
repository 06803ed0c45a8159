import BitrefillAPI
import StorefrontDomain

extension ESIMDetails {
    /// The API's eSIM with every text field sanitised: the pure code and the terminal only ever see clean text.
    public init(_ esim: ESIM) {
        self.init(iccid: Sanitizer.clean(esim.id), planId: esim.productId.map { Sanitizer.clean($0) }, installed: esim.installed,
                  smdpAddress: esim.rspURL.map { Sanitizer.clean($0) },
                  bundles: esim.packageHistory.map { bundle in
                      ESIMBundleUsage(name: bundle.packageName.map { Sanitizer.clean($0) }, dataMB: bundle.dataMB,
                                      status: bundle.status.map { Sanitizer.clean($0) }, remainingBytes: bundle.remainingQuantity)
                  })
    }
}

extension PhoneOperatorChoice {
    /// The operators of a check, whichever of the three reply shapes carried them, names sanitised.
    public static func all(in result: PhoneCheckResult) -> [PhoneOperatorChoice] {
        result.operators.map { PhoneOperatorChoice(id: $0.id, name: Sanitizer.clean($0.name)) }
    }
}
