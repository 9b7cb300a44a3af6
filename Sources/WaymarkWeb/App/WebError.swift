import Hummingbird

/// Errors that reach a person as a kind page; details go to the log, never the page.
public enum WebError: Error, Sendable {
    case notFound
    case forbidden
    case formExpired
    case tooManyRequests
    case internalProblem(String)

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .forbidden, .formExpired: .forbidden
        case .tooManyRequests: .tooManyRequests
        case .internalProblem: .internalServerError
        }
    }

    var heading: String {
        switch self {
        case .notFound: "We could not find that page"
        case .forbidden: "This page is not open to you"
        case .formExpired: "This form has expired"
        case .tooManyRequests: "Please slow down a little"
        case .internalProblem: "Something went wrong on our side"
        }
    }

    var explanation: String {
        switch self {
        case .notFound: "The link may be old, or mistyped. Nothing is lost: go back to your home page and carry on from there."
        case .forbidden: "Your account does not include this page. If you think it should, ask your coordinator."
        case .formExpired: "For your safety, forms only work for a while. Go back, reload the page, and send it again. Nothing you saved is lost."
        case .tooManyRequests: "There have been a lot of tries in a short time. Wait a minute, then try again."
        case .internalProblem: "It is not something you did. Please try again in a moment. If it keeps happening, tell your coordinator."
        }
    }
}
