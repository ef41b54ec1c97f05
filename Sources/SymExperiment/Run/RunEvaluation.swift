import Foundation
import SymAtoms
import SymLabTestKit
import SymModel
import SymTrain

/// The metrics of a trained model that a suite asks for (`EvaluationSettings.metrics`).
struct RunEvaluation {
    let spec: RunSpec
    let model: DeepPotModel
    let data: TrainingData
    let outcome: TrainingOutcome
    /// Receives progress lines of the long measurements (MD).
    var log: (String) -> Void = { _ in }
    /// Receives (steps done, steps in all, seconds per step) of the MD, for the executor's ETA.
    var onProgress: (Int, Int, Double) -> Void = { _, _, _ in }

    func measure() throws -> RunMetrics {
        let settings = spec.evaluation, wanted = Set(settings.metrics)
        var m = RunMetrics()
        m.validation = outcome.validation
        let overflow = spec.training.data.overflow
        let validation = Evaluator.frames(of: data.validation)
        if wanted.contains(.test) && !settings.test.isEmpty {
            let test = try DatasetReader.read(settings.test, typeMap: spec.training.model.typeMap)
            m.test = try Evaluator.evaluate(model, frames: Evaluator.frames(of: test), overflow: overflow).0
        }
        if wanted.contains(.symmetry) {
            let frames = evenlySpaced(validation, settings.symmetryFrames).map(\.frame)
            let e = try ConformanceKit.symmetryErrors(of: model, frames: frames, seed: settings.symmetrySeed)
            func fields(_ p: ConformanceProperty) -> FieldErrors {
                let f = e[p] ?? []
                func value(_ k: String) -> Double? { f.first { $0.field == k }?.error }
                return FieldErrors(energy: value("E") ?? .nan, force: value("F") ?? .nan, virial: value("W"))
            }
            m.symmetry = SymmetryErrors(rotation: fields(.rotation), translation: fields(.translation), permutation: fields(.permutation),
                                        declaredApproximate: Dictionary(uniqueKeysWithValues: model.approximateProperties.map { ($0.key.rawValue, $0.value) }))
        }
        if wanted.contains(.cost) {
            m.parameters = model.parameterCount
            m.flopsPerAtom = model.flopsPerAtom
            m.flopsByStage = model.flopsPerAtomByStage.map { KeyValue($0.stage, String(format: "%.0f", $0.flops)) }
            m.costScaling = try costScaling()
        }
        if wanted.contains(.probes) { m.probes = try ExpressivityProbes.run(config: spec.training.model) }
        if wanted.contains(.timing) {
            // A run resumed after its last step has timed no step (secondsPerStep 0): no figure.
            m.trainingMsPerStep = outcome.secondsPerStep > 0 ? outcome.secondsPerStep * 1000 : nil
            m.inferenceMicrosecondsPerAtom = try inferenceMicroseconds(evenlySpaced(validation, settings.inferenceFrames).map(\.frame),
                                                                       repeats: settings.inferenceRepeats, overflow: overflow)
        }
        if let md = settings.md, wanted.contains(.stability) || wanted.contains(.structure) {
            m.md = try MDEvaluation(settings: md, model: model, training: spec.training, stability: wanted.contains(.stability),
                                    structure: wanted.contains(.structure), log: log, onProgress: onProgress).measure()
        }
        return m
    }

    /// FLOPs per atom with the sel blocks scaled so that Σ sel = 16, 32, …, 1024 (same widths).
    func costScaling() throws -> [CostPoint] {
        let sel = spec.training.model.descriptor.sel, total = sel.reduce(0, +)
        return try [16, 32, 64, 128, 256, 512, 1024].map { slots in
            var config = spec.training.model
            config.descriptor.sel = sel.map { max($0 > 0 ? 1 : 0, Int((Double($0 * slots) / Double(total)).rounded())) }
            return CostPoint(neighbourSlots: config.descriptor.sel.reduce(0, +), flopsPerAtom: try DeepPotModel(config: config).flopsPerAtom)
        }
    }

    /// Median over `repeats` of the wall time of neighbour list + E + F + virial, per atom (µs).
    func inferenceMicroseconds(_ frames: [Frame], repeats: Int, overflow: OverflowPolicy) throws -> Double? {
        guard !frames.isEmpty else { return nil }
        let clock = ContinuousClock()
        var samples: [Double] = []
        for _ in 0..<repeats {
            var atoms = 0
            let elapsed = try clock.measure {
                for frame in frames {
                    _ = model.predict(try model.batch(for: frame, overflow: overflow))
                    atoms += frame.atomCount
                }
            }
            samples.append(Double(elapsed.components.attoseconds) * 1e-12 + Double(elapsed.components.seconds) * 1e6)
            samples[samples.count - 1] /= Double(atoms)
        }
        return samples.sorted()[samples.count / 2]
    }

    /// `count` items spread evenly over `all` (all of them when there are fewer).
    func evenlySpaced<T>(_ all: [T], _ count: Int) -> [T] {
        all.count <= count ? all : (0..<count).map { all[$0 * all.count / count] }
    }
}
