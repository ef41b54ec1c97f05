import SymTrain

/// How a run ended.
public enum RunStatus: String, Codable, Sendable {
    case ok, failed
}

/// Relative errors of one symmetry test (see `ConformanceKit`): energy, forces, virial.
public struct FieldErrors: Codable, Equatable, Sendable {
    public var energy: Double, force: Double
    public var virial: Double?
    public init(energy: Double, force: Double, virial: Double? = nil) {
        (self.energy, self.force, self.virial) = (energy, force, virial)
    }
    /// The largest of the three.
    public var max: Double { Swift.max(energy, force, virial ?? 0) }
}

/// Symmetry errors of a trained model on validation frames.
public struct SymmetryErrors: Codable, Equatable, Sendable {
    public var rotation: FieldErrors, translation: FieldErrors, permutation: FieldErrors
    /// Properties the model's stages declare approximate, with the reason.
    public var declaredApproximate: [String: String]
}

/// Everything measured on a finished run (nil where the suite did not ask for it).
public struct RunMetrics: Codable, Equatable, Sendable {
    public var validation: Metrics?
    public var test: Metrics?
    public var symmetry: SymmetryErrors?
    public var parameters: Int?
    /// Forward FLOPs of one energy evaluation per atom, total and by stage.
    public var flopsPerAtom: Double?
    public var flopsByStage: [KeyValue]?
    /// Forward FLOPs per atom at other neighbour-slot counts (sel scaled), from the cost functions.
    public var costScaling: [CostPoint]?
    /// Median wall milliseconds of a training step.
    public var trainingMsPerStep: Double?
    /// Median wall microseconds per atom of one E + F + virial evaluation.
    public var inferenceMicrosecondsPerAtom: Double?
    /// Expressivity-probe results of the variant, where it has probes.
    public var probes: [String: Double]?
    /// Molecular dynamics with the trained model (opt-in groups `stability`, `structure`).
    public var md: MDMetrics?
    public init() {}
}

/// FLOPs per atom of a model at `neighbourSlots` (Σ sel).
public struct CostPoint: Codable, Equatable, Sendable {
    public var neighbourSlots: Int
    public var flopsPerAtom: Double
}

/// One point of a learning curve: validation (and training-batch) RMSEs, eV/atom and eV/Å.
public struct CurvePoint: Codable, Equatable, Sendable {
    public var step: Int
    public var validationEnergyRMSE: Double, validationForceRMSE: Double
    public var trainEnergyRMSE: Double, trainForceRMSE: Double
}

/// What runs with the same seed share, recorded so the report can check the pairing.
public struct Pairing: Codable, Equatable, Sendable {
    /// Nets copied from the baseline's initial draw, e.g. ["embedding 1/1", "fitting 0/1"].
    public var sharedNets: [String]
    /// Digest of the batch sequence (system and frames of every step).
    public var batchDigest: String
    /// Digest of the validation frames (system names and indices).
    public var validationDigest: String
    /// Digest of the initial embedding nets.
    public var initialEmbeddingDigest: String
}

/// The atomic JSON record of one run (`results/<id>.json`).
///
/// Format history: 1 — `type` "symlab-run-result".
public struct RunResult: Codable, Equatable, Sendable {
    public static let typeKey = "symlab-run-result"
    public var type = typeKey
    public var formatVersion = 1
    public var id: String
    public var variant: String, dataset: String
    public var seed: UInt64
    public var isBaseline: Bool
    public var status: RunStatus
    /// Why it failed (nil when ok).
    public var reason: String?
    /// Training steps completed.
    public var steps: Int
    public var metrics: RunMetrics
    public var learningCurve: [CurvePoint]
    public var pairing: Pairing?
    /// Wall and CPU seconds of the whole run (training and evaluation).
    public var wallSeconds: Double, cpuSeconds: Double
    public var provenance: [String: String]
    public var spec: RunSpec

    /// A result for `run` with nothing measured yet.
    public init(run: PlannedRun, status: RunStatus, reason: String? = nil) {
        id = run.id
        variant = run.variant
        dataset = run.dataset
        seed = run.seed
        isBaseline = run.isBaseline
        self.status = status
        self.reason = reason
        steps = 0
        metrics = RunMetrics()
        learningCurve = []
        wallSeconds = 0
        cpuSeconds = 0
        provenance = [:]
        spec = run.spec
    }
}
