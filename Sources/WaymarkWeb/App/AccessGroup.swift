import Hummingbird
import WaymarkStore

/// Routes for one kind of visitor, registered on a `RouterGroup` whose middleware lets only
/// them through (`AccessMiddleware`); posted forms go through a second group that also checks
/// the form's token (`FormTokenMiddleware`) and acts once on a form sent twice
/// (`RepeatedFormMiddleware`). Every route is written into the route table with the access its
/// middleware checks, so the role-by-route test walks what is really enforced.
struct AccessGroup<Store: WaymarkStore> {
    let web: Web<Store>
    let access: Access
    /// GET and HEAD.
    private let pages: RouterGroup<WebContext>
    /// POST.
    private let forms: RouterGroup<WebContext>

    init(_ web: Web<Store>, _ router: Router<WebContext>, _ access: Access) {
        self.web = web
        self.access = access
        pages = router.group().add(middleware: AccessMiddleware<Store>(access: access, pages: web.pages))
        forms = pages.group()
            .add(middleware: FormTokenMiddleware())
            .add(middleware: RepeatedFormMiddleware(store: web.store, pages: web.pages, now: web.now))
    }

    func get(_ path: RouterPath, _ handler: @escaping Web<Store>.Handler) {
        on(.get, path, handler)
    }

    func post(_ path: RouterPath, _ handler: @escaping Web<Store>.Handler) {
        on(.post, path, handler)
    }

    /// A GET route also answers HEAD, status and headers without the body: link checkers,
    /// verifiers and some phones ask it first. Every GET route gets one, so none is forgotten;
    /// a HEAD is not counted as a certificate lookup, as nothing was read.
    func on(_ method: HTTPRequest.Method, _ path: RouterPath, _ handler: @escaping Web<Store>.Handler) {
        web.routes.add(RouteSpec(method: method, path: path.description, access: access))
        let group = method == .post ? forms : pages
        group.on(path, method: method) { request, context in
            try await handler(Web<Store>.Exchange(request: request, context: context, form: context.form))
        }
        guard method == .get else { return }
        pages.on(path, method: .head) { request, context in
            var context = context
            context.isHeadRequest = true
            return try await handler(Web<Store>.Exchange(request: request, context: context, form: context.form)).withoutBody()
        }
    }
}

extension Web {
    /// The routes for visitors with this access (see `AccessGroup`).
    func group(_ router: Router<WebContext>, _ access: Access) -> AccessGroup<Store> {
        AccessGroup(self, router, access)
    }
}
