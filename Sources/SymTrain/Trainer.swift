import Foundation
import SymAtoms
import SymModel
import SymTensor

/// How a run ended.
public struct TrainingOutcome: Codable, Sendable {
    /// "ok" or "failed".
    public var status: String
    /// Why it failed (nil when ok).
    public var reason: String?
    /// Steps completed.
    public var steps: Int
    /// Median wall seconds per optimiser step (validation excluded).
    public var secondsPerStep: Double
    /// Metrics on the whole validation set at the end (nil when failed).
    public var validation: Metrics?
    /// Trainable scalars.
    public var parameterCount: Int
    /// Provenance given by the caller (commit, machine, versions ...).
    public var provenance: [String: String]
    /// Rotation errors before and after training, for models whose rotation invariance is
    /// declared approximate (nil otherwise).
    public var rotationError: RotationErrorRecord?
}

/// A run that stopped because the loss or a gradient became NaN or infinite.
public struct TrainingDiverged: Error, CustomStringConvertible {
    public var step: Int
    public var reason: String
    public var description: String { "training diverged at step \(step): \(reason)" }
}

/// Trains a `DeepPotModel` (spec §8): DeePMD loss with moving prefactors, Adam, exponential
/// learning-rate decay, force-loss gradients by second-order reverse mode. Writes into
/// `output`: `config.json`, `learning-curve.csv`, `checkpoint.bin` (`Checkpoint`, binary, atomic,
/// every `checkpointEvery` steps), `model.json` and `result.json` at the end.
public final class Trainer {
    public let config: TrainingConfig
    public let output: String
    /// Weights to start from instead of a fresh initialisation (DeePMD's `--init-model`); its
    /// statistics and energy bias are kept.
    public let initialWeights: ModelFile?
    /// A recorded batch sequence to follow instead of the sampler (cross-implementation checks).
    public var replay: BatchReplay?
    /// Nets to start from instead of the seeded draw, with statistics and energy bias still
    /// computed from the data (suites pair variants with their baseline this way).
    public var startingNets: DeepPotWeights?
    /// Called after every validation with (steps done, total steps, median seconds per step).
    public var onProgress: ((Int, Int, Double) -> Void)?
    /// Refuse to start when the estimated peak memory exceeds `memoryLimit` (default: the memory
    /// available now); see `MemoryEstimate`.
    public var checkMemory = false
    public var memoryLimit: Double?
    let provenance: [String: String]
    let log: (String) -> Void

    public init(config: TrainingConfig, output: String, initialWeights: ModelFile? = nil, provenance: [String: String] = [:],
                log: @escaping (String) -> Void = { print($0) }) {
        self.config = config
        self.output = output
        self.initialWeights = initialWeights
        self.provenance = provenance
        self.log = log
    }

    func path(_ name: String) -> String { URL(fileURLWithPath: output).appendingPathComponent(name).path }

    /// Runs (or, with `resume`, continues from `checkpoint.bin`, or from the `checkpoint.json` of a
    /// run begun by an older build) until `config.schedule.steps`,
    /// or until `stopAfter` steps (a deliberate interruption, for tests).
    @discardableResult
    public func run(resume: Bool = false, stopAfter: Int? = nil) throws -> TrainingOutcome {
        try AtomicFile.createFolder(output, purpose: "output folder")
        do { return try train(resume: resume, stopAfter: stopAfter) } catch let diverged as TrainingDiverged {
            let failed = TrainingOutcome(status: "failed", reason: diverged.description, steps: diverged.step, secondsPerStep: 0,
                                         validation: nil, parameterCount: 0, provenance: provenance)
            try AtomicFile.write(JSONEncoder().encode(failed), to: path("result.json"))
            log("FAILED: \(diverged.description)")
            throw diverged
        }
    }

