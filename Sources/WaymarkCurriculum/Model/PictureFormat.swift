/// The picture files Waymark shows, by file extension, with the type `/media/` serves each as.
///
/// One list for the loader, the importers and the media route: a picture the loader accepts is
/// one the site can show, and a file the site would never serve is refused when it is checked.
public enum PictureFormat {
    /// Lower-case extension and media type, in the order messages name them.
    private static let known: [(fileExtension: String, mediaType: String)] = [
        ("jpg", "image/jpeg"), ("jpeg", "image/jpeg"), ("png", "image/png"), ("gif", "image/gif"), ("webp", "image/webp"),
        ("svg", "image/svg+xml"),
    ]

    /// Lower-case extension to media type.
    public static let mediaTypes: [String: String] = Dictionary(uniqueKeysWithValues: known.map { ($0.fileExtension, $0.mediaType) })

    /// ".jpg, .jpeg, .png, .gif, .webp or .svg", for messages.
    public static let inWords: String = {
        let names = known.map { "." + $0.fileExtension }
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }()

    /// The media type of the picture at `path`, or nil when Waymark does not show that kind of file.
    public static func mediaType(ofPath path: String) -> String? {
        mediaTypes[fileExtension(path)]
    }

    /// Whether the picture is an SVG drawing, which can hold scripts and so is served with a
    /// policy that stops them.
    public static func isDrawing(_ path: String) -> Bool {
        fileExtension(path) == "svg"
    }

    /// The lower-case text after the last dot of the last path part, or "" when there is none.
    static func fileExtension(_ path: String) -> String {
        let last = path.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(path)
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }
}
