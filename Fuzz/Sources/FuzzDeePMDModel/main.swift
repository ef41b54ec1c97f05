import FuzzSupport
import SymModel

/// ModelLoading.load (DeePMDKitModel.read, then makeModel) on a DeePMD-kit `.yaml` model
/// (`symlab import`, `symlab test --model x.yaml`, `symlab md --model x.yaml`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDeePMDModel(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = Fuzz.scratch + "/model.yaml"
    Fuzz.write(Fuzz.bytes(data, size), to: path)
    Fuzz.expectReadOrError(source: path) { _ = try ModelLoading.load(path) }
    return 0
}