    func train(resume: Bool, stopAfter: Int?) throws -> TrainingOutcome {
        // Parsed configs have been checked already; this guards configs built in code.
        if let reason = (try? VariantRegistry.embeddingStage(config.model.descriptor.embedding))?.trainingProblem {
            throw ConfigError(path: ["model", "descriptor", "embedding"], reason)
        }
        if config.schedule.threads > 0 { Parallelism.setThreads(config.schedule.threads) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(encoder.encode(config), to: path("config.json"))
        let data = try TrainingData(config)
        if checkMemory {
            let atoms = MemoryEstimate.atomsPerBatch(config, data: data.train)
            try MemoryEstimate.check(needed: try MemoryEstimate.trainingPeakBytes(model: config.model, atomsPerBatch: atoms),
                                     limit: memoryLimit, what: "this run (\(atoms) atoms per batch, \(config.model.descriptor.sel.reduce(0, +)) neighbour slots)")
        }
        let schedule = config.learningRate, total = config.schedule.steps
        var model: DeepPotModel, adam: Adam, sampler: BatchSampler, start = 0, elapsed = 0.0
        if resume, let file = Checkpoint.existing(in: output) {
            let c = try Checkpoint.read(from: file)
            guard c.config == config else {
                throw DataError(file: file, "was written by another configuration; start a new output folder")
            }
            model = try c.resumableModel(frameCounts: data.frameCounts, file: file)
            (adam, sampler, start, elapsed) = (c.adam, c.sampler, c.step, c.elapsedSeconds)
            log("resuming from step \(start) of \(total)")
        } else {
            model = try initialModel(data)
            adam = Adam(sizes: model.parameters.map(\.count))
            sampler = data.freshSampler()
        }
        log("model: P_s \(model.stageKeys.permutation), R_s \(model.stageKeys.rotation), \(model.parameterCount) parameters; "
            + "\(data.train.frameCount) training / \(data.validation.frameCount) validation frames")
        var curve = LearningCurve(path: path("learning-curve.csv"), keepingUpTo: resume ? start : nil)
        let sample = data.validationSample(config.schedule.validationFrames)
        let clock = ContinuousClock()
        var stepTimes: [Double] = []
        let last = min(total, stopAfter ?? total)
        var step = start
        while step < last {
            let lr = schedule(step)
            let (system, frames) = try replay.map { try $0.batch(step: step, frameCounts: data.frameCounts) } ?? sampler.next(step: step)
            var labels = frames.map { data.train.systems[system].frames[$0] }, batch: EnvironmentBatch
            if config.schedule.augmentRotations == true {
                labels = RotationAugmentation.rotate(labels, seed: config.schedule.seed, step: step)
                batch = try model.batch(for: labels, overflow: config.data.overflow,
                                        source: "\(data.train.systems[system].name) frames \(frames), rotated")
            } else {
                batch = try data.batch(system: system, frames: frames)
            }
            var lossValue = 0.0, prediction: Prediction?
            let seconds = try clock.measure {
                let p = model.predictInBlocks(batch, createGraph: true)
                let (loss, grads) = p.parameterGradients(model.parameters) {
                    config.loss.loss($0, labels: labels, lr: lr, lr0: config.schedule.startLearningRate)
                }
                lossValue = loss.scalar
                guard lossValue.isFinite else { throw TrainingDiverged(step: step, reason: "loss is \(lossValue)") }
                if let bad = grads.firstIndex(where: { $0.scalars.contains { !$0.isFinite } }) {
                    throw TrainingDiverged(step: step, reason: "gradient of parameter tensor \(bad) is not finite")
                }
                adam.update(model.parameters, gradients: grads, learningRate: lr)
                prediction = p.total
            }.seconds
            stepTimes.append(seconds)
            elapsed += seconds
            step += 1
            if step % config.schedule.validateEvery == 0 || step == total {
                let train = trainErrors(prediction!, labels)
                let (val, _) = try Evaluator.evaluate(model, frames: sample, overflow: config.data.overflow)
                try curve.append(LearningCurveRow(step: step, learningRate: lr, loss: lossValue, trainEnergyRMSE: train.e,
                                                  trainForceRMSE: train.f, validationEnergyRMSE: val.energyRMSE,
                                                  validationForceRMSE: val.forceRMSE, seconds: elapsed))
                let perStep = stepTimes.sorted()[stepTimes.count / 2]
                onProgress?(step, total, perStep)
                log(String(format: "step %d/%d  lr %.2e  loss %.3e  rmse_e %.2e/%.2e eV/atom  rmse_f %.3f/%.3f eV/Å (train/val)  %.3f s/step  ETA %@",
                           step, total, lr, lossValue, train.e, val.energyRMSE, train.f, val.forceRMSE, perStep,
                           formatDuration(perStep * Double(total - step))))
            }
            if step % config.schedule.checkpointEvery == 0 || step == last {
                try Checkpoint(config: config, step: step, model: ModelFile(model: model, provenance: provenance), adam: adam,
                               sampler: sampler, elapsedSeconds: elapsed).write(to: path(Checkpoint.fileName))
                try? FileManager.default.removeItem(atPath: path(Checkpoint.legacyFileName))  // a version 1 file resumed from
            }
        }
        let perStep = stepTimes.isEmpty ? 0 : stepTimes.sorted()[stepTimes.count / 2]
        let dropped = data.droppedNeighbours
        if dropped > 0 { log("note: \(dropped) neighbours beyond sel were dropped (overflow: drop-farthest) in the frames used") }
        var outcome = TrainingOutcome(status: "ok", reason: nil, steps: step, secondsPerStep: perStep, validation: nil,
                                      parameterCount: model.parameterCount, provenance: provenance)
        guard step == total else { return outcome }  // interrupted on purpose
        try ModelFile(model: model, provenance: provenance).write(to: path("model.json"))
        outcome.validation = try Evaluator.evaluate(model, frames: Evaluator.frames(of: data.validation), overflow: config.data.overflow).0
        if let record = try rotationErrors(trained: model, data: data) {
            outcome.rotationError = record
            log(String(format: "rotation error (E, F relative): before %.2e, %.2e; after %.2e, %.2e",
                       record.before.energy, record.before.force, record.after.energy, record.after.force))
        }
        try AtomicFile.write(encoder.encode(outcome), to: path("result.json"))
        return outcome
    }

    /// Fresh parameters (or `startingNets`) with statistics and energy bias from the training data.
    public func initialModel(_ data: TrainingData) throws -> DeepPotModel {
        if let start = initialWeights {
            let (given, wanted) = (start.config.resolved, config.model.resolved)
            guard given.typeMap == wanted.typeMap && given.descriptor == wanted.descriptor && given.fitting == wanted.fitting else {
                throw DataError(file: "init-model", "the initial model's type map, descriptor or fitting differ from the config's")
            }
            return try start.makeModel()
        }
        let model = try DeepPotModel(config: config.model, weights: startingNets)
        let d = config.model.descriptor
        (model.davg, model.dstd) = EnvironmentStatistics.compute(batches: try data.statisticsBatches(), typeCount: model.typeCount,
                                                                 rcut: d.rcut, rcutSmooth: d.rcutSmooth, setDavgZero: d.setDavgZero)
        model.energyBias = EnergyBias.leastSquares(frames: data.train.systems.flatMap(\.frames), typeCount: model.typeCount)
        return model
    }

    /// Energy-per-atom and force RMSE of the current training batch.
    func trainErrors(_ p: Prediction, _ labels: [Frame]) -> (e: Double, f: Double) {
        var errors = LabelErrors()
        errors.add(p, labels: labels)
        return (errors.energy.rmse, errors.force.rmse)
    }
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// "1h02m", "6m24s", "12s" ("?" for a negative or non-finite number of seconds).
public func formatDuration(_ s: Double) -> String {
    guard s.isFinite, s >= 0 else { return "?" }
    let t = Int(s.rounded())
    if t >= 3600 { return String(format: "%dh%02dm", t / 3600, t % 3600 / 60) }
    if t >= 60 { return String(format: "%dm%02ds", t / 60, t % 60) }
    return "\(t)s"
}
