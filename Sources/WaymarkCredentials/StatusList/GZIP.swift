import CZlib
import Foundation

/// GZIP (RFC 1952) through the system's zlib: what a Bitstring Status List's `encodedList` is
/// compressed with.
public enum GZIP {
    /// Why bytes could not be compressed or read back.
    public enum Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// zlib refused, with its code.
        case zlib(Int32)
        /// Not GZIP, cut short, or with bytes after its end.
        case notGZIP
        /// It would come out larger than the limit the caller set.
        case tooLarge(limit: Int)

        public var description: String {
            switch self {
            case .zlib(let code): "zlib failed with code \(code)"
            case .notGZIP: "the bytes are not GZIP, or are cut short"
            case .tooLarge(let limit): "it comes out larger than \(limit) bytes"
            }
        }
    }

    /// The bytes compressed, with a GZIP header and trailer.
    public static func compress(_ data: Data) throws -> Data {
        var stream = z_stream()
        guard waymark_gzip_deflate_init(&stream, Z_BEST_COMPRESSION) == Z_OK else { throw Failure.zlib(Z_STREAM_ERROR) }
        defer { deflateEnd(&stream) }
        var input = [UInt8](data)
        // deflateBound is the most deflate can write for this input, header and trailer included.
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        let result = input.withUnsafeMutableBufferPointer { inputBytes in
            output.withUnsafeMutableBufferPointer { outputBytes in
                stream.next_in = inputBytes.baseAddress
                stream.avail_in = uInt(inputBytes.count)
                stream.next_out = outputBytes.baseAddress
                stream.avail_out = uInt(outputBytes.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { throw Failure.zlib(result) }
        return Data(output.prefix(Int(stream.total_out)))
    }

    /// The bytes inside one GZIP member, refusing to make more than `limit` bytes (a small
    /// download can inflate to gigabytes).
    public static func decompress(_ data: Data, limit: Int) throws -> Data {
        var stream = z_stream()
        guard waymark_gzip_inflate_init(&stream) == Z_OK else { throw Failure.zlib(Z_STREAM_ERROR) }
        defer { inflateEnd(&stream) }
        var input = [UInt8](data)
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        return try input.withUnsafeMutableBufferPointer { inputBytes in
            stream.next_in = inputBytes.baseAddress
            stream.avail_in = uInt(inputBytes.count)
            while true {
                let (result, written) = chunk.withUnsafeMutableBufferPointer { chunkBytes in
                    stream.next_out = chunkBytes.baseAddress
                    stream.avail_out = uInt(chunkBytes.count)
                    let result = inflate(&stream, Z_NO_FLUSH)
                    return (result, chunkBytes.count - Int(stream.avail_out))
                }
                guard output.count <= limit - written else { throw Failure.tooLarge(limit: limit) }
                output.append(contentsOf: chunk.prefix(written))
                switch result {
                case Z_STREAM_END:
                    guard stream.avail_in == 0 else { throw Failure.notGZIP }
                    return output
                case Z_OK:
                    continue
                case Z_BUF_ERROR where written > 0:
                    continue
                default:
                    throw Failure.notGZIP
                }
            }
        }
    }
}
