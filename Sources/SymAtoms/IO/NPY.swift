import Foundation

/// Element types a `.npy` file may hold that SymLab reads (NumPy `descr` strings, little-endian only).
public enum NPYDType: String, CaseIterable, Sendable {
    /// IEEE double, read as is.
    case float64 = "<f8"
    /// IEEE single, widened exactly to Double.
    case float32 = "<f4"
    /// 32-bit signed integer, converted exactly to Double.
    case int32 = "<i4"
    /// 64-bit signed integer, converted to Double (exact for |x| <= 2^53).
    case int64 = "<i8"

    /// Bytes per element.
    public var itemSize: Int {
        switch self {
        case .float64, .int64: return 8
        case .float32, .int32: return 4
        }
    }
}

/// A dense C-order array read from a `.npy` file, values widened to Double.
public struct NPYArray: Equatable, Sendable {
    /// Shape as in the header, e.g. [80, 576]; [] for a 0-d scalar.
    public var shape: [Int]
    /// Values in C (row-major) order; count = product of `shape`.
    public var values: [Double]
    /// Element type the file stored.
    public var dtype: NPYDType

    /// Creates an array; `values.count` must equal the product of `shape` (programmer error otherwise).
    public init(shape: [Int], values: [Double], dtype: NPYDType = .float64) {
        precondition(shape.reduce(1, *) == values.count, "NPYArray: shape \(shape) does not hold \(values.count) values")
        self.shape = shape
        self.values = values
        self.dtype = dtype
    }
}

/// NumPy `.npy` files (format versions 1.0, 2.0, 3.0; spec §1.2).
///
/// Layout: magic `\x93NUMPY`, major and minor version bytes, header length (UInt16 LE for v1,
/// UInt32 LE for v2/v3), an ASCII (v3: UTF-8) Python dict literal
/// `{'descr': '<f8', 'fortran_order': False, 'shape': (n, m), }` padded with spaces and a newline,
/// then the raw little-endian data. Only C order and the dtypes of `NPYDType` are accepted.
public enum NPY {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

    /// Reads the `.npy` file at `path`. Throws `DataError` naming the file and the problem.
    public static func read(_ path: String) throws -> NPYArray {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DataError(file: path, exists ? "cannot be read" : "file not found")
        }
        return try decode([UInt8](data), file: path)
    }

    /// Decodes the bytes of a `.npy` file; `file` is used in error messages only.
    public static func decode(_ bytes: [UInt8], file: String) throws -> NPYArray {
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw DataError(file: file, "not a .npy file (bad magic; expected \\x93NUMPY)")
        }
        let major = Int(bytes[6])
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw DataError(file: file, "truncated .npy header") }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw DataError(file: file, "unsupported .npy format version \(major).\(bytes[7]) (supported 1, 2, 3)")
        }
        let dataStart = headerStart + headerLength
        guard bytes.count >= dataStart else {
            throw DataError(file: file, "truncated .npy header (header length \(headerLength), file has \(bytes.count) bytes)")
        }
        guard let text = String(bytes: bytes[headerStart..<dataStart], encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw DataError(file: file, "header is not valid text")
        }
        let header = try parseHeader(text, file: file)
        let count = header.shape.reduce(1, *)
        let expected = count * header.dtype.itemSize
        let available = bytes.count - dataStart
        if available < expected {
            throw DataError(file: file, "truncated data: shape \(shapeText(header.shape)) of \(header.dtype.rawValue) "
                + "needs \(expected) bytes, file has \(available)")
        }
        if available > expected {
            throw DataError(file: file, "size mismatch: \(available - expected) bytes beyond shape \(shapeText(header.shape)) of \(header.dtype.rawValue)")
        }
        let values = bytes.withUnsafeBytes { raw -> [Double] in
            let base = raw.baseAddress! + dataStart
            return (0..<count).map { index in
                switch header.dtype {
                case .float64:
                    return Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)))
                case .float32:
                    return Double(Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))))
                case .int32:
                    return Double(Int32(littleEndian: base.loadUnaligned(fromByteOffset: 4 * index, as: Int32.self)))
                case .int64:
                    return Double(Int64(littleEndian: base.loadUnaligned(fromByteOffset: 8 * index, as: Int64.self)))
                }
            }
        }
        return NPYArray(shape: header.shape, values: values, dtype: header.dtype)
    }

    /// Encodes `values` (C order, `shape`) as a `<f8` file: version 1.0, or 2.0 when the header
    /// would not fit a UInt16 length. The header is padded so the data starts on a 64-byte boundary.
    public static func encode(_ values: [Double], shape: [Int]) -> [UInt8] {
        precondition(shape.reduce(1, *) == values.count, "NPY.encode: shape \(shape) does not hold \(values.count) values")
        let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': \(shapeText(shape)), }"
        var version: UInt8 = 1
        var prefix = 10
        var padded = paddedHeader(dict, prefix: prefix)
        if padded.count > Int(UInt16.max) {
            version = 2
            prefix = 12
            padded = paddedHeader(dict, prefix: prefix)
        }
        var out = magic + [version, 0]
        let length = padded.count
        out += (0..<(prefix - 8)).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
        out += padded
        out.reserveCapacity(out.count + 8 * values.count)
        for value in values {
            let bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { out += $0 }
        }
        return out
    }

    /// Writes `values` with `shape` as a `<f8` `.npy` file at `path`, atomically (temp file, then rename).
    public static func write(_ values: [Double], shape: [Int], to path: String) throws {
        do {
            try AtomicFile.write(Data(encode(values, shape: shape)), to: path)
        } catch {
            throw DataError(file: path, "cannot write: \(AtomicFile.reason(error))")
        }
    }

    /// Header bytes padded with spaces and a final newline so that prefix + header is a multiple of 64.
    static func paddedHeader(_ dict: String, prefix: Int) -> [UInt8] {
        var bytes = Array(dict.utf8)
        let total = prefix + bytes.count + 1
        bytes += [UInt8](repeating: 0x20, count: (64 - total % 64) % 64)
        bytes.append(0x0A)
        return bytes
    }

    /// Python tuple text for a shape: `()`, `(3,)`, `(80, 576)`.
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
}
