import SymAtoms
import SymModel
import SymTensor

/// Errors of a model on labelled frames (spec §8.1 conventions): energies per atom (eV/atom),
/// force components (eV/Å), virial components per atom (eV/atom).
public struct Metrics: Codable, Equatable, Sendable {
    public var frames = 0
    public var energyMAE = 0.0, energyRMSE = 0.0
    public var forceMAE = 0.0, forceRMSE = 0.0
    public var virialMAE: Double?, virialRMSE: Double?
    public init() {}
}

/// One frame's errors, for per-frame CSV files.
public struct FrameError: Sendable {
    public var system: String
    public var frame: Int
    public var atoms: Int
    /// Predicted and reference energies (eV).
    public var energy: Double, referenceEnergy: Double?
    /// RMSE of this frame's force components (eV/Å).
    public var forceRMSE: Double?
}

/// Accumulates squared and absolute errors.
struct ErrorAccumulator {
    var count = 0, sumAbs = 0.0, sumSq = 0.0
    mutating func add(_ e: Double) {
        count += 1
        sumAbs += abs(e)
        sumSq += e * e
    }
    mutating func merge(_ other: ErrorAccumulator) {
        count += other.count
        sumAbs += other.sumAbs
        sumSq += other.sumSq
    }
    var mae: Double { count == 0 ? .nan : sumAbs / Double(count) }
    var rmse: Double { count == 0 ? .nan : (sumSq / Double(count)).squareRoot() }
}

/// Prediction errors against labels, in the units of `Metrics`: energy per atom, force components,
/// virial components per atom. Frames without a label add nothing to that quantity.
struct LabelErrors {
    var energy = ErrorAccumulator(), force = ErrorAccumulator(), virial = ErrorAccumulator()

    /// Adds the errors of a prediction for `labels` (the frames of its batch, in order).
    mutating func add(_ p: Prediction, labels: [Frame]) {
        var atomOffset = 0
        for (k, frame) in labels.enumerated() {
            let atoms = frame.atomCount, n = Double(atoms)
            if let ref = frame.energy { energy.add((p.energy.scalars[k] - ref) / n) }
            if let ref = frame.forces { for (i, r) in ref.enumerated() { force.add(p.forces.scalars[3 * atomOffset + i] - r) } }
            if let ref = frame.virial { for (i, r) in ref.enumerated() { virial.add((p.virial.scalars[9 * k + i] - r) / n) } }
            atomOffset += atoms
        }
    }

    mutating func merge(_ other: LabelErrors) {
        energy.merge(other.energy)
        force.merge(other.force)
        virial.merge(other.virial)
    }
}

/// Evaluates a model frame by frame.
public enum Evaluator {
    /// Metrics over `frames` (each labelled with a system name), plus one row per frame.
    public static func evaluate(_ model: DeepPotModel, frames: [(system: String, index: Int, frame: Frame)],
                                overflow: OverflowPolicy = .error) throws -> (Metrics, [FrameError]) {
        var total = LabelErrors()
        var rows: [FrameError] = []
        for (system, index, frame) in frames {
            let p = model.predict(try model.batch(for: frame, overflow: overflow, source: "\(system) frame \(index)"))
            var local = LabelErrors()
            local.add(p, labels: [frame])
            total.merge(local)
            rows.append(FrameError(system: system, frame: index, atoms: frame.atomCount, energy: p.energy.scalars[0],
                                   referenceEnergy: frame.energy, forceRMSE: frame.forces == nil ? nil : local.force.rmse))
        }
        var m = Metrics()
        m.frames = frames.count
        (m.energyMAE, m.energyRMSE, m.forceMAE, m.forceRMSE) = (total.energy.mae, total.energy.rmse, total.force.mae, total.force.rmse)
        if total.virial.count > 0 { (m.virialMAE, m.virialRMSE) = (total.virial.mae, total.virial.rmse) }
        return (m, rows)
    }

    /// Every frame of a dataset, labelled by system name and index.
    public static func frames(of dataset: Dataset) -> [(system: String, index: Int, frame: Frame)] {
        dataset.systems.flatMap { s in s.frames.enumerated().map { (s.name, $0.offset, $0.element) } }
    }
}
