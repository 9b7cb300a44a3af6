import CLibXML2

/// Folds XML whitespace (space, tab, carriage return, line feed) the way HTML shows text:
/// each run becomes one space. Works on libxml2's UTF-8 bytes directly, because curriculum
/// text is most of what Waymark reads and building it character by character was the slowest
/// part of loading.
public enum WhitespaceFolding {
    /// Folds a NUL-terminated UTF-8 string; with `trimming`, no space is left at either end.
    static func fold(_ text: UnsafePointer<xmlChar>, trimming: Bool) -> String {
        let length = Int(xmlStrlen(text))
        return String(unsafeUninitializedCapacity: length) { output in
            fold(UnsafeBufferPointer(start: text, count: length), into: output, trimming: trimming)
        }
    }

    /// Folds a Swift string; with `trimming`, no space is left at either end.
    public static func fold(_ text: String, trimming: Bool) -> String {
        var text = text
        return text.withUTF8 { input in
            String(unsafeUninitializedCapacity: input.count) { output in
                fold(input, into: output, trimming: trimming)
            }
        }
    }

    private static func fold(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>, trimming: Bool) -> Int {
        var count = 0
        var inSpace = trimming  // when trimming, leading whitespace is dropped
        for byte in input {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                if !inSpace {
                    output[count] = 0x20
                    count += 1
                    inSpace = true
                }
            } else {
                output[count] = byte
                count += 1
                inSpace = false
            }
        }
        if trimming, count > 0, output[count - 1] == 0x20 { count -= 1 }
        return count
    }
}
