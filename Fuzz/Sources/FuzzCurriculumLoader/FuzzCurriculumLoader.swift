import Foundation
import WaymarkCurriculum

/// A small real curriculum (the bundled volunteer induction) in a folder of its own. Each input
/// takes the place of one of its files, chosen by what the input looks like, and the whole folder
/// is loaded the way `waymark validate` loads it, so the cross-file checks run too.
private final class FuzzFolder: @unchecked Sendable {
    enum Slot: Int, CaseIterable {
        case programme, unit, assessment
    }

    let root: URL
    /// Byte arrays, not `Data`: LeakSanitizer cannot see a pointer kept inside `Data`'s enum,
    /// and took these for leaked.
    private var originals: [Slot: [UInt8]] = [:]
    private var changed: Slot?

    init() {
        // The repository holding this file, unless WAYMARK_SOURCE names another checkout.
        let source = ProcessInfo.processInfo.environment["WAYMARK_SOURCE"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent()
        root = FileManager.default.temporaryDirectory.appendingPathComponent("waymark-fuzz-\(getpid())")
        let manager = FileManager.default
        do {
            try? manager.removeItem(at: root)
            for part in ["Curriculum", "Assessments"] {
                try manager.createDirectory(at: root.appendingPathComponent(part), withIntermediateDirectories: true)
                try manager.copyItem(
                    at: source.appendingPathComponent("\(part)/volunteer-induction"),
                    to: root.appendingPathComponent("\(part)/volunteer-induction")
                )
            }
            for slot in Slot.allCases {
                originals[slot] = Array(try Data(contentsOf: url(slot)))
            }
        } catch {
            // A fuzz target cannot do anything useful without its folder: say why and stop.
            FileHandle.standardError.write(Data("Could not set up the fuzz folder from \(source.path): \(error)\n".utf8))
            exit(2)
        }
    }

    func url(_ slot: Slot) -> URL {
        switch slot {
        case .programme: root.appendingPathComponent("Curriculum/volunteer-induction/programme.xml")
        case .unit: root.appendingPathComponent("Curriculum/volunteer-induction/units/welcome.xml")
        case .assessment: root.appendingPathComponent("Assessments/volunteer-induction/welcome-check.xml")
        }
    }

    /// Puts `bytes` in the slot they look like, after putting back the file the last input replaced.
    func place(_ bytes: Data) {
        if let changed, let original = originals[changed] {
            try? Data(original).write(to: url(changed))
        }
        let slot: Slot =
            bytes.range(of: Data("<programme".utf8)) != nil ? .programme
            : bytes.range(of: Data("<assessment".utf8)) != nil ? .assessment : .unit
        try? bytes.write(to: url(slot))
        changed = slot
    }
}

private let folder = FuzzFolder()
private let loader = CurriculumLoader()

/// libFuzzer calls this once, before any input. The folder, the compiled schema and the
/// runtime's caches are made here, so that they are not taken for memory leaked by an input.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    folder.place(Data("<unit/>".utf8))
    _ = try? loader.load(from: folder.root)
    return 0
}

/// libFuzzer calls this once per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    folder.place(Data(bytes: data, count: size))
    if let report = try? loader.load(from: folder.root) {
        // Use what was loaded, as validate does when it prints, so nothing is optimised away.
        for diagnostic in report.diagnostics where diagnostic.line < 1 || diagnostic.column < 1 {
            FileHandle.standardError.write(Data("A diagnostic without a real place: \(diagnostic)\n".utf8))
            abort()
        }
        _ = report.curriculum.counts
    }
    return 0
}
