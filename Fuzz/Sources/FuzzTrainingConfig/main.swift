import FuzzSupport
import SymTrain

/// TrainingConfig.parse on the text of a training config (`symlab train CONFIG`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTrainingConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = Fuzz.text(data, size) else { return 0 }
    Fuzz.expectReadOrError(source: "config.yaml") { _ = try TrainingConfig.parse(yaml: text, source: "config.yaml") }
    return 0
}
