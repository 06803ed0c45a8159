extension TeamSchema {
    /// The desk's rate budget: one row per endpoint family, each with a per-minute limit and (products only) a per-hour
    /// one, kept as GCRA: an emission interval `T`, a tolerance `tau` and a theoretical arrival time (`tat`, Unix
    /// seconds). A turn at time `t` is `max(t, tat - tau)` over both limits; taking it moves each `tat` to
    /// `max(tat, turn) + T`. A turn is always given (a slot to sleep until), so nobody spins.
    ///
    /// Counting: with `T = (W + tau + margin) / L` no window of `W` seconds holds more than `L` turns, whatever the
    /// order the hosts ask in; the margin (a second or more) keeps turns off the window's edge, where a request's
    /// travel time could move it into the server's next window. Background work (catalog and history walks) gets the
    /// tolerance minus a reserve, so a purchase being followed jumps ahead of a walk by up to the reserve. Figures:
    /// - products, 60 a minute and 1,000 an hour (search included): T 1.125 s, tau 6 s all for the reserve;
    ///   T 5.41 s, tau 1,800 s, 36 s of it (about 6 turns) reserved.
    /// - invoices (invoice and order listings and lookups), 20 a minute and no hourly limit (its `hour_tat` stays 0):
    ///   T 3.7 s, tau 12 s, all reserved.
    ///
    /// `storefront_budget_wait(family, asked_at, background)` is one UPDATE, pure in `asked_at`: production passes
    /// `clock_timestamp()` (the database's clock, one for every host, and not frozen at the transaction's start as
    /// `now()` is), tests pass the time they want. It returns the seconds to sleep (0: go now).
    static let budgetMigration = """
        CREATE TABLE rate_budget (
            family text PRIMARY KEY,
            minute_interval double precision NOT NULL,
            minute_tolerance double precision NOT NULL,
            minute_reserve double precision NOT NULL,
            minute_tat double precision NOT NULL DEFAULT 0,
            hour_interval double precision NOT NULL DEFAULT 0,
            hour_tolerance double precision NOT NULL DEFAULT 0,
            hour_reserve double precision NOT NULL DEFAULT 0,
            hour_tat double precision NOT NULL DEFAULT 0,
            last_turn double precision NOT NULL DEFAULT 0,
            CHECK (minute_reserve <= minute_tolerance AND hour_reserve <= hour_tolerance)
        );
        INSERT INTO rate_budget (family, minute_interval, minute_tolerance, minute_reserve, hour_interval, hour_tolerance, hour_reserve)
        VALUES ('products', 1.125, 6, 6, 5.41, 1800, 36), ('invoices', 3.7, 12, 12, 0, 0, 0);
        CREATE FUNCTION storefront_budget_wait(wanted text, asked_at double precision, background boolean)
        RETURNS double precision LANGUAGE sql AS $$
            UPDATE rate_budget SET
                last_turn = \(turn),
                minute_tat = greatest(minute_tat, \(turn)) + minute_interval,
                hour_tat = CASE WHEN hour_interval > 0 THEN greatest(hour_tat, \(turn)) + hour_interval ELSE 0 END
            WHERE family = wanted
            RETURNING last_turn - asked_at
        $$
        """

    /// The turn asked for at `asked_at`, from the row's values before the update (every SET expression of one UPDATE reads those).
    private static let turn = """
        greatest(asked_at, \
        minute_tat - minute_tolerance + CASE WHEN background THEN minute_reserve ELSE 0 END, \
        hour_tat - hour_tolerance + CASE WHEN background THEN hour_reserve ELSE 0 END)
        """
}
