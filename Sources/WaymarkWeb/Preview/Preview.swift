import Foundation
import Hummingbird
import Logging
import WaymarkCurriculum
import WaymarkProgress

/// `waymark preview`: every unit and check of a curriculum folder as a trainee sees them, made by
/// the same page models and templates as `serve`, with no accounts and no database. Checks can be
/// answered and scored; nothing is kept. Files are loaded again when they change on disk.
public struct Preview: Sendable {
    let folder: PreviewFolder
    let pages: Pages
    let logger: Logger
    /// The token every preview form carries. There are no accounts, so there is no session to
    /// tie a token to: one random token for the life of the process does the work CSRF tokens
    /// do. Another site's page cannot read it from ours, so it cannot post to the preview.
    let csrf = Tokens.random()

    /// A preview of the curriculum folder at `directory`; diagnostics begin their paths with
    /// `displayRoot` (the folder as the trainer gave it), as `waymark validate` prints them.
    public init(directory: URL, displayRoot: String, logger: Logger = Logger(label: "waymark.preview")) async throws {
        folder = PreviewFolder(directory: directory, displayRoot: displayRoot)
        pages = try await Pages.load().forPreview()
        self.logger = logger
    }

    init(folder: PreviewFolder, pages: Pages, logger: Logger) {
        self.folder = folder
        self.pages = pages.forPreview()
        self.logger = logger
    }

    /// How many problems the folder has now (loading it, if it has changed), or why it cannot be
    /// read at all: for the command to say before the first page is opened.
    public func check() async -> (problems: Int, folderProblem: String?) {
        let loaded = await folder.current()
        return (loaded.report?.errorCount ?? 0, loaded.folderProblem)
    }

