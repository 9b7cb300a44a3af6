import HTTPTypes
import WaymarkStore

/// Who may use a route.
public enum Access: Sendable, Hashable, CustomStringConvertible {
    /// Anyone, signed in or not (landing page, sign in, verify).
    case everyone
    /// Anyone signed in, whatever their role (sign out).
    case anyoneSignedIn
    /// Only people holding one of these roles.
    case only(Set<Role>)

    /// Whether a person (nil: not signed in) may use the route.
    public func allows(_ person: Person?) -> Bool {
        switch self {
        case .everyone: true
        case .anyoneSignedIn: person != nil
        case .only(let roles): person.map { !$0.roles.isDisjoint(with: roles) } ?? false
        }
    }

    public var description: String {
        switch self {
        case .everyone: "everyone"
        case .anyoneSignedIn: "anyone signed in"
        case .only(let roles): roles.sorted().map(\.rawValue).joined(separator: ", ")
        }
    }
}

/// One route as the app declares it: method, path pattern and who may use it.
public struct RouteSpec: Sendable, Hashable {
    public var method: HTTPRequest.Method
    public var path: String
    public var access: Access
}

/// Every route the app registered, in order; a test walks it for every role.
public final class RouteTable: @unchecked Sendable {
    private var specs: [RouteSpec] = []

    func add(_ spec: RouteSpec) {
        specs.append(spec)
    }

    /// The routes, as registered.
    public var routes: [RouteSpec] { specs }
}
