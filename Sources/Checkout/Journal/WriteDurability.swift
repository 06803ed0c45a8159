/// Whether a purchase's write must be on disk before the journal answers.
///
/// The write that a create or a payment follows must: should the database crash after the request left, a lost
/// write could let the request be sent again. Every other write (an invoice id, a status, a delivered code, a
/// proof that nothing was created) records what the server already holds, and the write before the next create or
/// payment, or the next look at the server, gets it back; a database may commit it without waiting for its disk. A
/// team database then pays one disk flush per placement instead of three (`storefront-bench placement`).
public enum WriteDurability: Sendable, Equatable {
    /// On disk before the journal answers: a create or a payment follows.
    case beforeSending
    /// Committed and seen by every host at once; on disk a moment later. A database crash in that moment loses no
    /// money and no code: the server still has them, and the purchase is reconciled or looked at again.
    case recoverable
}
