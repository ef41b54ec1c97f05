import FuzzSupport
import SymTrain

/// Checkpoint.read, then the checks of a resume (model build, Adam moments and sampler state), on a
/// checkpoint (`symlab train --resume`, `symlab run`); inputs packed as `CheckpointContainer`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = Fuzz.scratch + "/checkpoint.bin"
    Fuzz.write(CheckpointContainer.file(for: Fuzz.bytes(data, size)), to: path)
    Fuzz.expectReadOrError(source: path) {
        let checkpoint = try Checkpoint.read(from: path)
        _ = try checkpoint.resumableModel(frameCounts: checkpoint.sampler.frameCounts, file: path)
    }
    return 0
}
