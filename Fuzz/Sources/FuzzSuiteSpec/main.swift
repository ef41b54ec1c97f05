import Foundation
import FuzzSupport
import SymExperiment

/// SuiteSpec.parse and SuitePlan.expand on the text of a suite (`symlab run SUITE --dry-run`).
/// The suite lies in a folder holding the base configs the seeds name (silicon-sw.yaml,
/// base.yaml) and the data folders they train on, so that valid suites expand completely.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSuiteSpec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = Fuzz.text(data, size) else { return 0 }
    let source = SuiteFolder.path + "/suite.yaml"
    Fuzz.expectReadOrError(source: source) {
        let spec = try SuiteSpec.parse(yaml: text, source: source)
        _ = try SuitePlan.expand(spec, workingDirectory: SuiteFolder.path)
    }
    return 0
}
