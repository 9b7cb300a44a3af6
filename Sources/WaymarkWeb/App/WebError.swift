import Hummingbird

/// Errors that reach a person as a kind page; details go to the log, never the page.
public enum WebError: Error, Sendable {
    case notFound
    case forbidden
    case formExpired
    /// Too many lookups from one address: the page says to wait, `Retry-After` says how long.
    case tooManyRequests(retryAfter: Int)
    /// The server has more to do than it can start now (many sign-ins at once): come back soon.
    case busy(retryAfter: Int)
    /// A number in the address or a form that cannot be used (not a number, or far too big).
    case unusableNumber
    /// A form far bigger than any Waymark shows: refused before it is read.
    case tooLarge
    /// A form whose text cannot be read as it was sent (a broken `%` escape, bytes that are not UTF-8).
    case unreadableForm
    case internalProblem(String)

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .forbidden, .formExpired: .forbidden
        case .tooManyRequests: .tooManyRequests
        case .busy: .serviceUnavailable
        case .unusableNumber, .unreadableForm: .badRequest
        case .tooLarge: .contentTooLarge
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
        case .tooLarge: "That was too much to send at once"
        case .unreadableForm: "We could not read what was sent"
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
        case .unreadableForm:
            "Nothing was saved. Part of the form came through as characters we cannot read, so we did not keep any of it. Go back, check what you typed or pasted in, and send it again."
        case .tooLarge: "Nothing was saved. Please make what you wrote shorter, then send it again. If you pasted something in, check that only what you meant to send is there."
        case .internalProblem: "It is not something you did. Please try again in a moment. If it keeps happening, tell your coordinator."
        }
    }
}
