import CoreMetrics
import Foundation
import Prometheus
import Synchronization
import WaymarkProgress
import WaymarkStore

/// What operators watch, counted with swift-metrics into a Prometheus registry of this server's
/// own (no global: each server, and each test, counts only its own requests), read at `/metrics`.
///
/// No label ever holds something a person typed or a person's id: routes are patterns
/// (`/trainees/{id}`), methods and statuses come from short fixed lists, so the number of series
/// stays small whatever arrives.
///
/// The email outbox's depth (waiting) and failures are gauges read from the store when scraped
/// (`Web.metricsText()`), so every server reports the one outbox they share.
public final class WebMetrics: Sendable {
    /// Who may read `/metrics` on the site's own port (nil: nobody, it is not served there).
    public let token: String?
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    /// The curriculum series last shown, so a reload's old version stops being reported.
    private let curriculumSeries = Mutex<[ProgrammeVersion: CoreMetrics.Gauge]>([:])
    /// Each request's counter and timer, made once per series: making one checks its name and
    /// labels every time, which is work no request should repeat.
    private let requestSeries = Mutex<[RequestSeries: (count: CoreMetrics.Counter, time: CoreMetrics.Timer)]>([:])

    /// Pages take from about 1 ms (the health check) to a few hundred (a cohort report): buckets
    /// close together there, and a few beyond for a database that is slow to answer.
    static let latencyBuckets: [Duration] = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000].map { .microseconds(Int64($0 * 1_000)) }

    static let requests = "waymark_http_requests_total"
    static let latency = "waymark_http_request_duration_seconds"
    static let signIns = "waymark_sign_ins_total"
    static let databaseErrors = "waymark_database_errors_total"
    static let eventsAppended = "waymark_events_appended_total"
    static let curriculum = "waymark_curriculum_programme_info"
    static let curriculumLoaded = "waymark_curriculum_loaded_timestamp_seconds"
    static let outboxWaiting = "waymark_outbox_waiting_messages"
    static let outboxFailed = "waymark_outbox_failed_messages"

    /// Metrics read with `token` on the site's port (and always on a metrics port, if any).
    public init(token: String? = nil) {
        self.token = token
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets = [Self.latency: Self.latencyBuckets]
        self.factory = factory
        // Counters that are zero until something happens are still shown, so a dashboard can
        // tell "none yet" from "not measured".
        CoreMetrics.Counter(label: Self.databaseErrors, factory: factory).increment(by: 0)
        CoreMetrics.Counter(label: Self.eventsAppended, factory: factory).increment(by: 0)
        for outcome in SignInOutcome.allCases { CoreMetrics.Counter(label: Self.signIns, dimensions: [("outcome", outcome.rawValue)], factory: factory).increment(by: 0) }
    }

    /// One answered request.
    func request(route: String, method: String, status: Int, duration: Duration) {
        let key = RequestSeries(route: route, method: method, status: status)
        let series = requestSeries.withLock { made in
            if let series = made[key] { return series }
            let series = (
                count: CoreMetrics.Counter(label: Self.requests, dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory),
                time: CoreMetrics.Timer(label: Self.latency, dimensions: [("route", route), ("method", method)], factory: factory)
            )
            made[key] = series
            return series
        }
        series.count.increment()
        let (seconds, attoseconds) = duration.components
        series.time.recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    struct RequestSeries: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    /// How a sign-in with an email and a password ended.
    enum SignInOutcome: String, CaseIterable {
        case succeeded, refused, throttled
    }

    func signIn(_ outcome: SignInOutcome) {
        CoreMetrics.Counter(label: Self.signIns, dimensions: [("outcome", outcome.rawValue)], factory: factory).increment()
    }

    /// Counts `error` if the database failed (it could not be reached, or broke a query).
    func noteIfDatabaseFailed(_ error: any Error) {
        guard case .unavailable = error as? StoreError else { return }
        CoreMetrics.Counter(label: Self.databaseErrors, factory: factory).increment()
    }

    /// The metrics in Prometheus's text format, with the curriculum as it is now and the
    /// outbox as the store counted it (left as last shown when it could not be read).
    func text(curriculum holder: CurriculumHolder, outbox: OutboxCounts? = nil) -> String {
        if let outbox {
            CoreMetrics.Gauge(label: Self.outboxWaiting, factory: factory).record(outbox.waiting + outbox.sending)
            CoreMetrics.Gauge(label: Self.outboxFailed, factory: factory).record(outbox.failed)
        }
        let current = Set(holder.current.programmes.map { ProgrammeVersion(programme: $0.id, version: $0.version) })
        curriculumSeries.withLock { shown in
            for (series, gauge) in shown where !current.contains(series) {
                gauge.destroy()
                shown[series] = nil
            }
            for series in current where shown[series] == nil {
                let gauge = CoreMetrics.Gauge(label: Self.curriculum, dimensions: [("programme", series.programme), ("version", series.version)], factory: factory)
                gauge.record(1)
                shown[series] = gauge
            }
        }
        CoreMetrics.Gauge(label: Self.curriculumLoaded, factory: factory).record(holder.loadedAt.timeIntervalSince1970)
        return registry.emitToString()
    }

    struct ProgrammeVersion: Hashable {
        var programme: String
        var version: String
    }
}

extension WebMetrics: StoreObserver {
    public func appended(_ events: [TraineeEvent]) {
        guard !events.isEmpty else { return }
        CoreMetrics.Counter(label: Self.eventsAppended, factory: factory).increment(by: events.count)
    }
}
