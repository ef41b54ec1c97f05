import SymAtoms
import SymModel

/// The training and validation frames of a run, with cached single-frame environments.
public final class TrainingData {
    /// Training systems (after the split, when validation is carved out of `data.train`).
    public let train: Dataset
    /// Validation systems.
    public let validation: Dataset
    let config: TrainingConfig
    /// Frames per training system.
    public let frameCounts: [Int]
    private var cache: [Int: EnvironmentBatch] = [:]

    /// Reads and splits the data of `config` (the split is seeded by `training.seed`).
    /// - Throws: `DataError` naming the file for unreadable or inconsistent data.
    public init(_ config: TrainingConfig) throws {
        self.config = config
        let typeMap = config.model.typeMap
        let all = try DatasetReader.read(config.data.train, typeMap: typeMap)
        if config.data.validation.isEmpty {
            let split = try DatasetSplit(all, validationFraction: config.data.validationFraction, mode: config.data.splitMode,
                                         seed: config.schedule.seed, source: config.data.train.joined(separator: ", "))
            (train, validation) = (split.train, split.validation)
        } else {
            train = all
            validation = try DatasetReader.read(config.data.validation, typeMap: typeMap)
        }
        guard train.frameCount > 0 else { throw DataError(file: config.data.train.joined(separator: ", "), "no training frames") }
        frameCounts = train.systems.map(\.frames.count)
    }

    /// DeePMD's sampler over the training systems at step 0, seeded with `training.seed`.
    public func freshSampler() -> BatchSampler {
        BatchSampler(frameCounts: frameCounts, batchSizes: train.systems.map { config.data.batchSize(atoms: $0.types.count) },
                     seed: config.schedule.seed)
    }

    /// The environment of frames `indices` of training system `system` (single frames cached).
    func batch(system: Int, frames indices: [Int]) throws -> EnvironmentBatch {
        let d = config.model.descriptor
        let key = system << 32 | (indices.first ?? 0)
        if indices.count == 1, let hit = cache[key] { return hit }
        let s = train.systems[system]
        let batch = try EnvironmentBatch.build(frames: indices.map { s.frames[$0] }, rcut: d.rcut, sel: d.sel,
                                               typeCount: config.model.typeMap.count, overflow: config.data.overflow,
                                               source: "\(s.name) frames \(indices)", typeBlocks: d.typeBlocks)
        if indices.count == 1 { cache[key] = batch }
        return batch
    }

    /// Neighbours dropped by `drop-farthest` truncation in the cached frames.
    var droppedNeighbours: Int { cache.values.reduce(0) { $0 + $1.droppedNeighbours } }

    /// The first `statFrames` frames of every training system, as batches for the statistics.
    func statisticsBatches() throws -> [EnvironmentBatch] {
        try train.systems.indices.flatMap { s in
            try (0..<min(config.data.statFrames, train.systems[s].frames.count)).map { try batch(system: s, frames: [$0]) }
        }
    }

    /// `count` validation frames spread evenly over the validation set (the learning-curve sample).
    public func validationSample(_ count: Int) -> [(system: String, index: Int, frame: Frame)] {
        let all = Evaluator.frames(of: validation)
        guard all.count > count else { return all }
        return (0..<count).map { all[$0 * all.count / count] }
    }
}
