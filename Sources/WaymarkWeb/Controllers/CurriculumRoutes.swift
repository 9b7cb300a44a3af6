import Foundation
import Hummingbird
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

extension Web {
    /// The curriculum page: what runs here and on the other servers, the stored versions, what
    /// a reload of the folder would change, and the reload itself.
    func addCurriculumRoutes(to router: Router<WebContext>) {
        let coordinator = group(router, .only([.coordinator]))

        coordinator.get("/curriculum") { exchange in
            try await curriculumPage(exchange, notice: exchange.query("notice").flatMap(Notices.text))
        }

        // Loading the folder is slow CPU work, so what would change is worked out only when
        // asked for, on the reload thread, never on every view of the page.
        coordinator.post("/curriculum/compare") { exchange in
            guard case .loaded(let loaded) = try await curriculum.reloads.reload(from: curriculumDirectory) else {
                return try await curriculumPage(exchange, status: .conflict, notice: "A reload is already running. Try again in a minute.")
            }
            PrivateCurriculumCopy.remove(loaded.folder)
            guard loaded.report.isValid else {
                return try await curriculumPage(exchange, status: .unprocessableContent) { $0.diagnostics = loaded.report.diagnostics.map(\.description) }
            }
            let running = curriculum.current
            let diff = CurriculumDiff.between(running, loaded.report.curriculum)
            let reach = try await ChangeReach.counting(diff, running: running, in: store, now: now())
            return try await curriculumPage(exchange) { $0.compared(diff, reach: reach, folderDigest: loaded.digest) }
        }

        coordinator.post("/curriculum/reload") { exchange in
            // Loading is slow CPU work: it runs on a thread of its own, off the event loops and
            // away from the threads that check passwords, and only one reload runs at a time.
            guard case .loaded(let loaded) = try await curriculum.reloads.reload(from: curriculumDirectory) else {
                return try await curriculumPage(exchange, status: .conflict, notice: "A reload is already running. Try again in a minute.")
            }
            guard loaded.report.isValid else {
                return try await curriculumPage(exchange, status: .unprocessableContent) { $0.diagnostics = loaded.report.diagnostics.map(\.description) }
            }
            let versioning = CurriculumVersioning(store: store, holder: curriculum, logger: logger)
            let outcome = try await versioning.keep(loaded, by: try exchange.person.id, at: now())
            guard case .stored(let version) = outcome else {
                let known = outcome.version
                let notice = known.number == curriculum.now.version ? "same-files" : "older-files"
                return redirect("/curriculum?notice=\(notice)")
            }
            try await store.audit(
                AuditEntry(
                    at: now(),
                    actorID: try exchange.person.id,
                    action: "curriculum.reloaded",
                    subjectID: nil,
                    detail: "version \(version.number): " + loaded.report.curriculum.programmes.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
                )
            )
            return redirect("/curriculum?notice=reloaded")
        }
    }

    /// The curriculum page as it is now; `adjust` adds what a form found.
    func curriculumPage(
        _ exchange: Exchange,
        status: HTTPResponse.Status = .ok,
        notice: String? = nil,
        _ adjust: (inout CurriculumModel) -> Void = { _ in }
    ) async throws -> Response {
        let versions = try await store.curriculumVersions(limit: CurriculumModel.historyLength)
        let servers = try await store.curriculumChecks(since: now().addingTimeInterval(-3_600))
        var names: [String: String] = [:]
        for id in Set(versions.compactMap(\.storedByID)) { names[id] = try await store.person(id: id)?.name }
        var model = CurriculumModel(
            running: curriculum.now,
            serverID: curriculum.serverID,
            versions: versions,
            servers: servers,
            names: names,
            now: now(),
            dates: dates
        )
        adjust(&model)
        return page("curriculum", model, title: "Curriculum", exchange, status: status, notice: notice)
    }
}
