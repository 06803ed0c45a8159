import Foundation
import StorefrontTestSupport
import Testing

/// eSIM top-ups and phone refills in the real binary, in tmux, against the embedded sandbox (3 s delivery):
/// what support staff see, from the ICCID or number to the end of the purchase.
@Suite(.serialized) struct ESIMTerminalTests {
    typealias Session = TerminalSessionTests.Session

    /// Opens the eSIM screen, finds the seeded active eSIM by its last digits and starts a top-up from `plan`.
    func reviewTopUp(_ session: Session, plan: String) throws {
        try session.waitFor("just refreshed")
        try session.keys("e")
        try session.waitFor("eSIMs of this account (4)")
        try session.type("0019")
        try session.waitFor("1 eSIM of this account ends so")
        try session.keys("Enter")
        let details = try session.waitFor("Bundles (1)")
        #expect(details.contains("3GB, 30 Days") && details.contains("2.15 GB"))
        try session.keys("t")
        try session.waitFor("this eSIM's plan")
        try session.keys("/")
        try session.type(plan)
        try session.keys("Enter", "Enter")
        try session.waitFor("choose a bundle")
        try session.keys("Enter")
        let review = try session.waitFor("Add this bundle to this eSIM?")
        #expect(review.contains("8988247000000000019"), "the ICCID in full")
        #expect(review.contains("ends in 0019"))
        #expect(review.contains("1GB, 7 Days"))
        try session.keys("Enter")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(try session.screen().contains("Add this bundle to this eSIM?"), "Enter does not buy")
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func topUpASeededESIMAndSeeTheNewBundle() throws {
        let session = try Session()
        try reviewTopUp(session, plan: "test esim")
        try session.keys("y")
        try session.waitFor("Topping up eSIM …0019")
        let done = try session.waitFor("Top-up delivered: 1GB, 7 Days on eSIM …0019", timeout: 30)
        #expect(done.contains("Bundles (2)"))
        #expect(done.contains("queued") && done.contains("new"))
        #expect(done.contains("3.15 GB on active and queued bundles"))
        try session.keys("h")
        let history = try session.waitFor("Purchase history")
        #expect(history.contains("Test eSIM 1GB, 7 Days"))
        try session.keys("C-c")
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func aTopUpWhoseOrderFailsAddsNothing() throws {
        let session = try Session()
        try reviewTopUp(session, plan: "test esim fail")
        try session.keys("y")
        let failed = try session.waitFor("eSIM unchanged", timeout: 30)
        #expect(failed.contains("Esc returns to it"))
        try session.keys("Escape")
        let esim = try session.waitFor("nothing was added to this eSIM")
        #expect(esim.contains("Bundles (1)"))
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func aBadICCIDIsRefusedAndAnUnknownOneSaidSo() throws {
        let session = try Session()
        try session.waitFor("SANDBOX")
        try session.keys("e")
        try session.type("8988247000000000018")
        try session.waitFor("check digit")
        try session.keys("Enter")
        try session.waitFor("a digit is mistyped")
        try session.keys("Escape")
        try session.type("8988247999999999992")
        try session.keys("Enter")
        try session.waitFor("No eSIM 8988247999999999992 on this account")
        try session.keys("C-c")
    }

    @Test(.enabled(if: TerminalSessionTests.tmuxAvailable, "tmux is installed by .ci/run"))
    func aPhoneRefillFromTheNumberToDelivered() throws {
        let session = try Session()
        try session.waitFor("just refreshed")
        try session.keys("p")
        try session.waitFor("Phone refill")
        try session.type("+4919912345678")
        try session.keys("Enter")
        try session.waitFor("No operator we can refill serves +4919912345678")
        try session.keys("Escape")
        try session.type("+4915112345678")
        try session.keys("Enter")
        try session.waitFor("3 operators serve it")
        try session.keys("Escape", "Escape")
        try session.type("+4915212345678")
        try session.keys("Enter")
        try session.waitFor("Add to cart:")
        try session.keys("Enter")
        try session.waitFor("In the cart for +4915212345678")
        try session.keys("b")
        try session.waitFor("Review")
        try session.keys("Enter")
        try session.waitFor("y/n")
        try session.keys("y")
        let delivered = try session.waitFor("Delivered", timeout: 30)
        #expect(delivered.contains("+4915212345678"))
        try session.keys("C-c")
    }
}
