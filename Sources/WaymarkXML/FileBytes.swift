#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into one byte array, checking its size before reading anything.
public enum FileBytes {
    /// What reading found.
    public enum Outcome: Sendable {
        case bytes([UInt8])
        case tooLarge(size: Int)
        case unreadable(String)
    }

    /// What one `fstat` of the opened file said of it.
    public struct Status: Sendable {
        public var size: Int
        /// When its bytes last changed, as the file system keeps it.
        public var changed: timespec
    }

    /// Reads the ordinary file at `path`, at most `limit` bytes. Anything else is refused
    /// without waiting: a named pipe opens at once instead of waiting for a writer. With
    /// `followingLinks` false a link is refused too, for callers that resolved the path
    /// themselves to decide where it may lead (so it cannot be swapped for a link meanwhile).
    public static func load(_ path: String, limit: Int, followingLinks: Bool = true) -> Outcome {
        load(path, limit: limit, followingLinks: followingLinks, reading: { _ in true })
    }

    /// `load`, showing `reading` the opened file's status before anything is read; when it
    /// says false (the caller's copy is current), nothing is read and the bytes are empty. The
    /// status and the bytes come from one descriptor, so a cache tag made from the status
    /// belongs to exactly the bytes read.
    public static func load(_ path: String, limit: Int, followingLinks: Bool = true, reading: (Status) -> Bool) -> Outcome {
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .unreadable("it is not an ordinary file") }
        let size = Int(status.st_size)
        guard size <= limit else { return .tooLarge(size: size) }
        #if canImport(Darwin)
        let changed = status.st_mtimespec
        #else
        let changed = status.st_mtim
        #endif
        guard reading(Status(size: size, changed: changed)) else { return .bytes([]) }
        var failure: String? = nil
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialised in
            guard let base = buffer.baseAddress else { return }  // an empty file
            while initialised < size {
                let count = read(descriptor, base + initialised, size - initialised)
                if count < 0 && errno == EINTR { continue }
                if count < 0 {
                    failure = String(cString: strerror(errno))
                    return
                }
                if count == 0 { return }  // the file shrank while being read
                initialised += count
            }
        }
        if let failure { return .unreadable(failure) }
        return .bytes(bytes)
    }
}
