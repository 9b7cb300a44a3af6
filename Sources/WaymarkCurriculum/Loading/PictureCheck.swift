import WaymarkXML

extension FileReader {
    /// Every `<image>` in the document must be a kind of file the site serves; anything else
    /// would only ever show as its alt text, so it is refused where it is written.
    mutating func checkPictures(in element: ParsedElement) {
        for child in element.children {
            if child.isNamed("image") {
                let src = (child.attribute("src") ?? "").trimmingWhitespace
                if !src.isEmpty, PictureFormat.mediaType(ofPath: src) == nil {
                    error(
                        child,
                        attribute: "src",
                        "Waymark shows only \(PictureFormat.inWords) pictures, so \(src) would never be shown. Save it in one of those formats."
                    )
                }
            } else {
                checkPictures(in: child)
            }
        }
    }
}
