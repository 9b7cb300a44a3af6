import Foundation
import Logging
import WaymarkCurriculum
import WaymarkStore

/// Curriculum versions kept in the store, so that every server runs the same curriculum: a
/// reload that passes stores its files as a new version, and every server looks for a newer
/// version every few seconds and swaps to it whole (`CurriculumHolder` keeps the swap atomic).
struct CurriculumVersioning<Store: WaymarkStore>: Sendable {
    let store: Store
    let holder: CurriculumHolder
    let logger: Logger

    /// Stores a curriculum that passed every check (unless its files are stored already) and
    /// runs it when it is newer than the one running.
    func keep(_ loaded: CurriculumReloads.Loaded, by personID: String?, at date: Date) async throws -> CurriculumStoreOutcome {
        let outcome = try await store.storeCurriculumVersion(
            NewCurriculumVersion(
                digest: loaded.digest,
                files: loaded.content.files.map { (path: $0.path, bytes: $0.bytes) },
                storedByID: personID,
                storedOn: holder.serverID,
                storedAt: date,
                programmes: loaded.report.curriculum.programmes.map { "\($0.id) \($0.version)" }.joined(separator: ", ")
            )
        )
        if !run(loaded, as: outcome.version, at: date) { PrivateCurriculumCopy.remove(loaded.folder) }
        return outcome
    }

    /// Puts a loaded version in place unless this server runs it or a newer one already; the
    /// private copy of the one it replaces is deleted.
    @discardableResult
    func run(_ loaded: CurriculumReloads.Loaded, as version: CurriculumVersion, at date: Date) -> Bool {
        let running = CurriculumHolder.Running(
            curriculum: loaded.report.curriculum,
            loadedAt: date,
            version: version.number,
            digest: loaded.digest,
            folder: loaded.folder
        )
        guard let old = holder.replace(ifNewer: running) else { return false }
        if old.folder != loaded.folder { PrivateCurriculumCopy.remove(old.folder) }
        logger.notice(
            "Now running curriculum version \(version.number) (\(CurriculumDigest.short(version.digest)): \(version.programmes)), in place of \(old.version.map { "version \($0)" } ?? "the curriculum it started with")."
        )
        return true
    }

    /// Looks once for a newer stored version, swaps to it if there is one, and records the look.
    func check(at date: Date) async throws {
        if let newest = try await store.newestCurriculumVersionNumber(), newest > holder.now.version ?? 0, !holder.hasRefused(newest) {
            try await runStored(newest, at: date)
        }
        holder.checked(at: date)
        try await store.recordCurriculumCheck(
            CurriculumServerCheck(serverID: holder.serverID, runningVersion: holder.now.version, checkedAt: date, startedAt: holder.startedAt)
        )
    }

    /// Loads a stored version and runs it. A version this server's checks refuse (stored by a
    /// newer Waymark, say) is logged once and not tried again.
    func runStored(_ number: Int, at date: Date) async throws {
        guard let version = try await store.curriculumVersion(number: number) else { return }
        let files = try await store.curriculumFiles(number: number).map { CurriculumContent.File(path: $0.path, bytes: $0.bytes) }
        // A reload on the same thread is running: the next look will try again.
        guard case .loaded(let loaded) = try await holder.reloads.reload(stored: CurriculumContent(files: files)) else { return }
        guard loaded.report.isValid, loaded.digest == version.digest else {
            holder.refuse(number)
            logger.error(
                "Curriculum version \(number) does not pass this server's checks, so it keeps running \(holder.now.version.map { "version \($0)" } ?? "what it has"): \(loaded.report.diagnostics.prefix(3).map(\.description).joined(separator: "; "))"
            )
            return
        }
        if !run(loaded, as: version, at: date) { PrivateCurriculumCopy.remove(loaded.folder) }
    }

    /// The start-up rule. Files never stored before are stored as a new version and run (a
    /// deploy that ships a new curriculum); files stored before mean the newest stored version
    /// runs, so an old server started with old files cannot push an old curriculum over a new
    /// one. A folder with errors is never stored: the newest stored version runs, or, when there
    /// is none, the server does not start. Answers what to tell the person starting it.
    func start(from directory: URL, at date: Date) async throws -> String {
        guard case .loaded(let loaded) = try await holder.reloads.reload(from: directory) else {
            throw CurriculumFolderError(description: "The curriculum is being loaded already.")
        }
        let newest = try await store.newestCurriculumVersionNumber()
        guard loaded.report.isValid else {
            guard let newest else { throw CurriculumStartRefusal(report: loaded.report) }
            try await runStored(newest, at: date)
            guard holder.now.version == newest else { throw CurriculumStartRefusal(report: loaded.report) }
            return "The curriculum folder has \(loaded.report.errorCount) problems (run waymark validate), so it was not stored. Running curriculum version \(newest), the newest stored."
        }
        if let known = try await store.curriculumVersion(digest: loaded.digest), let newest, known.number < newest {
            PrivateCurriculumCopy.remove(loaded.folder)
            try await runStored(newest, at: date)
            guard holder.now.version == newest else {
                throw CurriculumFolderError(description: "The newest stored curriculum (version \(newest)) does not pass this server's checks.")
            }
            return "The curriculum folder holds version \(known.number), which is older than the newest stored. Running curriculum version \(newest)."
        }
        let outcome = try await keep(loaded, by: nil, at: date)
        switch outcome {
        case .stored(let version): return "Stored the curriculum folder as curriculum version \(version.number), and running it."
        case .alreadyStored(let version): return "Running curriculum version \(version.number), the curriculum folder's."
        }
    }
}

/// `serve` does not start: the curriculum folder has errors and the store holds no version to
/// run instead.
public struct CurriculumStartRefusal: Error {
    public var report: CurriculumReport
}
