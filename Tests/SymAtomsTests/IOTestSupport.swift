import Foundation
import Testing
@testable import SymAtoms

/// Shared helpers of the I/O and data tests.
enum IOTest {
    /// Tests/SymAtomsTests/Resources/io (fixtures written by NumPy and ASE, see its README).
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Resources/io").path
    /// The package root: three levels up from this file.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    /// A fresh empty temporary folder; remove it with `cleanUp`.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "symlab-io-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func cleanUp(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// Runs `body`, which must throw a one-line `DataError` whose file ends with `fileSuffix` and whose
    /// problem contains `phrase`.
    static func expectDataError(file fileSuffix: String, _ phrase: String,
                                sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected a DataError containing '\(phrase)', nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as DataError {
            #expect(error.file.hasSuffix(fileSuffix), "file '\(error.file)' should end with '\(fileSuffix)' (\(error))",
                    sourceLocation: sourceLocation)
            #expect(error.problem.contains(phrase), "problem should contain '\(phrase)': \(error)", sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), "message must be one line: \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected a DataError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    /// `.npy` bytes built by hand from the format description (independent of `NPY.encode`):
    /// magic, version, little-endian header length (2 bytes for v1, 4 for v2/v3), header text padded
    /// with spaces and a newline to a multiple of 64, then `payload`.
    static func npyBytes(header: String, version: UInt8 = 1, payload: [UInt8]) -> [UInt8] {
        let prefix = version == 1 ? 10 : 12
        var text = Array(header.utf8)
        while (prefix + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        var out: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
        let n = text.count
        out += [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF)]
        if version != 1 { out += [UInt8(n >> 16 & 0xFF), UInt8(n >> 24 & 0xFF)] }
        return out + text + payload
    }

    /// Little-endian bytes of float64 / float32 values.
    static func bytes(f8 values: [Double]) -> [UInt8] { values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) } }
    static func bytes(f4 values: [Float]) -> [UInt8] { values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) } }

    /// Writes `bytes` to `path`, creating parent folders.
    static func write(_ bytes: [UInt8], to path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Writes text to `path`, creating parent folders.
    static func write(_ text: String, to path: String) { write(Array(text.utf8), to: path) }

    /// Writes a `<f8` .npy with a hand-built header: `shape` is the Python tuple text, e.g. "(2, 9)".
    static func writeNPY(_ values: [Double], shape: String, to path: String) {
        write(npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }", payload: bytes(f8: values)), to: path)
    }

    /// A frame of `types.count` atoms on a jittered grid (no two closer than ~1 Å), random labels.
    static func frame(types: [Int], cell: [Double]?, random: RandomSource, virial: Bool = true) -> Frame {
        var positions: [Double] = []
        for (i, _) in types.enumerated() {
            let grid = [Double(i % 3), Double(i / 3 % 3), Double(i / 9)].map { 1.5 * $0 + 0.3 }
            positions += grid.map { $0 + random.uniform(-0.2, 0.2) }
        }
        return Frame(types: types, positions: positions, cell: cell, energy: random.gaussian(mean: -10, sigma: 2),
                     forces: types.flatMap { _ in (0..<3).map { _ in random.gaussian() } },
                     virial: virial && cell != nil ? (0..<9).map { _ in random.gaussian() } : nil)
    }

    /// A triclinic cell (rows a, b, c) large enough for `frame(types:...)` with up to 27 atoms.
    static let triclinicCell: [Double] = [6.1, 0, 0, 0.7, 5.9, 0, -0.4, 0.5, 6.3]
}
