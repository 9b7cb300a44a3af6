import Hummingbird

/// How a request is named in metrics and the request log: by the pattern of the route that
/// answered it (`/trainees/{id}`), never its path, which may hold a person's id or a one-time
/// link's token. Requests that matched no route share one name, whatever they asked for.
enum RouteLabel {
    static let unmatched = "unmatched"

    static func of(_ context: some RequestContext) -> String {
        guard let pattern = context.endpointPath, pattern.hasPrefix("/") else { return unmatched }
        return pattern
    }

    /// The method, from the fixed list a browser or a prober sends; anything else is "other".
    static func method(_ request: Request) -> String {
        switch request.method {
        case .get, .head, .post, .put, .delete, .patch, .options: request.method.rawValue
        default: "other"
        }
    }
}
