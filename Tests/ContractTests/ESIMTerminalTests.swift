import Foundation
import StorefrontTestSupport
import Testing

/// eSIM top-ups and phone refills in the real binary, in tmux, against the embedded sandbox (3 s delivery):
/// what support staff see, from the ICCID or number to the end of the purchase.
@Suite(.serialized) struct ESIMTerminalTests {
    typealias Session = TerminalSessionTests.Session

    /// Opens the eSIM screen, finds the seeded active eSIM by its last digits and starts a top-up from `plan`.
    func reviewTopUp(_ session: Session, plan: String) async throws {
        try await session.waitForCatalog()
        try await session.keys("e")
        try await session.waitFor("eSIMs of this account (4)")
        try await session.type("0019")
        try await session.waitFor("1 eSIM of this account ends so")
        try await session.keys("Enter")
        let details = try await session.waitFor("Bundles (1)")
        #expect(details.contains("3GB, 30 Days") && details.contains("2.15 GB"))
        try await session.keys("t")
        try await session.waitFor("this eSIM's plan")
        try await session.keys("/")
        try await session.type(plan)
        try await session.keys("Enter", "Enter")
        try await session.waitFor("choose a bundle")
        try await session.keys("Enter")
        let review = try await session.waitFor("Add this bundle to this eSIM?")
        #expect(review.contains("8988247000000000019"), "the ICCID in full")
        #expect(review.contains("ends in 0019"))
        #expect(review.contains("1GB, 7 Days"))
        try await session.keys("Enter")
        // The key was handled when its message shows; only then does "still on the review" prove anything.
        let after = try await session.waitFor("then press y to top up")
        #expect(after.contains("Add this bundle to this eSIM?"), "Enter does not buy")
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func topUpASeededESIMAndSeeTheNewBundle() async throws {
        let session = try Session()
        try await reviewTopUp(session, plan: "test esim")
        // "Topping up eSIM …0019" shows only while the order is out: on a loaded machine the sandbox's delivery can
        // come before a capture sees it, so the test waits for what stays, the delivered top-up.
        try await session.keys("y")
        let done = try await session.waitFor("Top-up delivered: 1GB, 7 Days on eSIM …0019")
        #expect(done.contains("Bundles (2)"))
        #expect(done.contains("queued") && done.contains("new"))
        #expect(done.contains("3.15 GB on active and queued bundles"))
        try await session.keys("h")
        let history = try await session.waitFor("Purchase history")
        #expect(history.contains("eSIM top-up 1GB, 7 Days on 8988247000000000019"), "the history marks the top-up and names the eSIM")
        try await session.keys("C-c")
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func aTopUpWhoseOrderFailsAddsNothing() async throws {
        let session = try Session()
        try await reviewTopUp(session, plan: "test esim fail")
        try await session.keys("y")
        let failed = try await session.waitFor("eSIM unchanged")
        #expect(failed.contains("Esc returns to it"))
        try await session.keys("Escape")
        let esim = try await session.waitFor("nothing was added to this eSIM")
        #expect(esim.contains("Bundles (1)"))
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func aBadICCIDIsRefusedAndAnUnknownOneSaidSo() async throws {
        let session = try Session()
        try await session.waitFor("SANDBOX")
        try await session.keys("e")
        try await session.type("8988247000000000018")
        try await session.waitFor("check digit")
        try await session.keys("Enter")
        try await session.waitFor("a digit is mistyped")
        try await session.keys("Escape")
        try await session.type("8988247999999999992")
        try await session.keys("Enter")
        try await session.waitFor("No eSIM 8988247999999999992 on this account")
        try await session.keys("C-c")
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func aPhoneRefillFromTheNumberToDelivered() async throws {
        let session = try Session()
        try await session.waitForCatalog()
        try await session.keys("p")
        try await session.waitFor("Phone refill")
        try await session.type("+4919912345678")
        try await session.keys("Enter")
        try await session.waitFor("No operator we can refill serves +4919912345678")
        try await session.keys("Escape")
        try await session.type("+4915112345678")
        try await session.keys("Enter")
        try await session.waitFor("3 operators serve it")
        try await session.keys("Escape", "Escape")
        try await session.type("+4915212345678")
        try await session.keys("Enter")
        try await session.waitFor("Add to cart:")
        try await session.keys("Enter")
        try await session.waitFor("In the cart for +4915212345678")
        try await session.keys("b")
        try await session.waitFor("Review")
        try await session.keys("Enter")
        try await session.waitFor("y/n")
        try await session.keys("y")
        let delivered = try await session.waitFor("Delivered")
        #expect(delivered.contains("+4915212345678"))
        try await session.keys("C-c")
    }
}
