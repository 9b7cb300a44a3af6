/// What can go wrong with the connection itself, rather than with what the server answered.
/// Every one is worth another try later, so the transport reports them as temporary.
enum SMTPConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotConnect(String)
    case timedOut(step: String)
    case closed
    case network(String)
    case tls(String)
    case lineTooLong
    case unreadableReply(String)
    /// The server sent more after agreeing to start TLS, before TLS began.
    case spokeBeforeTLS

    var description: String {
        switch self {
        case .cannotConnect(let reason): "could not connect: \(reason)"
        case .timedOut(let step): "the server did not answer \(step) in time"
        case .closed: "the server closed the connection"
        case .network(let reason): "the connection failed: \(reason)"
        case .tls(let reason) where reason.contains("CERTIFICATE_VERIFY_FAILED"):
            "TLS failed: the server's certificate is not one this machine trusts. If your organisation signs its own certificates, give the certificate of its certificate authority as the extra CA file (--smtp-ca-file). (\(reason))"
        case .tls(let reason) where reason.contains("failedToValidateHostname"):
            "TLS failed: the server's certificate is for another name. Give the mail server by the name on its certificate. (\(reason))"
        case .tls(let reason): "TLS failed: \(reason)"
        case .lineTooLong: "the server sent a line far longer than SMTP allows"
        case .unreadableReply(let line): "the server's answer was not SMTP: '\(line)'"
        case .spokeBeforeTLS:
            "the server sent more before TLS began, which someone on the way may have added, so the connection was closed"
        }
    }
}
