import FuzzSupport
import SymAtoms

/// A whole DeePMD system folder (type.raw, type_map.raw, nopbc, two sets of .npy arrays) packed
/// into one input (`DeePMDContainer`), read through DatasetReader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDeePMD(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let (flags, parts) = DeePMDContainer.unpack(Fuzz.bytes(data, size))
    let folder = Fuzz.scratch + "/system"
    DeePMDContainer.write(parts, to: folder)
    let typeMap = flags & 1 == 0 ? nil : DeePMDContainer.givenTypeMap
    Fuzz.expectReadOrError(source: folder) { _ = try DatasetReader.read([folder], typeMap: typeMap) }
    return 0
}
