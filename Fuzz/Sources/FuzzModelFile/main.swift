import FuzzSupport
import SymModel

/// ModelFile.load (read, then makeModel) on a model.json (`symlab test --model`, `--init-model`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = Fuzz.scratch + "/model.json"
    Fuzz.write(Fuzz.bytes(data, size), to: path)
    Fuzz.expectReadOrError(source: path) { _ = try ModelFile.load(from: path) }
    return 0
}
