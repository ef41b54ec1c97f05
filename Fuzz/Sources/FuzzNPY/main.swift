import FuzzSupport
import SymAtoms

/// NPY.decode on the raw bytes of a `.npy` file (every format version, dtype and header).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNPY(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Fuzz.bytes(data, size)
    Fuzz.expectReadOrError(source: "input.npy") {
        let array = try NPY.decode(bytes, file: "input.npy")
        precondition(array.values.count == array.shape.reduce(1, *), "decoded array does not fill its shape")
    }
    return 0
}
