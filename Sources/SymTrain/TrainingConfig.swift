import SymAtoms
import SymModel

/// Where the data come from and how batches are formed.
public struct DataConfig: Codable, Equatable, Sendable {
    /// Training systems: DeePMD npy folders, folders of them, or extxyz files.
    public var train: [String] = []
    /// Validation systems; when empty, `split` carves them out of `train`.
    public var validation: [String] = []
    /// How to split when `validation` is empty.
    public var splitMode: SplitMode = .bySystem
    /// Fraction held out for validation by `split`.
    public var validationFraction = 0.2
    /// Frames per batch: 0 means "auto:`autoAtoms`" (smallest bs with bs·N ≥ autoAtoms).
    public var batchSize = 0
    /// Target atoms per batch for automatic batch sizes (DeePMD: 32).
    public var autoAtoms = 32
    /// What to do with more neighbours than sel.
    public var overflow: OverflowPolicy = .error
    /// Frames per system used for the environment statistics (DeePMD's data_stat_nbatch).
    public var statFrames = 10
    public init() {}

    /// Frames per batch for systems of `atoms` atoms.
    public func batchSize(atoms: Int) -> Int {
        batchSize > 0 ? batchSize : max(1, (autoAtoms + atoms - 1) / atoms)
    }
}

/// The optimisation schedule.
public struct ScheduleConfig: Codable, Equatable, Sendable {
    /// Optimiser steps.
    public var steps = 2000
    /// Learning rate at step 0 (DeePMD start_lr).
    public var startLearningRate = 1e-3
    /// Floor and target at the last step (DeePMD stop_lr).
    public var stopLearningRate = 3.51e-8
    /// Decay interval (DeePMD decay_steps).
    public var decaySteps = 5000
    /// Seed of all randomness in the run (initialisation, batches).
    public var seed: UInt64 = 1
    /// Validate and log every this many steps (DeePMD disp_freq).
    public var validateEvery = 100
    /// Checkpoint every this many steps (DeePMD save_freq).
    public var checkpointEvery = 1000
    /// Validation frames used for the learning curve (DeePMD numb_btch with batch size 1).
    public var validationFrames = 3
    /// Cores used by a training step: blocks of centre atoms run in parallel, OpenBLAS single-threaded
    /// inside each (0 = every core). Results differ across thread counts only in summation order.
    public var threads = 1
    /// `training.augment_rotations`: rotate every training frame by a Haar-random rotation each
    /// step (`RotationAugmentation`, spec §12.2). nil means off and is left out of the encoding,
    /// so configs without it keep their JSON (and their suite run IDs).
    public var augmentRotations: Bool?
    public init() {}
}

/// A whole training run: model, data, loss and schedule. Built from YAML by
/// `TrainingConfig.parse(yaml:source:)`, which validates everything before any work starts.
public struct TrainingConfig: Codable, Equatable, Sendable {
    public var model: ModelConfig
    public var data = DataConfig()
    public var loss = EnergyLoss()
    public var schedule = ScheduleConfig()
    public init(model: ModelConfig) { self.model = model }

    /// The learning-rate schedule of this run.
    public var learningRate: ExponentialDecay {
        ExponentialDecay(start: schedule.startLearningRate, stop: schedule.stopLearningRate,
                         decaySteps: schedule.decaySteps, totalSteps: schedule.steps)
    }
}

/// Several configuration problems, all reported together.
public struct ConfigErrors: Error, CustomStringConvertible {
    public var source: String
    public var errors: [ConfigError]
    /// One line for one problem ("file: [at `key`] what to fix"), a list for several.
    public var description: String {
        if errors.count == 1 { return "\(source): \(errors[0])" }
        return "\(source): \(errors.count) problems in the configuration:\n" + errors.map { "  - \($0.description)" }.joined(separator: "\n")
    }
}
