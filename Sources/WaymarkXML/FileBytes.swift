#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into one byte array, checking its size before reading anything.
enum FileBytes {
    enum Outcome {
        case bytes([UInt8])
        case tooLarge(size: Int)
        case unreadable(String)
    }

    static func load(_ path: String, limit: Int) -> Outcome {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { return .unreadable("not a regular file") }
        let size = Int(status.st_size)
        guard size <= limit else { return .tooLarge(size: size) }
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
