import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the files of a curriculum folder look from outside: each path under `Curriculum/` and
/// `Assessments/` with its size, times and inode. Taking one reads no file (only `stat`, which
/// never opens anything, so a named pipe cannot make it wait), so `waymark preview` takes one on
/// every page load and reloads only when it differs from the last.
struct FolderFingerprint: Equatable, Sendable {
    /// What `stat` says about one path: enough to see a file written, replaced, added or removed.
    struct Stamp: Equatable, Sendable {
        var size: Int64 = 0
        var modified: [Int] = []
        var changed: [Int] = []
        var inode: UInt64 = 0
        var mode: UInt32 = 0
        /// Why `stat` failed (a link to nothing, a link that loops), 0 when it did not.
        var failure: Int32 = 0
    }

    private var stamps: [String: Stamp]

    /// The folder as it is now. Links are looked through to what they lead to, so editing a file
    /// a link names counts as a change; folders are walked the way the loader walks them.
    static func take(of directory: URL) -> FolderFingerprint {
        var stamps: [String: Stamp] = [:]
        for top in ["Curriculum", "Assessments"] {
            let base = directory.appendingPathComponent(top).path
            stamps[top] = stamp(base)
            guard let walk = FileManager.default.enumerator(atPath: base) else { continue }
            while let relative = walk.nextObject() as? String {
                stamps[top + "/" + relative] = stamp(base + "/" + relative)
            }
        }
        return FolderFingerprint(stamps: stamps)
    }

    private static func stamp(_ path: String) -> Stamp {
        var status = stat()
        guard stat(path, &status) == 0 else { return Stamp(failure: errno) }
        #if canImport(Darwin)
        let modified = [Int(status.st_mtimespec.tv_sec), Int(status.st_mtimespec.tv_nsec)]
        let changed = [Int(status.st_ctimespec.tv_sec), Int(status.st_ctimespec.tv_nsec)]
        #else
        let modified = [Int(status.st_mtim.tv_sec), Int(status.st_mtim.tv_nsec)]
        let changed = [Int(status.st_ctim.tv_sec), Int(status.st_ctim.tv_nsec)]
        #endif
        return Stamp(
            size: Int64(status.st_size),
            modified: modified,
            changed: changed,
            inode: UInt64(status.st_ino),
            mode: UInt32(status.st_mode)
        )
    }
}
