import Crypto
import Foundation
import WaymarkCurriculum

/// The SHA-256 of a curriculum's files, as lowercase hex: each file's path, a zero byte, its
/// length as 8 bytes and its bytes, in path order. The same files give the same digest on every
/// server, and moving a byte from one file to the next changes it.
enum CurriculumDigest {
    static func of(_ content: CurriculumContent) -> String {
        var hash = SHA256()
        for file in content.files {
            hash.update(data: Array(file.path.utf8) + [0])
            withUnsafeBytes(of: UInt64(file.bytes.count).bigEndian) { hash.update(bufferPointer: $0) }
            hash.update(data: file.bytes)
        }
        return hash.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The first 12 characters, enough to tell versions apart on a page.
    static func short(_ digest: String) -> String {
        String(digest.prefix(12))
    }
}

/// A private copy of a curriculum's files in a new temporary folder only this process can read:
/// what a server loads, checks and serves pictures from, so that the files it checked are the
/// files it stored and runs, whatever happens to the curriculum folder afterwards.
enum PrivateCurriculumCopy {
    static let prefix = "waymark-running-"

    static func make(_ content: CurriculumContent) throws(CurriculumFolderError) -> URL {
        var template = Array((NSTemporaryDirectory() + "/" + prefix + "XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw CurriculumFolderError(description: "No temporary folder could be made for the curriculum's files (\(String(cString: strerror(errno)))).")
        }
        let folder = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        do {
            try content.write(to: folder)
        } catch {
            remove(folder)
            throw error
        }
        return folder
    }

    /// Deletes a copy this process made; any other folder is left alone.
    static func remove(_ folder: URL?) {
        guard let folder, folder.lastPathComponent.hasPrefix(prefix) else { return }
        try? FileManager.default.removeItem(at: folder)
    }
}