    /// Runs the preview on `host:port` until SIGINT or SIGTERM; `ready` runs once it listens.
    public func serve(host: String, port: Int, ready: @escaping @Sendable () -> Void) async throws {
        var app = Application(
            router: try router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "Waymark preview"),
            logger: logger
        )
        app.beforeServerStarts { ready() }
        try await app.runService()
    }

    /// The preview's router: the index, each module's unit and check, the pictures and the stylesheet.
    public func router() throws -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.middlewares.add(SecurityHeadersMiddleware())
        router.middlewares.add(PreviewTokenMiddleware(token: csrf))
        // The preview is not watched by operators: its errors are counted in a registry nobody reads.
        router.middlewares.add(ErrorMiddleware(pages: pages, metrics: WebMetrics()))
        router.middlewares.add(PreviewProblemsMiddleware(pages: pages))
        let stylesheet = try WebApplication.stylesheet()
        get(router, "/static/waymark.css") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: stylesheet)
            )
        }
        get(router, "/") { request, context in
            let loaded = await folder.current()
            let notice = FormFields(request.uri.query ?? "")["notice"] == "read" ? PreviewNotice.read : nil
            return pages.render("preview", PreviewIndexModel(loaded, folder: folder.displayRoot), title: "All programmes", context: context, notice: notice)
        }
        get(router, "/programmes/:programme/modules/:module") { _, context in
            let loaded = await folder.current()
            let (programme, module) = try place(loaded, context, check: false)
            guard let unit = programme.unit(for: module) else { throw WebError.notFound }
            // A trainee who has not read it yet: the status of someone with no events at all.
            let status = loaded.derived.evaluate(programme, [], now: Date())
            var model = UnitModel(unit: unit, html: loaded.derived.unit(unit, programmeID: programme.id), module: module, status: status)
            model.moduleHref = PreviewLinks.module(programme.id, module.id)
            model.homeHref = "/"
            return pages.render("unit", model, title: unit.title, context: context)
        }
        router.post("/programmes/:programme/modules/:module/read") { request, context -> Response in
            _ = try await form(request, context)
            let (programme, module) = try place(await folder.current(), context, check: false)
            let next = module.assessmentID != nil ? PreviewLinks.module(programme.id, module.id) + "/check" : "/?notice=read"
            return Response.redirect(to: next, type: .normal)
        }
        get(router, "/programmes/:programme/modules/:module/check") { _, context in
            let (programme, module) = try place(await folder.current(), context, check: true)
            guard let assessment = programme.assessment(for: module) else { throw WebError.notFound }
            return pages.render(
                "assessment",
                checkPage(assessment, module, programme),
                title: assessment.title,
                context: context,
                notice: PreviewNotice.tries(assessment)
            )
        }
        router.post("/programmes/:programme/modules/:module/check") { request, context in
            let sent = try await form(request, context)
            let (programme, module) = try place(await folder.current(), context, check: true)
            guard let assessment = programme.assessment(for: module) else { throw WebError.notFound }
            switch SentCheck.read(sent, assessment: assessment, module: module, page: checkPage(assessment, module, programme), history: []) {
            case .again(let model, let status):
                return pages.render("assessment", model, title: assessment.title, context: context, status: status, notice: PreviewNotice.tries(assessment))
            case .scored(let record):
                // Shown at once rather than after a redirect: nothing was kept to show later.
                var model = ResultModel(
                    assessment: assessment,
                    module: module,
                    attempt: DatedAttempt(record: record, at: Date()),
                    best: record.percent,
                    availability: .available,
                    media: "/media/\(programme.id)/",
                    dates: WebDates()
                )
                model.moduleHref = PreviewLinks.module(programme.id, module.id)
                model.homeHref = "/"
                return pages.render("result", model, title: "Your result", context: context, notice: PreviewNotice.tries(assessment))
            }
        }
        get(router, "/media/:programme/**") { request, context in
            let programme = try context.parameters.require("programme")
            guard await folder.current().report?.curriculum.programme(programme) != nil else { throw WebError.notFound }
            return try await MediaPath.picture(request, context, programme: programme, in: folder.directory)
        }
        return router
    }

    /// A GET route, and HEAD answered by it as `serve` answers every GET route (link checkers and
    /// some phones ask HEAD first); `ErrorMiddleware` takes the body away.
    private func get(
        _ router: Router<WebContext>,
        _ path: RouterPath,
        _ handler: @escaping @Sendable (Request, WebContext) async throws -> Response
    ) {
        router.get(path, use: handler)
        router.head(path) { request, context in
            var context = context
            context.isHeadRequest = true
            return try await handler(request, context)
        }
    }

    /// A module's check as a trainee with every try still to come sees it.
    private func checkPage(_ assessment: Assessment, _ module: Module, _ programme: Programme) -> AssessmentModel {
        var model = AssessmentModel(
            assessment: assessment,
            module: module,
            availability: .available,
            media: "/media/\(programme.id)/",
            dates: WebDates()
        )
        model.moduleHref = PreviewLinks.module(programme.id, module.id)
        model.homeHref = "/"
        return model
    }

    /// A form sent to the preview, whole and with the preview's token, or refused.
    private func form(_ request: Request, _ context: WebContext) async throws -> FormFields {
        let form = FormFields(bytes: Array(try await RequestBody.collect(request, context).readableBytesView))
        guard !form.isUnreadable else { throw WebError.unreadableForm }
        guard let sent = form["csrf"], Tokens.same(sent, csrf) else { throw WebError.formExpired }
        return form
    }

    /// The programme and module a page is of, or the problems that stop the page (thrown, so
    /// `PreviewProblemsMiddleware` shows them in its place).
    private func place(_ loaded: PreviewFolder.Loaded, _ context: WebContext, check: Bool) throws -> (Programme, Module) {
        let programmeID = try context.parameters.require("programme")
        let moduleID = try context.parameters.require("module")
        guard let report = loaded.report else {
            throw PreviewProblems(what: "The curriculum folder cannot be read.", lines: [loaded.folderProblem ?? ""])
        }
        guard let programme = report.curriculum.programme(programmeID) else {
            // A programme whose programme.xml does not load is not in the curriculum at all.
            guard report.isValid else {
                throw PreviewProblems(
                    what: "The programme “\(programmeID)” did not load, so none of its pages can be shown.",
                    lines: report.diagnostics.map(\.description)
                )
            }
            throw WebError.notFound
        }
        let files = PreviewFiles(programme, root: loaded.root)
        guard let module = programme.module(moduleID) else {
            let problems = report.diagnostics.filter { $0.file == files.programmeFile }
            guard problems.contains(where: { $0.severity == .error }) else { throw WebError.notFound }
            throw PreviewProblems(what: "The module “\(moduleID)” is not in the programme as it loaded.", lines: problems.map(\.description))
        }
        let problems = files.problems(report, module: module, check: check)
        guard problems.isEmpty else {
            throw PreviewProblems(
                what: "Waymark cannot show this \(check ? "check" : "unit") as a trainee would see it, because its files have problems.",
                lines: problems.map(\.description)
            )
        }
        return (programme, module)
    }
}

/// What the preview says that a trainee's pages do not.
enum PreviewNotice {
    static let read = "In a preview nothing is marked as read. A trainee would now see: “Well done. That unit is marked as read.”"

    /// Checks in a preview can be sent as often as you like; says what trainees are held to.
    static func tries(_ assessment: Assessment) -> String {
        var limits: [String] = []
        if let tries = assessment.maximumAttempts { limits.append("up to \(tries) time\(tries == 1 ? "" : "s")") }
        if let hours = assessment.coolDownHours { limits.append("with a wait of \(hours) hour\(hours == 1 ? "" : "s") between tries") }
        let trainees = limits.isEmpty ? "Trainees can try it as often as they need, too." : "Trainees can try it \(limits.joined(separator: ", "))."
        return "In this preview nothing is counted, and you can send this check as often as you like. \(trainees)"
    }
}
