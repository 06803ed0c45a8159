import NIOCore
import NIOSSH

/// Lets everyone in: `none` and any key become sandbox visitors, keys in `--authorized-keys` listed ones.
/// One per connection, so the outcome lands on that connection's state.
final class VisitorAuthentication: NIOSSHServerUserAuthenticationDelegate {
    private let authorizedKeys: AuthorizedKeys
    private let connection: ConnectionState

    init(authorizedKeys: AuthorizedKeys, connection: ConnectionState) {
        self.authorizedKeys = authorizedKeys
        self.connection = connection
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods { .publicKey }

    func requestReceived(request: NIOSSHUserAuthenticationRequest,
                         responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        switch request.request {
        case .none where request.username != Visitor.keyUser:
            connection.visitor = .sandbox(keyFingerprint: nil)
            responsePromise.succeed(.success)
        case .publicKey(let offer):
            let fingerprint = KeyFingerprint.of(offer.publicKey)
            connection.visitor = authorizedKeys.lists(offer.publicKey)
                ? .listed(keyFingerprint: fingerprint, agent: authorizedKeys.agent(for: offer.publicKey))
                : .sandbox(keyFingerprint: fingerprint)
            responsePromise.succeed(.success)
        default:
            responsePromise.succeed(.failure)
        }
    }
}
