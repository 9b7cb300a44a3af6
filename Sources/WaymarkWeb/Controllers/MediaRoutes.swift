import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Hummingbird
import NIOCore
import NIOPosix
import WaymarkCurriculum
import WaymarkXML

/// Which media paths may be served: relative, inside the programme's folder, pictures only.
enum MediaPath {
    /// The loader refuses a picture of any other kind, so what it accepts is what is served here.
    static let types = PictureFormat.mediaTypes

    /// An SVG drawing can hold scripts and event handlers. Pages show it only through `<img>`,
    /// where browsers never run them; opened on its own, this policy runs nothing, loads
    /// nothing and gives the drawing an origin of its own (sandbox), so it cannot reach the site.
    static let drawingPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox"

    static func isSafe(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.hasPrefix("/") && !parts.isEmpty
            && parts.allSatisfy {
                !$0.isEmpty && $0 != "." && $0 != ".." && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
            }
            && types[(path as NSString).pathExtension.lowercased()] != nil
    }
}

extension Web {
    /// Pictures that imported questions use, from `Assessments/<programme>/` (signed-in only).
    func addMediaRoutes(to router: Router<WebContext>) {
        let signedIn = group(router, .anyoneSignedIn)

        signedIn.get("/media/:programme/**") { exchange in
            let programme = try exchange.parameter("programme")
            // From the files of the version running, which may be newer than the folder here.
            let running = curriculum.now
            guard running.curriculum.programme(programme) != nil else { throw WebError.notFound }
            return try await MediaPath.picture(exchange.request, exchange.context, programme: programme, in: running.folder ?? curriculumDirectory)
        }
    }
}

extension MediaPath {
    /// The largest picture served: far more than any question needs.
    static let sizeLimit = 5_000_000

    /// Pictures change only when the curriculum does: a browser keeps one for an hour, then asks
    /// again with its ETag and is answered 304 while the file is unchanged.
    static let cacheControl = "private, max-age=3600"

    /// The picture the request's path names under `Assessments/<programme>/` of the curriculum
    /// folder, or not found. `serve` and `waymark preview` both answer with this. Looking the
    /// file up and reading it happen on the file I/O threads, never on the event loops.
    static func picture(_ request: Request, _ context: WebContext, programme: String, in curriculumDirectory: URL) async throws -> Response {
        let path = context.parameters.getCatchAll().joined(separator: "/")
        guard isSafe(path), let type = types[(path as NSString).pathExtension.lowercased()] else { throw WebError.notFound }
        let file = curriculumDirectory.appendingPathComponent("Assessments").appendingPathComponent(programme).appendingPathComponent(path)
        // A browser whose copy is current is answered 304 without the file being read.
        let found = try await NIOThreadPool.singleton.runIfActive {
            PictureFile.find(file, inside: curriculumDirectory, limit: sizeLimit) {
                ConditionalRequest.isCurrent(request, etag: $0.etag, modified: $0.modified)
            }
        }
        guard let found else { throw WebError.notFound }
        var headers: HTTPFields = [
            .contentType: type, .cacheControl: cacheControl, .xContentTypeOptions: "nosniff",
            .eTag: found.etag, .lastModified: HTTPDates.format(found.modified),
        ]
        if PictureFormat.isDrawing(path) { headers[.contentSecurityPolicy] = drawingPolicy }
        guard let bytes = found.bytes else { return ConditionalRequest.notModified(headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// A picture on disk, with what caches need to know it again.
struct PictureFile: Sendable {
    /// Nil when the asker's copy is current, so the file was not read.
    var bytes: [UInt8]?
    var status: FileBytes.Status

    var modified: Date { Date(timeIntervalSince1970: Double(status.changed.tv_sec) + Double(status.changed.tv_nsec) / 1_000_000_000) }

    /// Weak, as it comes from the file's size and time rather than its bytes.
    var etag: String {
        "W/\"\(String(status.size, radix: 16))-\(String(status.changed.tv_sec, radix: 16)).\(String(status.changed.tv_nsec, radix: 16))\""
    }

    /// Only an ordinary file inside the curriculum folder, of at most `limit` bytes: a picture
    /// that is a link to a file elsewhere is not served, and a named pipe is never waited on.
    /// The checks and the read use one descriptor, opened without following a link, so the
    /// file cannot be swapped for a link, a pipe or a bigger file between them; its bytes are
    /// read only when `isCurrent` says the asker's copy is not. Blocks on the file system: call
    /// it off the event loops.
    static func find(_ file: URL, inside folder: URL, limit: Int, isCurrent: (PictureFile) -> Bool) -> PictureFile? {
        guard case .readable(let real) = ContainedFile.check(file, inside: folder) else { return nil }
        var status: FileBytes.Status?
        var current = false
        let outcome = FileBytes.load(real, limit: limit, followingLinks: false) { found in
            status = found
            current = isCurrent(PictureFile(bytes: nil, status: found))
            return !current
        }
        guard case .bytes(let bytes) = outcome, let status else { return nil }
        return PictureFile(bytes: current ? nil : bytes, status: status)
    }
}
