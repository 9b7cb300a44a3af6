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

    /// A file read whole, with what its one `fstat` said of it.
    public struct Loaded: Sendable {
        public var bytes: [UInt8]
        /// When its bytes last changed, as the file system keeps it.
        public var changed: timespec
    }

    /// Reads the ordinary file at `path`, at most `limit` bytes. Anything else is refused
    /// without waiting: a named pipe opens at once instead of waiting for a writer. With
    /// `followingLinks` false a link is refused too, for callers that resolved the path
    /// themselves to decide where it may lead (so it cannot be swapped for a link meanwhile).
    public static func load(_ path: String, limit: Int, followingLinks: Bool = true) -> Outcome {
        switch loadWithTime(path, limit: limit, followingLinks: followingLinks) {
        case .success(let loaded): .bytes(loaded.bytes)
        case .failure(let refusal): refusal.outcome
        }
    }

    /// Why `loadWithTime` read nothing, as `load` reports it.
    public struct Refusal: Error, Sendable {
        public var outcome: Outcome
    }

    /// `load`, keeping the file's change time from the same descriptor, so that a cache tag
    /// made from it belongs to exactly the bytes read.
    public static func loadWithTime(_ path: String, limit: Int, followingLinks: Bool = true) -> Result<Loaded, Refusal> {
        func refused(_ outcome: Outcome) -> Result<Loaded, Refusal> { .failure(Refusal(outcome: outcome)) }
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW)
        let descriptor = open(path, flags)
        guard descriptor >= 0 else { return refused(.unreadable(String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return refused(.unreadable(String(cString: strerror(errno)))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return refused(.unreadable("it is not an ordinary file")) }
        let size = Int(status.st_size)
        guard size <= limit else { return refused(.tooLarge(size: size)) }
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
        if let failure { return refused(.unreadable(failure)) }
        #if canImport(Darwin)
        let changed = status.st_mtimespec
        #else
        let changed = status.st_mtim
        #endif
        return .success(Loaded(bytes: bytes, changed: changed))
    }
}
