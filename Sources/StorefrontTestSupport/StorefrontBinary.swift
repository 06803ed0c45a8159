import Foundation

/// The `storefront` executable the tests run, as a script or a visitor would.
public enum StorefrontBinary {
    /// The executable sits next to the test bundle in the build directory.
    public static var url: URL {
        let testRunner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testRunner.deletingLastPathComponent()
        while directory.path != "/" && !FileManager.default.fileExists(atPath: directory.appendingPathComponent("storefront").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("storefront")
    }
}
