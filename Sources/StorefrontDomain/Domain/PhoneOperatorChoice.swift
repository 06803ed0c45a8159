/// An operator that serves a number: the product that tops it up. Names are sanitised at the edge.
public struct PhoneOperatorChoice: Sendable, Equatable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}
