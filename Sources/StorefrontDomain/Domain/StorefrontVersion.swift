/// The program's version, named in `--version` and in the API client's User-Agent.
public enum StorefrontVersion {
    public static let current = "0.1.0"
}
