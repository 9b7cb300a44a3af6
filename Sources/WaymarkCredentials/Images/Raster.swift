/// A greyscale picture being drawn: rectangles of one shade, clipped to the picture.
struct Raster {
    let width: Int
    let height: Int
    /// One byte per pixel, row by row: 0 black, 255 white.
    private(set) var pixels: [UInt8]

    init(width: Int, height: Int, shade: UInt8 = 255) {
        self.width = max(0, width)
        self.height = max(0, height)
        pixels = [UInt8](repeating: shade, count: self.width * self.height)
    }

    mutating func fill(x: Int, y: Int, width: Int, height: Int, shade: UInt8) {
        let left = max(0, x)
        let top = max(0, y)
        let right = min(self.width, x + width)
        let bottom = min(self.height, y + height)
        guard left < right, top < bottom else { return }
        for row in top..<bottom {
            let start = row * self.width
            for column in left..<right { pixels[start + column] = shade }
        }
    }

    /// A frame `thickness` pixels wide, `inset` pixels in from the edges.
    mutating func frame(inset: Int, thickness: Int, shade: UInt8) {
        let side = width - 2 * inset
        let tall = height - 2 * inset
        fill(x: inset, y: inset, width: side, height: thickness, shade: shade)
        fill(x: inset, y: height - inset - thickness, width: side, height: thickness, shade: shade)
        fill(x: inset, y: inset, width: thickness, height: tall, shade: shade)
        fill(x: width - inset - thickness, y: inset, width: thickness, height: tall, shade: shade)
    }

    var png: PNGImage? { PNGImage(width: width, height: height, pixels: pixels) }
}
