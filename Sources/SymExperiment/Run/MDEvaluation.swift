import Foundation
import SymAtoms
import SymModel
import SymTrain

/// The opt-in MD metrics of a trained model (`stability`, `structure`): `StabilityProtocol` with
/// the model and, for silicon models, with Stillinger-Weber under the same settings and seeds
/// (the reference of the structure distances, and of drift and survival).
struct MDEvaluation {
    let settings: MDEvaluationSettings
    let model: DeepPotModel
    let training: TrainingConfig
    let stability: Bool, structure: Bool
    let log: (String) -> Void
    /// (model MD steps done, in all, wall seconds per step so far); runs cut short by a failure count whole.
    var onProgress: (Int, Int, Double) -> Void = { _, _, _ in }

    /// Runs the protocol. Throws only for an unreadable start structure or missing masses.
    func measure() throws -> MDMetrics {
        let started = Date()
        let path = settings.structure ?? training.data.train.first ?? ""
        let frames = try DatasetReader.read([path], typeMap: model.config.typeMap).systems.flatMap(\.frames)
        guard frames.indices.contains(settings.frame) else {
            throw DataError(file: path, "md.frame \(settings.frame) is out of range (\(frames.count) frames)")
        }
        let start = Frame(types: frames[settings.frame].types, positions: frames[settings.frame].positions, cell: frames[settings.frame].cell)
        let masses = try AtomicMasses.masses(types: start.types, typeMap: model.config.typeMap)
        let s = settings.run
        log("MD: \(start.atomCount) atoms from \(path) frame \(settings.frame); \(s.seeds.count) seeds; "
            + (structure || stability ? "equilibrium \(s.temperature) K" : "") + (stability ? ", failure runs \(s.failureTemperature) K" : ""))
        let learned = LearnedPotential(model: model, types: start.types)
        var out = MDMetrics(trajectories: [])
        var rdfs: [Distribution] = [], angles: [Distribution] = []
        (out.trajectories, rdfs, angles) = run(learned, name: "model", start: start, masses: masses, report: onProgress)
        out.rdf = Distribution.average(rdfs)
        out.angles = Distribution.average(angles)
        out.droppedNeighbours = learned.droppedNeighbours
        if model.config.typeMap == MDReference.typeMap {
            let (trajectories, refRDFs, refAngles) = run(StillingerWeber(), name: "Stillinger-Weber", start: start, masses: masses)
            let reference = MDReference(name: "Stillinger-Weber", trajectories: trajectories, rdf: Distribution.average(refRDFs),
                                        angles: Distribution.average(refAngles))
            out.reference = reference
            if structure, let g = out.rdf, let gRef = reference.rdf { out.rdfDistance = g.l1Distance(to: gRef) }
            if structure, let p = out.angles, let pRef = reference.angles { out.angleDistance = p.l1Distance(to: pRef).map { $0 / 2 } }
        }
        out.wallSeconds = Date().timeIntervalSince(started)
        return out
    }

    /// The protocol's trajectories for every seed with `potential`, and the seeds' distributions.
    func run<P: ClassicalPotential>(_ potential: P, name: String, start: Frame, masses: [Double],
                                    report: (Int, Int, Double) -> Void = { _, _, _ in })
        -> ([MDTrajectory], [Distribution], [Distribution]) {
        var trajectories: [MDTrajectory] = [], rdfs: [Distribution] = [], angles: [Distribution] = []
        let s = settings.run
        let equilibriumSteps = s.steps(s.equilibration) + s.steps(s.sampling) + (stability ? s.steps(s.nve) : 0)
        let survivalSteps = stability ? s.steps(s.failureTime) : 0
        let total = s.seeds.count * (equilibriumSteps + survivalSteps), started = Date()
        var before = 0
        func progress(_ phase: String, _ done: Int, _ all: Int) {
            let steps = before + done
            report(steps, total, Date().timeIntervalSince(started) / Double(max(steps, 1)))
        }
        for seed in s.seeds {
            var t = MDTrajectory(seed: seed)
            let clock = Date()
            let e = StabilityProtocol.equilibrium(potential, start: start, masses: masses, settings: s, seed: seed,
                                                  structure: structure, drift: stability, progress: progress)
            before += equilibriumSteps
            t.equilibriumFailure = e.failure?.description
            t.meanTemperature = e.meanTemperature
            (t.nveDrift, t.nveDriftError, t.nveFluctuation) = (e.drift?.slope, e.drift?.slopeStandardError, e.drift?.fluctuation)
            if let g = e.rdf { rdfs.append(g) }
            if let p = e.angles { angles.append(p) }
            if stability {
                t.survival = StabilityProtocol.survival(potential, start: start, masses: masses, settings: s, seed: seed, progress: progress)
                before += survivalSteps
            }
            trajectories.append(t)
            var line = "MD \(name) seed \(seed): " + (e.failure.map { "equilibrium failed at \($0)" }
                ?? String(format: "T %.0f K", e.meanTemperature ?? .nan))
            if let d = e.drift { line += String(format: ", NVE drift %+.3g meV/atom/ps", 1000 * d.slope) }
            if let v = t.survival { line += v.failed ? String(format: ", %@ at %.3f ps", v.reason ?? "failed", v.time) : String(format: ", no failure in %.3g ps", v.time) }
            log(line + String(format: " (%.0f s)", Date().timeIntervalSince(clock)))
        }
        return (trajectories, rdfs, angles)
    }
}
