import Foundation
import WaymarkXML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a path in a curriculum folder may be read: an ordinary file, reached without leaving
/// the folder.
///
/// Decided from the file system's records alone (`realpath` and `lstat`), so nothing is opened
/// to find out: opening a named pipe waits for someone to write to it, for ever. Anyone who can
/// put a file in the folder can put a link there, so a link is followed only to a file inside.
public enum ContainedFile {
    /// What was found at the path.
    public enum Verdict: Sendable, Equatable {
        /// An ordinary file inside the folder, at this real path (no links left in it).
        case readable(realPath: String)
        /// Nothing there, or a link to nothing.
        case missing
        /// Something other than an ordinary file, such as a folder or a named pipe.
        case notOrdinary(what: String)
        /// A link (or a linked folder on the way) that leads outside the folder.
        case outside
    }

    /// Looks at `url` without opening it, accepting it only if its real path is inside `folder`.
    public static func check(_ url: URL, inside folder: URL) -> Verdict {
        guard let root = realPath(folder.path) else { return .missing }
        guard let real = realPath(url.path) else { return .missing }
        let prefix = root.hasSuffix("/") ? root : root + "/"
        guard real.hasPrefix(prefix) else { return .outside }
        var status = stat()
        guard lstat(real, &status) == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .readable(realPath: real)
        case S_IFDIR: return .notOrdinary(what: "a folder")
        case S_IFIFO: return .notOrdinary(what: "a named pipe")
        case S_IFSOCK: return .notOrdinary(what: "a socket")
        case S_IFCHR, S_IFBLK: return .notOrdinary(what: "a device")
        default: return .notOrdinary(what: "not a file")
        }
    }

    /// The bytes of an ordinary file inside `folder` of at most `limit` bytes; nil for anything
    /// else (missing, too big, a link leading out, a named pipe, a folder).
    public static func bytes(of url: URL, inside folder: URL, limit: Int) -> [UInt8]? {
        guard case .readable(let real) = check(url, inside: folder) else { return nil }
        guard case .bytes(let bytes) = FileBytes.load(real, limit: limit, followingLinks: false) else { return nil }
        return bytes
    }

    /// Why a file was not read, in words for the person who put it there; nil when it was fine.
    public static func refusal(_ verdict: Verdict) -> String? {
        switch verdict {
        case .readable: nil
        case .missing: "This file cannot be found (it may be a link to a file that does not exist), so it was not read."
        case .notOrdinary(let what):
            "This is not an ordinary file (it is \(what)), so it was not read. Put an ordinary .xml file here, or take this away."
        case .outside:
            "This is a link to a file outside the curriculum folder, so it was not read. Copy the file into the folder instead."
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
