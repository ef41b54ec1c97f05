import FuzzSupport
import SymAtoms

/// An extended XYZ file read through DatasetReader (as `symlab train` and `symlab test` do), with
/// the species mapped in order of first appearance and onto a given type map.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExtXYZ(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = Fuzz.scratch + "/input.extxyz"
    Fuzz.write(Fuzz.bytes(data, size), to: path)
    for typeMap in [nil, ["O", "H", "Si"]] {
        Fuzz.expectReadOrError(source: path) { _ = try DatasetReader.read([path], typeMap: typeMap) }
    }
    return 0
}
