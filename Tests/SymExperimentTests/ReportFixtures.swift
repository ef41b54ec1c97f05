import SymModel
import SymTrain
@testable import SymExperiment

/// Result tables with chosen numbers, for the report writers' exact-output tests.
enum ReportFixtures {
    /// Validation force RMSE (eV/Å) per variant and seed.
    typealias Values = [(variant: String, forces: [Double?])]

    /// A table of `values` (nil = failed run) over seeds 1…n, the first variant the baseline;
    /// `missing` names (variant, seed) runs without a result.
    static func table(_ values: Values, missing: [(String, UInt64)] = [], approximate: [String: String] = [:],
                      rotationError: [String: Double] = [:]) -> ResultTable {
        var runs: [PlannedRun] = [], results: [String: RunResult] = [:]
        let seeds = values[0].forces.count
        for seed in 1...seeds {
            for (v, entry) in values.enumerated() {
                var config = TrainingConfig(model: ModelConfig(typeMap: ["Si"]))
                config.schedule.seed = UInt64(seed)
                let run = PlannedRun(id: "run\(v)s\(seed)", index: runs.count, variant: entry.variant, dataset: "data/si",
                                     seed: UInt64(seed), isBaseline: v == 0,
                                     point: [KeyValue("training.seed", String(seed))] + (v == 0 ? [] : [KeyValue("model.descriptor.rotation", entry.variant)]),
                                     spec: RunSpec(training: config, evaluation: EvaluationSettings(), pairedWith: nil))
                runs.append(run)
                if missing.contains(where: { $0.0 == entry.variant && $0.1 == UInt64(seed) }) { continue }
                guard let f = entry.forces[seed - 1] else {
                    var failed = RunResult(run: run, status: .failed, reason: "training diverged at step 7: loss is nan")
                    failed.steps = 7
                    results[run.id] = failed
                    continue
                }
                results[run.id] = result(run, force: f, variant: v, approximate: approximate[entry.variant],
                                         rotationError: rotationError[entry.variant])
            }
        }
        let plan = SuitePlan(name: "fixture", description: "A fixture suite.", specFile: "experiments/fixture.yaml", baseSource: "base.yaml",
                             workingDirectory: "/work", primaryMetric: MetricCatalogue.defaultPrimary, resources: Resources(),
                             baseline: values[0].variant, variants: values.map(\.variant), runs: runs)
        return ResultTable(plan: plan, results: results)
    }

    static func result(_ run: PlannedRun, force: Double, variant v: Int, approximate: String?, rotationError: Double?) -> RunResult {
        var r = RunResult(run: run, status: .ok)
        r.steps = 100
        var m = Metrics()
        (m.frames, m.forceRMSE, m.forceMAE, m.energyRMSE, m.energyMAE) = (6, force, 0.8 * force, force / 100, force / 120)
        r.metrics.validation = m
        r.metrics.parameters = 1000 + 200 * v
        r.metrics.flopsPerAtom = [6000, 20000, 9000, 4000][v % 4]
        r.metrics.trainingMsPerStep = 10 + Double(v)
        r.metrics.inferenceMicrosecondsPerAtom = 100 + 10 * Double(v)
        r.metrics.symmetry = SymmetryErrors(rotation: FieldErrors(energy: 1e-16, force: rotationError ?? 2e-15, virial: 3e-15),
                                            translation: FieldErrors(energy: 1e-16, force: 1e-15, virial: 1e-15),
                                            permutation: FieldErrors(energy: 2e-16, force: 5e-17),
                                            declaredApproximate: approximate.map { ["rotation": $0] } ?? [:])
        r.metrics.costScaling = [16, 64].map { CostPoint(neighbourSlots: $0, flopsPerAtom: Double($0 * (100 + 50 * v))) }
        r.learningCurve = [50, 100].map { step in
            CurvePoint(step: step, validationEnergyRMSE: force / 100 * (step == 50 ? 2 : 1), validationForceRMSE: force * (step == 50 ? 2 : 1),
                       trainEnergyRMSE: 0, trainForceRMSE: 0)
        }
        r.pairing = Pairing(sharedNets: ["embedding 1/1", "fitting 1/1"], batchDigest: "b\(run.seed)", validationDigest: "v\(run.seed)",
                            initialEmbeddingDigest: "e\(run.seed)")
        r.wallSeconds = 60
        r.cpuSeconds = 58
        r.provenance = ["host": "node1", "cpu": "Test CPU", "cores": "2", "memory_gib": "8.0", "git_commit": "abc123", "git_dirty": "false",
                        "build": "release", "openblas": "OpenBLAS 0.3.21", "gsl": "2.7.1", "swift": ">= 6.3", "os": "Debian 12",
                        "date_utc": "2026-12-01T10:0\(run.seed % 10):00Z"]
        return r
    }

    /// Eight seeds: a variant lower in every seed, one within noise, one identical to the baseline.
    static let eightSeeds: Values = [
        ("se_e2_a", [0.250, 0.262, 0.331, 0.244, 0.300, 0.255, 0.310, 0.248]),
        ("better", [0.240, 0.250, 0.318, 0.236, 0.281, 0.247, 0.296, 0.240]),
        ("noisy", [0.255, 0.258, 0.335, 0.240, 0.305, 0.251, 0.312, 0.246]),
        ("same", [0.250, 0.262, 0.331, 0.244, 0.300, 0.255, 0.310, 0.248]),
    ]
}
