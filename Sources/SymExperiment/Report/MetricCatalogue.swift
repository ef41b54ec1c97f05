import SymTrain

/// A number a report can show for a run: its key (used in suites and CSV headers), label, unit
/// and how to read it from a result.
public struct MetricDefinition: Sendable {
    /// e.g. "validation.force_rmse".
    public var key: String
    /// Short column label, e.g. "val F RMSE".
    public var label: String
    /// Unit of the shown value, e.g. "meV/Å" ("" for counts).
    public var unit: String
    /// Whether the value depends on the machine (timings): such columns are left out of
    /// comparisons of reports across machines and flagged when runs mix machines.
    public var isTiming: Bool
    /// The shown value of a result (already scaled to `unit`), nil when not measured.
    public var value: @Sendable (RunResult) -> Double?
}

/// Every metric of a run, in report order.
public enum MetricCatalogue {
    /// The headline metric unless a suite names another.
    public static let defaultPrimary = "validation.force_rmse"

    /// Energy (meV/atom), force (meV/Å) and virial (meV/atom) MAE and RMSE on validation and test.
    public static let accuracy: [MetricDefinition] = ["validation", "test"].flatMap { set in
        [("energy", "E", "meV/atom"), ("force", "F", "meV/Å"), ("virial", "V", "meV/atom")].flatMap { quantity, letter, unit in
            ["rmse", "mae"].map { kind in
                MetricDefinition(key: "\(set).\(quantity)_\(kind)", label: "\(set == "validation" ? "val" : "test") \(letter) \(kind.uppercased())",
                                 unit: unit, isTiming: false) { r in
                    guard let m = set == "validation" ? r.metrics.validation : r.metrics.test else { return nil }
                    let v: Double? = switch (quantity, kind) {
                    case ("energy", "rmse"): m.energyRMSE
                    case ("energy", _): m.energyMAE
                    case ("force", "rmse"): m.forceRMSE
                    case ("force", _): m.forceMAE
                    case (_, "rmse"): m.virialRMSE
                    default: m.virialMAE
                    }
                    return v.flatMap { $0.isFinite ? 1000 * $0 : nil }
                }
            }
        }
    }

    /// Parameters, FLOPs per atom, training ms/step, inference µs/atom.
    public static let cost: [MetricDefinition] = [
        MetricDefinition(key: "parameters", label: "params", unit: "", isTiming: false) { $0.metrics.parameters.map(Double.init) },
        MetricDefinition(key: "flops_per_atom", label: "FLOPs/atom", unit: "", isTiming: false) { $0.metrics.flopsPerAtom },
        MetricDefinition(key: "train_ms_per_step", label: "train ms/step", unit: "ms", isTiming: true) { $0.metrics.trainingMsPerStep },
        MetricDefinition(key: "infer_us_per_atom", label: "infer µs/atom", unit: "µs", isTiming: true) {
            $0.metrics.inferenceMicrosecondsPerAtom },
    ]

    /// Largest relative symmetry error per transformation (E, F, W).
    public static let symmetry: [MetricDefinition] = [
        ("rotation", "rot"), ("translation", "trans"), ("permutation", "perm"),
    ].map { name, short in
        MetricDefinition(key: "symmetry.\(name)", label: "\(short) err", unit: "rel", isTiming: false) { r in
            guard let s = r.metrics.symmetry else { return nil }
            return name == "rotation" ? s.rotation.max : name == "translation" ? s.translation.max : s.permutation.max
        }
    }

    /// MD with the trained model (opt-in groups `stability`, `structure`): the mean temperature of
    /// the NVT sampling (a potential that releases energy runs hot), NVE drift |dE_tot/dt|/N and
    /// fluctuation (means over the MD seeds), restricted mean time to failure (censored runs
    /// count their length), failed trajectories, and the structure distances to the reference.
    /// Not part of `all`: reports and CSVs show them only for suites that measure them.
    public static let md: [MetricDefinition] = [
        MetricDefinition(key: "md.temperature", label: "sampled T", unit: "K", isTiming: false) {
            $0.metrics.md?.trajectories.meanSampledTemperature },
        MetricDefinition(key: "md.nve_drift", label: "NVE drift", unit: "meV/atom/ps", isTiming: false) {
            $0.metrics.md?.trajectories.meanAbsoluteDrift },
        MetricDefinition(key: "md.nve_fluctuation", label: "NVE fluct.", unit: "meV/atom", isTiming: false) {
            $0.metrics.md?.trajectories.meanFluctuation },
        MetricDefinition(key: "md.equilibrium_failures", label: "equil. failed", unit: "", isTiming: false) {
            $0.metrics.md.map { Double($0.trajectories.equilibriumFailures) } },
        MetricDefinition(key: "md.time_to_failure", label: "time to failure", unit: "ps", isTiming: false) {
            $0.metrics.md?.trajectories.restrictedMeanSurvival },
        MetricDefinition(key: "md.failure_runs_failed", label: "NVT failed", unit: "", isTiming: false) { r in
            r.metrics.md.flatMap { m in m.trajectories.survivalFailures.runs > 0 ? Double(m.trajectories.survivalFailures.failed) : nil } },
        MetricDefinition(key: "md.rdf_distance", label: "RDF dist.", unit: "Å", isTiming: false) { $0.metrics.md?.rdfDistance },
        MetricDefinition(key: "md.adf_distance", label: "ADF dist.", unit: "", isTiming: false) { $0.metrics.md?.angleDistance },
    ]

    /// All metrics.
    public static var all: [MetricDefinition] { accuracy + cost + symmetry }

    /// The metric with `key`.
    public static func definition(_ key: String) -> MetricDefinition? { all.first { $0.key == key } }
}
