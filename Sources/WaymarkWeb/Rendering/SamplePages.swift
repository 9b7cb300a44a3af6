import Foundation
import Hummingbird
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// A trainee's dashboard and unit pages, built from the same models the trainee routes build and
/// rendered by the same templates and layout, but without a request or a store: so
/// Benchmarks/RenderBenchmarks can time rendering alone.
public struct SamplePages: Sendable {
    private let pages: Pages
    private let person: Person
    private let dashboard: DashboardModel
    private let units: [(title: String, model: UnitModel)]
    /// A session token's length plus a nonce, as signed-in forms carry.
    private let csrf = String(repeating: "t", count: 43) + "." + String(repeating: "n", count: 16)

    /// The pages `person` sees on `programme` after `events`; one unit page for each module with a unit.
    public init(pages: Pages, programme: Programme, person: Person, events: [TraineeEvent], now: Date) {
        let (status, access) = Progression.Evaluator(programme).evaluateWithAccess(events, now: now)
        let cache = CurriculumCache()
        self.pages = pages
        self.person = person
        // Timed, not read: the standard zone writes the dates as well as any.
        dashboard = DashboardModel(person: person, programme: programme, status: status, access: access, dates: WebDates())
        units = programme.modules.compactMap { module in
            guard let unit = programme.unit(for: module) else { return nil }
            let html = cache.unit(unit, programmeID: programme.id)
            return (unit.title, UnitModel(unit: unit, html: html, module: module, status: status))
        }
    }

    /// How many unit pages `unit(_:)` can render.
    public var unitCount: Int { units.count }

    /// The dashboard, as `GET /dashboard` renders it.
    public func dashboardPage() -> ByteBuffer {
        pages.html("dashboard", dashboard, title: "My next step", person: person, csrf: csrf, notice: nil)
    }

    /// The unit page of the `index`th module that has a unit (wrapping around); nil if none has.
    public func unitPage(_ index: Int) -> ByteBuffer? {
        guard !units.isEmpty else { return nil }
        let unit = units[index % units.count]
        return pages.html("unit", unit.model, title: unit.title, person: person, csrf: csrf, notice: nil)
    }
}
