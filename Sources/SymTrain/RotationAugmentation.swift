import SymAtoms
import SymModel

/// Random-rotation data augmentation (spec §12.2, `training.augment_rotations: true`): at every
/// step each training frame of the batch is rotated by its own Haar-random R ∈ SO(3) — positions,
/// cell rows and forces as vectors (r' = R r), the virial as W' = R W Rᵀ, the energy unchanged —
/// and the neighbour environments are built from the rotated frames.
///
/// The rotations come from GSL: `randomRotation` (Householder QR of a Gaussian matrix, sign-fixed
/// to Haar on SO(3)) on a mt19937 stream seeded from (training.seed, step), like every other draw
/// of the trainer, so a run (and a run resumed from a checkpoint) is bitwise reproducible.
public enum RotationAugmentation {
    /// One rotation (row-major [3, 3]) per frame of the batch of `step`.
    public static func rotations(seed: UInt64, step: Int, count: Int) -> [[Double]] {
        let rng = RandomSource(seed: BatchSampler.mix(seed, 3, UInt64(step)))
        return (0..<count).map { _ in randomRotation(rng) }
    }

    /// The frames of `step`, each rotated by its rotation.
    public static func rotate(_ frames: [Frame], seed: UInt64, step: Int) -> [Frame] {
        zip(frames, rotations(seed: seed, step: step, count: frames.count)).map { rotated($0, by: $1) }
    }
}
