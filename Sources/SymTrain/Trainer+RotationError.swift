import SymAtoms
import SymLabTestKit
import SymModel

/// Relative rotation errors of a model (the conformance kit's measure): |ΔE|/max(1, |E|) and
/// max|ΔF|/max(1, max|F|) between a frame and its GSL Haar-random rotation, largest over frames.
public struct RotationError: Codable, Equatable, Sendable {
    /// |ΔE| / max(1, |E|) and max|ΔF| / max(1, max|F|), largest over the frames.
    public var energy: Double, force: Double
}

/// A model without exact rotation invariance (a stage declares `rotation` approximate, e.g.
/// `augmented-none`), measured on the validation sample at the start and at the end of training.
public struct RotationErrorRecord: Codable, Equatable, Sendable {
    /// The initial model (after the statistics and energy bias, before the first step).
    public var before: RotationError
    /// The trained model.
    public var after: RotationError
    /// The variant's reason for declaring rotation approximate.
    public var reason: String
}

extension Trainer {
    /// Before/after rotation errors when a stage declares rotation approximate, else nil. The
    /// rotations are drawn from a stream seeded by training.seed, the same for both models.
    func rotationErrors(trained: DeepPotModel, data: TrainingData) throws -> RotationErrorRecord? {
        guard let reason = trained.approximateProperties[.rotation] else { return nil }
        let frames = data.validationSample(config.schedule.validationFrames).map(\.frame)
        func measure(_ m: DeepPotModel) throws -> RotationError {
            let fields = try ConformanceKit.symmetryErrors(of: m, frames: frames, seed: BatchSampler.mix(config.schedule.seed, 4))[.rotation] ?? []
            func value(_ name: String) -> Double { fields.first { $0.field == name }?.error ?? .nan }
            return RotationError(energy: value("E"), force: value("F"))
        }
        return RotationErrorRecord(before: try measure(try initialModel(data)), after: try measure(trained), reason: reason)
    }
}
