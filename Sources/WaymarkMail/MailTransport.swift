/// Something that can hand a message to a mail server.
///
/// `send` returns once the server has accepted the message for delivery. A thrown
/// `MailDeliveryError.permanent` means trying again cannot help (the server refused the address);
/// any other error means "try again later", and the outbox backs off and retries.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

public enum MailDeliveryError: Error, Sendable, Equatable {
    /// Worth another try later: the server was unreachable, busy, or answered 4xx.
    case temporary(String)
    /// Not worth another try: the server answered 5xx for this message or its address.
    case permanent(String)
}
