import Foundation
import SymAtoms
import SymModel
import SymTrain
#if canImport(Glibc)
import Glibc
#endif

/// Trains and evaluates one planned run inside its claim and stores its result. Used by every
/// executor (a local worker process, a SLURM array task), so results do not depend on where a run
/// ran. A run that diverges or throws is stored as failed with its reason; the suite goes on.
public struct RunExecution {
    public let store: ResultStore
    public let plan: SuitePlan
    public let run: PlannedRun
    /// Receives the trainer's lines and this type's own.
    public var log: (String) -> Void

    public init(store: ResultStore, plan: SuitePlan, run: PlannedRun, log: @escaping (String) -> Void) {
        (self.store, self.plan, self.run, self.log) = (store, plan, run, log)
    }

    /// What `execute` did.
    public enum Outcome: Equatable, Sendable {
        /// Trained (or failed) and stored its result.
        case stored(RunStatus)
        /// A result was already there (ok, or failed without `retryFailed`).
        case alreadyStored(RunStatus)
        /// Another process holds the run's claim.
        case claimedElsewhere
    }

    /// Runs it unless it is stored already or claimed by another process.
    /// - Throws: `StoreError` only when the result cannot be written.
    public func execute(retryFailed: Bool = false) throws -> Outcome {
        let folder = store.runFolder(run.id)
        guard let claim = try RunClaim(folder: folder) else { return .claimedElsewhere }
        defer { withExtendedLifetime(claim) {} }
        if let previous = store.result(run.id), previous.status == .ok || !retryFailed { return .alreadyStored(previous.status) }
        let started = Date(), cpuStart = Self.cpuSeconds()
        var result = trainAndMeasure(folder: folder)
        result.wallSeconds = Date().timeIntervalSince(started)
        result.cpuSeconds = Self.cpuSeconds() - cpuStart
        try store.write(result)
        if result.status == .ok { Checkpoint.remove(in: folder) }
        return .stored(result.status)
    }

    func trainAndMeasure(folder: String) -> RunResult {
        let config = run.spec.training
        var result = RunResult(run: run, status: .ok)
        // The code's commit: that of the checkout holding the binary (its build-info when `make build` made it).
        let binaryFolder = Bundle.main.executableURL?.deletingLastPathComponent().path ?? plan.workingDirectory
        result.provenance = Provenance.collect(directory: binaryFolder)
        do {
            let start = try PairedInitialisation.start(variant: config.model, baseline: run.spec.pairedWith)
            let trainer = Trainer(config: config, output: folder, provenance: result.provenance, log: log)
            trainer.startingNets = start.nets
            trainer.onProgress = { step, total, perStep in
                try? AtomicFile.writeJSON(RunProgress(step: step, total: total, secondsPerStep: perStep), to: folder + "/progress.json")
            }
            let resume = Checkpoint.existing(in: folder) != nil
            let outcome = try trainer.run(resume: resume)
            result.steps = outcome.steps
            result.learningCurve = LearningCurve.read(from: folder + "/learning-curve.csv").map {
                CurvePoint(step: $0.step, validationEnergyRMSE: $0.validationEnergyRMSE, validationForceRMSE: $0.validationForceRMSE,
                           trainEnergyRMSE: $0.trainEnergyRMSE, trainForceRMSE: $0.trainForceRMSE)
            }
            let data = try TrainingData(config)
            result.pairing = Pairing(sharedNets: start.shared, batchDigest: Self.batchDigest(data, steps: config.schedule.steps),
                                     validationDigest: Digest.hex(Evaluator.frames(of: data.validation).map { "\($0.system)#\($0.index)" }
                                        .joined(separator: ",")),
                                     initialEmbeddingDigest: start.embeddingDigest)
            let model = try ModelFile.load(from: folder + "/model.json")
            var evaluation = RunEvaluation(spec: run.spec, model: model, data: data, outcome: outcome, log: log)
            evaluation.onProgress = { step, total, perStep in  // MD after training: the executor's ETA sees it
                try? AtomicFile.writeJSON(RunProgress(step: step, total: total, secondsPerStep: perStep), to: folder + "/progress.json")
            }
            result.metrics = try evaluation.measure()
            log("result: \(run.variant) seed \(run.seed): validation F RMSE \(String(format: "%.4f", outcome.validation?.forceRMSE ?? .nan)) eV/Å")
        } catch let diverged as TrainingDiverged {
            result.status = .failed
            result.reason = diverged.description
            result.steps = diverged.step
            log("FAILED: \(diverged.description)")
        } catch {
            result.status = .failed
            result.reason = "\(error)"
            log("FAILED: \(error)")
        }
        return result
    }

    /// Digest of the (system, frames) of every step of the sampler (what the trainer draws).
    static func batchDigest(_ data: TrainingData, steps: Int) -> String {
        var sampler = data.freshSampler()
        var text = ""
        for step in 0..<steps {
            let (system, frames) = sampler.next(step: step)
            text += "\(system):\(frames.map(String.init).joined(separator: " "));"
        }
        return Digest.hex(text)
    }

    /// User + system CPU seconds of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// A running run's position, rewritten at every validation (`runs/<id>/progress.json`).
public struct RunProgress: Codable, Equatable, Sendable {
    public var step: Int, total: Int
    /// Median seconds per step so far.
    public var secondsPerStep: Double
}
