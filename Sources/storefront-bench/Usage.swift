/// `storefront-bench --help`: what each mode does and takes. Asked for with `-h` or `--help` anywhere on the line,
/// it is printed instead of running anything (a run takes a minute or more and starts servers).
enum Usage {
    static let text = """
        Usage: storefront-bench [--small N] [--large N] [--storefront PATH]
               storefront-bench listing [--sizes N,N] [--runs N] [--storefront PATH] [--keep DIR]
               storefront-bench ssh [--sessions N] [--hold S] [--connects N] [--storefront PATH]
               storefront-bench soak [options]   (storefront-bench soak --help lists them)
               storefront-bench placement --database-url URL [--count N] [--history N]
               storefront-bench feed-latency --database-url URL [--count N]

        Measures Storefront against its targets, end to end against the sandbox on loopback; build it and
        storefront with `swift build -c release --static-swift-stdlib` first. Exits 1 when a target is missed.

          (no mode)  the catalog and TUI figures: refresh, open, search as you type, peak RSS, first frame
                     (--small 20000 and --large 200000 products by default)
          listing    `storefront catalog list` against sqlite3 and fzf on the same rows (--sizes 20000,200000, --runs 5)
          ssh        `storefront ssh serve` through the OpenSSH client (--sessions 20, --hold 60 s, --connects 5)
          soak       purchases against a faulty sandbox with random SIGKILLs; checks nothing was bought twice
          placement  a placement's journal work, SQLite against the team's PostgreSQL (an empty database; --count 500 after --history 10000)
          feed-latency  a purchase's commit to the team feed's event on another connection (an empty database; --count 500 after --history 10000)
        --storefront PATH names the storefront binary (default: the one beside storefront-bench).
        """

    static func wanted(_ arguments: ArraySlice<String>) -> Bool {
        arguments.contains("--help") || arguments.contains("-h")
    }
}
