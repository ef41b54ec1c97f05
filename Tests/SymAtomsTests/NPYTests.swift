import Foundation
import Testing
@testable import SymAtoms

@Suite struct NPYTests {
    /// The array that NumPy wrote into numpy_v{1,2,3}_f8.npy (see Resources/io/README.md).
    let numpyValues: [Double] = [1.5, -2.25, 3e-300, 0.1, 1e300, -0.0]

    @Test(arguments: [1, 2, 3])
    func readsNumPyWrittenVersions(version: Int) throws {
        let array = try NPY.read("\(IOTest.fixtures)/numpy_v\(version)_f8.npy")
        #expect(array.shape == [2, 3])
        #expect(array.dtype == .float64)
        #expect(array.values == numpyValues)
        #expect(array.values[5].sign == .minus, "-0.0 keeps its sign bit")
    }

    @Test func readsNumPyFloat32WidenedExactly() throws {
        let array = try NPY.read("\(IOTest.fixtures)/numpy_f4.npy")
        #expect(array.dtype == .float32)
        #expect(array.shape == [3])
        #expect(array.values == [Double(Float(0.1)), -3.5, 16_777_216])  // 16777217 is not a Float
    }

    @Test func readsNumPyIntegers() throws {
        let i4 = try NPY.read("\(IOTest.fixtures)/numpy_i4.npy")
        #expect(i4.dtype == .int32 && i4.shape == [2, 2])
        #expect(i4.values == [0, -7, 2_147_483_647, -2_147_483_648])
        let i8 = try NPY.read("\(IOTest.fixtures)/numpy_i8.npy")
        #expect(i8.dtype == .int64 && i8.values == [9_007_199_254_740_992, -3])
    }

    @Test func readsCraftedFloat32Bytes() throws {
        let floats: [Float] = [0.1, -3 * Float.leastNonzeroMagnitude, .greatestFiniteMagnitude, 3.3333333, -0.0, 1]
        let bytes = IOTest.npyBytes(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                                    payload: IOTest.bytes(f4: floats))
        let array = try NPY.decode(bytes, file: "crafted.npy")
        #expect(array.values == floats.map(Double.init))
        #expect(array.values[1] == -3 * Double(Float.leastNonzeroMagnitude), "float32 subnormals widen exactly")
    }

