import StorefrontDomain

/// Where things go at a given size, shared by `reduce` (how far a page moves) and the views (where to draw).
public struct Layout: Sendable, Equatable {
    public let width: Int
    public let height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Row 0 is the header, the last two rows the status bar and the key line; the panes fill the rest.
    public var body: Rect { Rect(x: 0, y: 1, width: width, height: max(0, height - 3)) }
    public var statusRow: Int { height - 2 }
    public var keysRow: Int { height - 1 }

    /// Wide screens show the detail beside the list; narrow ones show it in place of the list.
    public var showsDetailBeside: Bool { width >= 110 }
    public var countriesWidth: Int { width >= 110 ? 28 : 24 }
    public var detailWidth: Int { showsDetailBeside ? max(40, width / 3) : 0 }

    public var countriesPane: Rect { Rect(x: 0, y: body.y, width: countriesWidth, height: body.height) }
    public var productsPane: Rect {
        Rect(x: countriesWidth, y: body.y, width: width - countriesWidth - detailWidth, height: body.height)
    }
    public var detailPane: Rect {
        showsDetailBeside ? Rect(x: width - detailWidth, y: body.y, width: detailWidth, height: body.height) : productsPane
    }

    /// Product rows visible inside the products pane (borders and the column header take three rows).
    public var productRows: Int { max(1, productsPane.height - 3) }
    /// Country rows visible inside the countries pane.
    public var countryRows: Int { max(1, countriesPane.height - 2) }
    /// Cart lines visible on the cart screen (borders, header and the totals take seven rows).
    public var cartRows: Int { max(1, body.height - 7) }
}
