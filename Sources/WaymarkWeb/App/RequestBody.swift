import Hummingbird

/// A form's body, refused on its declared length before a byte of it is read.
enum RequestBody {
    static func collect(_ request: Request, _ context: WebContext) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength], length.utf8.count > 12 || (Int(length) ?? 0) > context.maxUploadSize {
            throw WebError.tooLarge
        }
        return try await request.body.collect(upTo: context.maxUploadSize)
    }
}
