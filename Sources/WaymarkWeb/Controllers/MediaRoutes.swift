import Foundation
import Hummingbird
import NIOCore
import WaymarkCurriculum

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
            return try MediaPath.picture(exchange.context, programme: programme, in: running.folder ?? curriculumDirectory)
        }
    }
}

extension MediaPath {
    /// The picture the request's path names under `Assessments/<programme>/` of the curriculum
    /// folder, or not found. `serve` and `waymark preview` both answer with this.
    static func picture(_ context: WebContext, programme: String, in curriculumDirectory: URL) throws -> Response {
        let path = context.parameters.getCatchAll().joined(separator: "/")
        guard isSafe(path), let type = types[(path as NSString).pathExtension.lowercased()] else { throw WebError.notFound }
        let file = curriculumDirectory.appendingPathComponent("Assessments").appendingPathComponent(programme).appendingPathComponent(path)
        // Only an ordinary file inside the curriculum folder: a picture that is a link to a
        // file elsewhere is not served, and a named pipe is never opened (it would wait).
        guard let bytes = ContainedFile.bytes(of: file, inside: curriculumDirectory, limit: 5_000_000) else { throw WebError.notFound }
        var headers: HTTPFields = [.contentType: type, .cacheControl: "private, max-age=3600", .xContentTypeOptions: "nosniff"]
        if PictureFormat.isDrawing(path) { headers[.contentSecurityPolicy] = drawingPolicy }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