    @Test(arguments: [UInt8(1), 2, 3])
    func readsCraftedHeaderVersions(version: UInt8) throws {
        let headers = [
            ("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", [3]),
            ("{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (1, 3)}", [1, 3]),
            ("{'shape': (3, 1, 1), 'fortran_order': False, 'descr': '<f8'}", [3, 1, 1]),
            ("{'descr':'<f8','fortran_order':False,'shape':(3L,),}", [3]),
        ]
        for (header, shape) in headers {
            let bytes = IOTest.npyBytes(header: header, version: version, payload: IOTest.bytes(f8: [1, 2, 3]))
            let array = try NPY.decode(bytes, file: "v\(version).npy")
            #expect(array.shape == shape, "header \(header)")
            #expect(array.values == [1, 2, 3])
        }
        let scalar = IOTest.npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                                     version: version, payload: IOTest.bytes(f8: [42]))
        #expect(try NPY.decode(scalar, file: "scalar.npy") == NPYArray(shape: [], values: [42]))
    }

    @Test func writerFollowsTheFormatAndRoundTrips() throws {
        let values: [Double] = [1, -0.0, .leastNonzeroMagnitude, .pi, -1.7976931348623157e308, 0.1]
        let bytes = NPY.encode(values, shape: [2, 3])
        let expected = IOTest.npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
                                       payload: IOTest.bytes(f8: values))
        #expect(bytes == expected)
        #expect((bytes.count - 8 * values.count) % 64 == 0, "data starts on a 64-byte boundary")
        let back = try NPY.decode(bytes, file: "written.npy")
        #expect(back.values.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(NPY.encode([7], shape: [1]) == IOTest.npyBytes(
            header: "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", payload: IOTest.bytes(f8: [7])))
    }

    @Test func writerSwitchesToVersion2ForLongHeaders() throws {
        let shape = [Int](repeating: 1, count: 25_000)  // "(1, 1, ...)" is longer than 65535 bytes
        let bytes = NPY.encode([2.5], shape: shape)
        #expect(bytes[6] == 2, "major version")
        let back = try NPY.decode(bytes, file: "long.npy")
        #expect(back.shape == shape && back.values == [2.5])
    }

    @Test func writesFilesAtomically() throws {
        let folder = IOTest.temporaryFolder()
        defer { IOTest.cleanUp(folder) }
        try NPY.write([1, 2], shape: [2], to: "\(folder)/a.npy")
        try NPY.write([3, 4, 5], shape: [3], to: "\(folder)/a.npy")
        #expect(try NPY.read("\(folder)/a.npy").values == [3, 4, 5])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.npy"], "no temp files left")
    }

    @Test func rejectsUnsupportedNumPyFiles() {
        IOTest.expectDataError(file: "numpy_fortran.npy", "fortran_order True") {
            _ = try NPY.read("\(IOTest.fixtures)/numpy_fortran.npy")
        }
        IOTest.expectDataError(file: "numpy_big_endian.npy", "big-endian dtype '>f8'") {
            _ = try NPY.read("\(IOTest.fixtures)/numpy_big_endian.npy")
        }
        IOTest.expectDataError(file: "numpy_c16.npy", "unsupported dtype '<c16'") {
            _ = try NPY.read("\(IOTest.fixtures)/numpy_c16.npy")
        }
    }

    @Test func rejectsBrokenBytes() throws {
        let good = Array(try Data(contentsOf: URL(fileURLWithPath: "\(IOTest.fixtures)/numpy_v1_f8.npy")))
        IOTest.expectDataError(file: "t.npy", "truncated data") { _ = try NPY.decode(Array(good.dropLast(3)), file: "t.npy") }
        IOTest.expectDataError(file: "t.npy", "truncated .npy header") { _ = try NPY.decode(Array(good.prefix(40)), file: "t.npy") }
        IOTest.expectDataError(file: "t.npy", "size mismatch") { _ = try NPY.decode(good + [0, 0, 0, 0, 0, 0, 0, 0], file: "t.npy") }
        var badMagic = good
        badMagic[1] = UInt8(ascii: "X")
        IOTest.expectDataError(file: "t.npy", "bad magic") { _ = try NPY.decode(badMagic, file: "t.npy") }
        var version4 = good
        version4[6] = 4
        IOTest.expectDataError(file: "t.npy", "version 4") { _ = try NPY.decode(version4, file: "t.npy") }
        for header in ["{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3)", "not a dict",
                       "{'descr': '<f8', 'fortran_order': Maybe, 'shape': (2, 3)}"] {
            let bytes = IOTest.npyBytes(header: header, payload: IOTest.bytes(f8: numpyValues))
            IOTest.expectDataError(file: "h.npy", "header does not parse") { _ = try NPY.decode(bytes, file: "h.npy") }
        }
        let noShape = IOTest.npyBytes(header: "{'descr': '<f8', 'fortran_order': False}", payload: [])
        IOTest.expectDataError(file: "h.npy", "'shape'") { _ = try NPY.decode(noShape, file: "h.npy") }
        IOTest.expectDataError(file: "missing.npy", "file not found") { _ = try NPY.read("/nonexistent/missing.npy") }
    }

    /// Found by fuzzing (Fuzz/FuzzNPY, docs/fuzzing.md): a header cut off by binary data holding a
    /// newline and control bytes is quoted in the error, escaped, so the message stays one line.
    @Test func quotedBrokenHeaderStaysOneLine() throws {
        let bytes = IOTest.npyBytes(header: "{'descr': '<f8', 'fortran_order'\u{1E}\u{01}\u{1B}?\n@ZM", payload: [])
        IOTest.expectDataError(file: "h.npy", "header does not parse (expected ':')") { _ = try NPY.decode(bytes, file: "h.npy") }
        let error = try #require(throws: DataError.self) { _ = try NPY.decode(bytes, file: "h.npy") }
        #expect(error.description.contains("'fortran_order'\\u{1E}\\u{1}\\u{1B}?\\n@ZM"), "escaped as written: \(error)")
    }

    /// A shape whose element count overflows Int (found by reading, kept by FuzzNPY): truncated
    /// data, not an overflow trap.
    @Test func shapeBeyondAnyFileIsTruncatedData() {
        for shape in ["(4294967296, 4294967296)", "(9223372036854775807,)", "(2305843009213693952,)"] {
            let bytes = IOTest.npyBytes(header: "{'descr': '<f8', 'fortran_order': False, 'shape': \(shape), }", payload: [])
            IOTest.expectDataError(file: "big.npy", "needs more bytes than any file holds, file has 0") {
                _ = try NPY.decode(bytes, file: "big.npy")
            }
        }
    }
}
