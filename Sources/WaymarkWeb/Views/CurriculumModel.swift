import Foundation
import WaymarkCurriculum
import WaymarkProgress
import WaymarkStore

/// The curriculum page: the programmes running here, the stored versions, the servers and, when
/// asked for, what a reload of the folder would change and for how many trainees.
struct CurriculumModel {
    /// How many stored versions the page lists.
    static let historyLength = 20

    struct Item {
        var id: String
        var title: String
        var version: String
        var modules: Int
    }

    struct VersionRow {
        var number: Int
        var digest: String
        var programmes: String
        var storedBy: String
        var storedAt: String
        var files: String
        var isRunning: Bool
    }

    struct ServerRow {
        var name: String
        var version: String
        var checked: String
        var isThisServer: Bool
    }

    struct ChangeRow {
        var programme: String
        var what: String
        var kind: String
        var detail: String
        var trainees: Int
    }

    var programmes: [Item]
    var loadedAt: String
    var runningVersion: String
    var runningDigest: String
    var serverName: String
    var lastChecked: String
    var versions: [VersionRow]
    var servers: [ServerRow]
    var diagnostics: [String] = []
    var refused: Bool { !diagnostics.isEmpty }
    /// Set once the folder has been compared with the version running.
    var comparedFolder = false
    var changes: [ChangeRow] = []
    var folderDigest = ""
    var traineesInProgress = ""
    var hasChanges = false
    var changeCount = 0

    init(
        running: CurriculumHolder.Running,
        serverID: String,
        versions: [CurriculumVersion],
        servers: [CurriculumServerCheck],
        names: [String: String],
        now: Date,
        dates: WebDates
    ) {
        programmes = running.curriculum.programmes.map { Item(id: $0.id, title: $0.title, version: $0.version, modules: $0.modules.count) }
        loadedAt = dates.dayAndTime(running.loadedAt)
        runningVersion = running.version.map { "version \($0)" } ?? "a curriculum that is not stored"
        runningDigest = running.digest.map(CurriculumDigest.short) ?? ""
        serverName = serverID
        let here = servers.first { $0.serverID == serverID }
        lastChecked = here.map { Self.ago($0.checkedAt, now: now) } ?? "not yet"
        self.versions = versions.map { version in
            VersionRow(
                number: version.number,
                digest: CurriculumDigest.short(version.digest),
                programmes: version.programmes,
                storedBy: version.storedByID.map { names[$0] ?? "someone whose account is gone" } ?? "the server \(version.storedOn), as it started",
                storedAt: dates.dayAndTime(version.storedAt),
                files: "\(version.fileCount) files, \(Self.size(version.totalBytes))",
                isRunning: version.number == running.version
            )
        }
        self.servers = servers.map { server in
            ServerRow(
                name: server.serverID,
                version: server.runningVersion.map { "version \($0)" } ?? "none stored",
                checked: Self.ago(server.checkedAt, now: now),
                isThisServer: server.serverID == serverID
            )
        }
    }

    /// Shows what a reload of the folder would change.
    mutating func compared(_ diff: CurriculumDiff, reach: ChangeReach, folderDigest: String) {
        comparedFolder = true
        self.folderDigest = CurriculumDigest.short(folderDigest)
        changes = diff.changes.map { change in
            ChangeRow(
                programme: change.programmeID,
                what: "\(change.subject.word) \(change.id)",
                kind: change.kind.rawValue,
                detail: change.detail,
                trainees: reach.count(change)
            )
        }
        hasChanges = !changes.isEmpty
        changeCount = changes.count
        let programmes = Set(diff.changes.map(\.programmeID)).sorted()
        traineesInProgress = programmes.map { "\(reach.inProgress(programmeID: $0)) in progress on \($0)" }.joined(separator: ", ")
    }

    static func ago(_ date: Date, now: Date) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date).rounded()))
        if seconds < 60 { return seconds == 1 ? "1 second ago" : "\(seconds) seconds ago" }
        let minutes = seconds / 60
        return minutes == 1 ? "1 minute ago" : "\(minutes) minutes ago"
    }

    static func size(_ bytes: Int) -> String {
        bytes < 1_000_000 ? "\(max(1, bytes / 1_000)) KB" : String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}

extension CurriculumModel: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .programmes: reader.read { $0.pointee.programmes }
        case .loadedAt: reader.read { $0.pointee.loadedAt }
        case .runningVersion: reader.read { $0.pointee.runningVersion }
        case .runningDigest: reader.read { $0.pointee.runningDigest }
        case .serverName: reader.read { $0.pointee.serverName }
        case .lastChecked: reader.read { $0.pointee.lastChecked }
        case .versions: reader.read { $0.pointee.versions }
        case .servers: reader.read { $0.pointee.servers }
        case .diagnostics: reader.read { $0.pointee.diagnostics }
        case .comparedFolder: reader.read { $0.pointee.comparedFolder }
        case .changes: reader.read { $0.pointee.changes }
        case .folderDigest: reader.read { $0.pointee.folderDigest }
        case .traineesInProgress: reader.read { $0.pointee.traineesInProgress }
        case .hasChanges: reader.read { $0.pointee.hasChanges }
        case .changeCount: reader.read { $0.pointee.changeCount }
        case .refused: reader.read { $0.pointee.refused }
        default: break
        }
    }
}

extension CurriculumModel.ChangeRow: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .programme: reader.read { $0.pointee.programme }
        case .what: reader.read { $0.pointee.what }
        case .kind: reader.read { $0.pointee.kind }
        case .detail: reader.read { $0.pointee.detail }
        case .trainees: reader.read { $0.pointee.trainees }
        default: break
        }
    }
}

extension CurriculumModel.Item: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .id: reader.read { $0.pointee.id }
        case .title: reader.read { $0.pointee.title }
        case .version: reader.read { $0.pointee.version }
        case .modules: reader.read { $0.pointee.modules }
        default: break
        }
    }
}

extension CurriculumModel.ServerRow: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .name: reader.read { $0.pointee.name }
        case .version: reader.read { $0.pointee.version }
        case .checked: reader.read { $0.pointee.checked }
        case .isThisServer: reader.read { $0.pointee.isThisServer }
        default: break
        }
    }
}

extension CurriculumModel.VersionRow: TemplateFields {
    static func readField(_ name: TemplateName, with reader: inout some TemplateFieldReader<Self>) {
        switch name {
        case .number: reader.read { $0.pointee.number }
        case .digest: reader.read { $0.pointee.digest }
        case .programmes: reader.read { $0.pointee.programmes }
        case .storedBy: reader.read { $0.pointee.storedBy }
        case .storedAt: reader.read { $0.pointee.storedAt }
        case .files: reader.read { $0.pointee.files }
        case .isRunning: reader.read { $0.pointee.isRunning }
        default: break
        }
    }
}
