/// A QR code's modules, dark or light, row by row, without the quiet zone. Produced by `QREncoding` (the only
/// code that calls libqrencode) and drawn by the text renderers.
public struct QRMatrix: Sendable, Equatable {
    /// Modules per side.
    public let size: Int
    private let modules: [Bool]

    /// `modules` holds `size * size` values, row-major, `true` for dark.
    public init?(size: Int, modules: [Bool]) {
        guard size > 0, modules.count == size * size else { return nil }
        self.size = size
        self.modules = modules
    }

    /// Dark or light at a column and row; outside the code (the quiet zone) is light.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }
}
