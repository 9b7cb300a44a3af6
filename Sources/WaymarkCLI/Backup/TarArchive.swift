import Foundation

/// A POSIX tar (ustar) archive of plain files: what a backup is, so an operator can look inside
/// it with `tar tf` and take it apart with ordinary tools.
enum TarArchive {
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes the files (archive path, file on disk) into a new archive at `url`, telling
    /// `progress` the bytes written so far and the bytes there are to write.
    static func write(_ files: [(path: String, source: URL)], to url: URL, progress: (UInt64, UInt64) -> Void = { _, _ in }) throws {
        let total = files.reduce(UInt64(0)) { sum, file in
            sum + ((try? FileManager.default.attributesOfItem(atPath: file.source.path)[.size] as? UInt64) ?? 0)
        }
        var copied: UInt64 = 0
        guard FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let out = try? FileHandle(forWritingTo: url)
        else { throw Problem(description: "cannot write \(url.path)") }
        defer { try? out.close() }
        for file in files {
            let input = try FileHandle(forReadingFrom: file.source)
            defer { try? input.close() }
            let size = try input.seekToEnd()
            try input.seek(toOffset: 0)
            try out.write(contentsOf: try header(path: file.path, size: size))
            var written: UInt64 = 0
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
                try out.write(contentsOf: chunk)
                written += UInt64(chunk.count)
                copied += UInt64(chunk.count)
                progress(min(copied, total), total)
            }
            guard written == size else { throw Problem(description: "\(file.source.path) changed while it was copied") }
            let padding = Int((512 - size % 512) % 512)
            if padding > 0 { try out.write(contentsOf: Data(count: padding)) }
        }
        try out.write(contentsOf: Data(count: 1024))
    }

    /// Writes every file of the archive at `url` where `destination` says (nil refuses the
    /// archive: a backup holds only the files Waymark wrote), checking each header as it goes.
    /// Returns the archive paths, in order. `progress` hears the bytes read of the archive's size.
    static func extract(
        _ url: URL,
        largestFile: UInt64,
        progress: (UInt64, UInt64) -> Void = { _, _ in },
        destination: (String) -> URL?
    ) throws -> [String] {
        guard let input = try? FileHandle(forReadingFrom: url) else { throw Problem(description: "cannot read \(url.path)") }
        defer { try? input.close() }
        let archiveSize = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? UInt64) ?? 0
        var paths: [String] = []
        while true {
            guard let block = try input.read(upToCount: 512), block.count == 512 else {
                throw Problem(description: "\(url.path) ends before its end marker: it is cut short or not a backup")
            }
            let bytes = [UInt8](block)
            if bytes.allSatisfy({ $0 == 0 }) { return paths }
            guard Array(bytes[257..<262]) == Array("ustar".utf8), checksum(bytes) == octal(bytes[148..<156]) else {
                throw Problem(description: "\(url.path) is not a Waymark backup (a damaged or unknown archive header)")
            }
            let prefix = text(bytes[345..<500]) ?? ""
            let path = (prefix.isEmpty ? "" : prefix + "/") + (text(bytes[0..<100]) ?? "")
            guard bytes[156] == UInt8(ascii: "0") || bytes[156] == 0, let target = destination(path) else {
                throw Problem(description: "\(url.path) holds \(path), which is not part of a Waymark backup")
            }
            guard let size = octal(bytes[124..<136]), size <= largestFile else {
                throw Problem(description: "\(path) in \(url.path) is larger than Waymark writes")
            }
            guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]),
                let out = try? FileHandle(forWritingTo: target)
            else { throw Problem(description: "cannot write \(target.path)") }
            defer { try? out.close() }
            var left = size
            while left > 0 {
                guard let chunk = try input.read(upToCount: Int(min(left, 1 << 20))), !chunk.isEmpty else {
                    throw Problem(description: "\(url.path) is cut short inside \(path)")
                }
                try out.write(contentsOf: chunk)
                left -= UInt64(chunk.count)
                progress(min((try? input.offset()) ?? 0, archiveSize), archiveSize)
            }
            let padding = Int((512 - size % 512) % 512)
            if padding > 0 { _ = try input.read(upToCount: padding) }
            paths.append(path)
        }
    }

    static func header(path: String, size: UInt64) throws -> Data {
        let name = Array(path.utf8)
        guard !name.isEmpty, name.count < 100 else { throw Problem(description: "the path \(path) is too long for the archive") }
        var bytes = [UInt8](repeating: 0, count: 512)
        bytes.replaceSubrange(0..<name.count, with: name)
        put(octalDigits(0o600, width: 7), at: 100, in: &bytes)
        put(octalDigits(0, width: 7), at: 108, in: &bytes)
        put(octalDigits(0, width: 7), at: 116, in: &bytes)
        put(octalDigits(size, width: 11), at: 124, in: &bytes)
        put(octalDigits(UInt64(max(0, Date().timeIntervalSince1970)), width: 11), at: 136, in: &bytes)
        bytes[156] = UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0], at: 257, in: &bytes)
        put(Array("00".utf8), at: 263, in: &bytes)
        put(octalDigits(UInt64(checksum(bytes)), width: 6) + [0, UInt8(ascii: " ")], at: 148, in: &bytes)
        return Data(bytes)
    }

    /// The header's checksum: every byte summed, the checksum field counted as spaces.
    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.enumerated().reduce(UInt64(0)) { sum, item in sum + UInt64((148..<156).contains(item.offset) ? 32 : item.element) }
    }

    private static func put(_ values: [UInt8], at offset: Int, in bytes: inout [UInt8]) {
        bytes.replaceSubrange(offset..<(offset + values.count), with: values)
    }

    private static func octalDigits(_ value: UInt64, width: Int) -> [UInt8] {
        let digits = String(value, radix: 8)
        return Array((String(repeating: "0", count: max(0, width - digits.count)) + digits).utf8) + (width == 6 ? [] : [0])
    }

    private static func octal(_ field: ArraySlice<UInt8>) -> UInt64? {
        let digits = field.prefix { $0 != 0 && $0 != UInt8(ascii: " ") }.drop { $0 == UInt8(ascii: " ") }
        guard !digits.isEmpty, let text = String(bytes: digits, encoding: .ascii) else { return nil }
        return UInt64(text, radix: 8)
    }

    private static func text(_ field: ArraySlice<UInt8>) -> String? {
        String(bytes: field.prefix { $0 != 0 }, encoding: .utf8)
    }
}
