import Foundation
import SymAtoms
import SymTrain
import Yams

/// The MD part of a suite (`md:`), used by the opt-in metric groups `stability` and `structure`.
/// Part of every run's resolved config (and so of its ID) when those groups are measured.
///
///     metrics: [validation, test, symmetry, cost, timing, stability, structure]
///     md:
///       structure: data/silicon-sw     # start structure (default: frame 0 of the first training system)
///       frame: 0
///       seeds: [1, 2, 3]               # MD trajectories of each kind per trained model
///       timestep: 1.0                  # fs
///       temperature: 900               # K: NVT equilibration and structure sampling, NVE start
///       friction: 5                    # 1/ps (Langevin)
///       equilibration: 0.5             # ps
///       sampling: 1.0                  # ps of NVT structure sampling
///       nve: 1.0                       # ps of NVE for the energy drift
///       sample_every: 10               # steps
///       failure_temperature: 1800      # K: NVT time-to-failure runs from the start structure
///       failure_time: 2.0              # ps (runs that last it are censored)
///       min_distance: 1.5              # Å   | failure criteria
///       energy_jump: 0.3               # eV/atom within energy_window
///       energy_window: 0.1             # ps
///       rdf_max: 6.0, rdf_bins: 120, angle_cutoff: 3.0, angle_bins: 90
public struct MDEvaluationSettings: Codable, Equatable, Sendable {
    /// Start structure (extxyz or DeePMD folder, relative to the working directory); nil = the
    /// first training system.
    public var structure: String?
    /// Frame of `structure`, counting over its systems.
    public var frame = 0
    /// The protocol (`StabilityProtocol`).
    public var run = StabilitySettings()
    /// The defaults (`StabilitySettings()`, frame 0 of the first training system).
    public init() {}
}

extension SuiteSpec {
    static let mdKeys = ["structure", "frame", "seeds", "timestep", "temperature", "friction", "equilibration", "sampling", "nve",
                         "sample_every", "failure_temperature", "failure_time", "min_distance", "energy_jump", "energy_window",
                         "rdf_max", "rdf_bins", "angle_cutoff", "angle_bins"]

    /// The `md` section: settings when `metrics` has `stability` or `structure`, nil otherwise
    /// (an `md` section without them is a problem: it would be ignored).
    static func mdSettings(_ node: Node?, metrics: [MetricGroup], reader r: inout YAMLReader, problems: inout [String]) -> MDEvaluationSettings? {
        guard metrics.contains(where: \.isOptIn) else {
            if node != nil { problems.append("[at `md`] is only used by the metric groups `stability` and `structure`; add them to `metrics` or remove `md`") }
            return nil
        }
        let p = ["md"], m = r.mapping(node, p, keys: mdKeys)
        var md = MDEvaluationSettings(), s = StabilitySettings()
        md.structure = m["structure"].map { _ in r.string(m, "structure", p, default: "") }
        md.frame = r.integer(m, "frame", p, default: 0, minimum: 0)
        s.seeds = r.list(m, "seeds", p, default: s.seeds, what: "a non-negative integer seed") { YAMLReader.int($0).flatMap { $0 >= 0 ? UInt64($0) : nil } }
        s.timestepFs = r.number(m, "timestep", p, default: s.timestepFs)
        s.temperature = r.number(m, "temperature", p, default: s.temperature)
        s.friction = r.number(m, "friction", p, default: s.friction)
        s.equilibration = r.number(m, "equilibration", p, default: s.equilibration)
        s.sampling = r.number(m, "sampling", p, default: s.sampling)
        s.nve = r.number(m, "nve", p, default: s.nve)
        s.sampleEvery = r.integer(m, "sample_every", p, default: s.sampleEvery)
        s.failureTemperature = r.number(m, "failure_temperature", p, default: s.failureTemperature)
        s.failureTime = r.number(m, "failure_time", p, default: s.failureTime)
        s.criteria.minimumDistance = r.number(m, "min_distance", p, default: s.criteria.minimumDistance)
        s.criteria.energyJumpPerAtom = r.number(m, "energy_jump", p, default: s.criteria.energyJumpPerAtom)
        s.criteria.energyWindow = r.number(m, "energy_window", p, default: s.criteria.energyWindow)
        s.rdfMaximum = r.number(m, "rdf_max", p, default: s.rdfMaximum)
        s.rdfBins = r.integer(m, "rdf_bins", p, default: s.rdfBins)
        s.angleCutoff = r.number(m, "angle_cutoff", p, default: s.angleCutoff)
        s.angleBins = r.integer(m, "angle_bins", p, default: s.angleBins)
        problems += s.problems(path: "md")
        md.run = s
        return md
    }

    /// Problems of the MD groups with the resolved training configs: a start structure that does
    /// not exist (relative paths are read from `workingDirectory`, where the runs run), and
    /// `structure` for models other than silicon (it compares with Stillinger-Weber silicon).
    static func mdProblems(_ evaluation: EvaluationSettings, configs: [(variant: String, config: TrainingConfig)],
                           workingDirectory: String) -> [String] {
        var out: [String] = []
        if let path = evaluation.md?.structure {
            let full = path.hasPrefix("/") ? path : URL(fileURLWithPath: workingDirectory).appendingPathComponent(path).path
            if !FileManager.default.fileExists(atPath: full) {
                out.append("[at `md.structure`] no such file or folder '\(path)' (an .xyz file or a DeePMD folder; relative paths are read from \(workingDirectory))")
            }
        }
        guard evaluation.metrics.contains(.structure) else { return out }
        return out + configs.filter { $0.config.model.typeMap != MDReference.typeMap }.map {
            "[at `metrics`] `structure` compares with Stillinger-Weber silicon MD and needs type_map \(MDReference.typeMap); "
                + "variant '\($0.variant)' has \($0.config.model.typeMap)"
        }
    }
}
