import StorefrontDomain


extension PurchaseStage {
    /// `('intent','sending')`: stages as an SQL list, from the one definition of each set of stages.
    static func sqlList(_ stages: [PurchaseStage]) -> String {
        "(" + stages.map { "'\($0.rawValue)'" }.joined(separator: ",") + ")"
    }
}
