import Hummingbird
import WaymarkStore

/// Errors that reach a person as a kind page; details go to the log, never the page.
public enum WebError: Error, Sendable, HTTPResponseError {
    case notFound
    case forbidden
    case formExpired
    /// Too many lookups from one address: the page says to wait, `Retry-After` says how long.
    case tooManyRequests(retryAfter: Int)
    /// The server has more to do than it can start now (many sign-ins at once): come back soon.
    case busy(retryAfter: Int)
    /// A number in the address or a form that cannot be used (not a number, or far too big).
    case unusableNumber
    /// A request that cannot be understood as sent: a part of the address or a field the page
    /// always sends is missing or malformed. No page of Waymark's sends one; a person who meets
    /// this followed a broken link or a changed page.
    case badRequest
    /// A form far bigger than any Waymark shows: refused before it is read.
    case tooLarge
    /// A form whose text cannot be read as it was sent (a broken `%` escape, bytes that are not UTF-8).
    case unreadableForm
    /// The record was changed by someone else at the same moment, or what was asked breaks
    /// one of its rules (the store refused it).
    case conflict
    /// The database cannot be reached for now.
    case unavailable
    case internalProblem(String)

    public var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .forbidden, .formExpired: .forbidden
        case .tooManyRequests: .tooManyRequests
        case .busy: .serviceUnavailable
        case .unusableNumber, .unreadableForm, .badRequest: .badRequest
        case .tooLarge: .contentTooLarge
        case .conflict: .conflict
        case .unavailable: .serviceUnavailable
        case .internalProblem: .internalServerError
        }
    }

    var heading: String {
        switch self {
        case .notFound: "We could not find that page"
        case .forbidden: "This page is not open to you"
        case .formExpired: "This form has expired"
        case .tooManyRequests: "Please slow down a little"
        case .busy: "We are very busy for a moment"
        case .unusableNumber: "We could not use a number on this page"
        case .badRequest: "We could not understand that request"
        case .tooLarge: "That was too much to send at once"
        case .unreadableForm: "We could not read what was sent"
        case .conflict: "We could not save that just now"
        case .unavailable: "Waymark is resting for a moment"
        case .internalProblem: "Something went wrong on our side"
        }
    }

    var explanation: String {
        switch self {
        case .notFound: "The link may be old, or mistyped. Nothing is lost: go back to your home page and carry on from there."
        case .forbidden: "Your account does not include this page. If you think it should, ask your coordinator."
        case .formExpired: "For your safety, forms only work for a while. Go back, reload the page, and send it again. Nothing you saved is lost."
        case .tooManyRequests: "There have been a lot of tries in a short time. Wait a minute, then try again."
        case .busy(let seconds):
            "Nothing was saved yet, and it is not something you did: a lot of people are using Waymark at this moment. Wait about \(SignInThrottle.waitInWords(seconds: seconds)), go back, and send it again."
        case .unusableNumber: "A number in the address, or in the form, is too big or is not a number. Nothing is lost: go back, check it, and try again."
        case .badRequest: "Part of the address or the form was missing or not as we expected, so nothing was done. Go back, reload the page, and try again."
        case .unreadableForm:
            "Nothing was saved. Part of the form came through as characters we cannot read, so we did not keep any of it. Go back, check what you typed or pasted in, and send it again."
        case .tooLarge: "Nothing was saved. Please make what you wrote shorter, then send it again. If you pasted something in, check that only what you meant to send is there."
        case .conflict:
            "It is not something you did wrong: the record changed while you were working, or it does not allow this now. Go back, reload the page to see it as it is, and try again if it is still needed."
        case .unavailable: "It is not something you did. We cannot reach our records right now. Nothing new was saved: please try again in a few minutes."
        case .internalProblem: "It is not something you did. Please try again in a moment. If it keeps happening, tell your coordinator."
        }
    }
}

extension WebError {
    /// A refusal from the store or the domain, as the page a person should get instead of
    /// "something went wrong" (a 500); nil for errors that are no refusal.
    init?(refusal error: any Error) {
        switch error {
        case let error as WebError: self = error
        case let error as StoreError:
            switch error {
            case .notFound: self = .notFound
            case .conflict, .duplicateEmail, .refused: self = .conflict
            case .unavailable: self = .unavailable
            case .invalid: self = .badRequest
            }
        case let busy as PasswordWork.Busy: self = .busy(retryAfter: busy.retryAfter)
        // Hummingbird's own refusals of a request it cannot read (a parameter that is not there
        // or not of its type, a body it cannot decode) are the sender's, not the server's.
        case let error as HTTPError where error.status.kind == .clientError: self = .badRequest
        case is DecodingError: self = .badRequest
        default: return nil
        }
    }

    /// The plain answer when no page can be drawn (the error came before the error pages'
    /// middleware, as reading the session from a database that is down does).
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "\(heading). \(explanation)\n"))
        )
        if let seconds = retryAfter { response.headers[.retryAfter] = String(seconds) }
        return response
    }

    /// Seconds to wait before trying again, for the `Retry-After` header.
    var retryAfter: Int? {
        switch self {
        case .tooManyRequests(let seconds), .busy(let seconds): seconds
        default: nil
        }
    }
}
