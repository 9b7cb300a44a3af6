import Hummingbird
import WaymarkStore

/// What each request carries through the app: who is signed in, and from where.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in session, set by `SessionMiddleware`.
    public var session: SessionRecord?
    /// The token anonymous forms (sign in, setup, invites) must echo back: a double-submit cookie.
    public var anonymousToken: String?
    /// The client's IP address, for throttling; nil when unknown (tests).
    public var clientAddress: String?
    /// A posted form, once `FormTokenMiddleware` has read it and checked its token; empty otherwise.
    var form = FormFields("")
    /// The same form's text as sent, which names the submission (see `FormSubmissions`).
    var formText = ""
    /// A HEAD request answered by its GET route: nothing is read, so lookups are not counted.
    public var isHeadRequest = false
    /// Ends the connection once the answer has gone (Hummingbird keeps it open otherwise,
    /// whatever the response's `Connection` header says).
    let closeConnection: @Sendable () -> Void

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
        let channel = source.channel
        // Closing the input ends Hummingbird's request loop, which then closes the connection.
        closeConnection = { channel.close(mode: .input, promise: nil) }
    }

    /// Forms are URL-encoded; nothing here reads JSON.
    public var requestDecoder: URLEncodedFormDecoder { URLEncodedFormDecoder() }

    /// Nothing a person types into Waymark comes near this.
    public var maxUploadSize: Int { 256 * 1024 }

    /// The signed-in person, if any.
    public var person: Person? { session?.person }
}
