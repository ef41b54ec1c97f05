import ArgumentParser
import Foundation
import SymAtoms
import SymModel
import SymTensor
import SymTrain

/// `symlab train`: one training run from a YAML config.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model from a YAML config (DeePMD-style loss, Adam, exponential learning rate).",
        discussion: """
        The config has five sections: model (type_map, descriptor, fitting), data (train, validation \
        or split, batch_size, overflow), loss (start_pref_e/f/v, limit_pref_e/f/v), learning_rate \
        (start_lr, stop_lr, decay_steps) and training (steps, seed, disp_freq, save_freq, \
        validation_frames, threads). Keys follow DeePMD-kit's input.json; see docs/training.md and \
        experiments/water-se_e2_a.yaml. Every problem in the file is reported at once, with its key path.

        The output folder receives config.json (resolved), learning-curve.csv, checkpoint.bin \
        (binary, atomic, every save_freq steps), model.json and result.json. A killed run continues \
        bit-identically with --resume.
        """)

    @Argument(help: "The training config (YAML).")
    var config: String

    @Option(name: .shortAndLong, help: "Output folder.")
    var output: String = "runs/train"

    @Flag(help: "Continue from the output folder's checkpoint.bin (or the checkpoint.json of an older build).")
    var resume = false

    @Option(help: "Start from this model.json's weights, statistics and energy bias instead of a fresh initialisation.")
    var initModel: String?

    @Option(help: ArgumentHelp("Train on this recorded batch sequence instead of sampling (DeePMD-kit's SAMPLER_RECORD=1 file).",
                               discussion: "For step-by-step comparisons with DeePMD-kit: same initial model (--init-model), same batches."))
    var replayBatches: String?

    @Option(help: "Stop after this many steps, leaving checkpoint.bin (continue with --resume).")
    var stopAfter: Int?

    @Option(help: ArgumentHelp("Refuse to start when the estimated peak memory exceeds this (e.g. 8G; default: the memory available now).",
                               valueName: "size"))
    var maxMemory: String?

    @Option(help: "Override training.steps.")
    var steps: Int?

    @Option(help: "Override training.seed.")
    var seed: UInt64?

    func run() throws {
        if let stopAfter, stopAfter <= 0 { throw ValidationError("--stop-after must be a positive number of steps, got \(stopAfter)") }
        let text: String
        do { text = try String(contentsOfFile: config, encoding: .utf8) } catch {
            throw UserError("\(config): cannot read the config file (\(AtomicFile.reason(error)))")
        }
        var parsed = try TrainingConfig.parse(yaml: text, source: config)
        if let steps { parsed.schedule.steps = steps }
        if let seed { parsed.schedule.seed = seed; parsed.model.seed = seed }
        if parsed.schedule.threads > 0 { Parallelism.setThreads(parsed.schedule.threads) }  // before provenance records it
        let start = try initModel.map { try ModelFile.read(from: $0) }
        let trainer = Trainer(config: parsed, output: output, initialWeights: start, provenance: Provenance.collect()) { line in
            print(line)
            fflush(stdout)
        }
        trainer.replay = try replayBatches.map { try BatchReplay.read(from: $0) }
        trainer.checkMemory = true
        trainer.memoryLimit = try maxMemory.map(parseMemory)
        let outcome = try trainer.run(resume: resume, stopAfter: stopAfter)
        if let v = outcome.validation {
            print(String(format: "done: %d steps, %.3f s/step; validation rmse_e %.3e eV/atom, rmse_f %.4f eV/Å (%d frames) -> %@",
                         outcome.steps, outcome.secondsPerStep, v.energyRMSE, v.forceRMSE, v.frames, output))
        } else {
            print("stopped after step \(outcome.steps) of \(parsed.schedule.steps); checkpoint.bin in \(output) (continue with --resume)")
        }
    }
}
