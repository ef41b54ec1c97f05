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
    var mae: Double { count == 0 ? .nan : sumAbs / Double(count) }
    var rmse: Double { count == 0 ? .nan : (sumSq / Double(count)).squareRoot() }
}

/// Evaluates a model frame by frame.
public enum Evaluator {
    /// Metrics over `frames` (each labelled with a system name), plus one row per frame.
    public static func evaluate(_ model: DeepPotModel, frames: [(system: String, index: Int, frame: Frame)],
                                overflow: OverflowPolicy = .error) throws -> (Metrics, [FrameError]) {
        var e = ErrorAccumulator(), f = ErrorAccumulator(), v = ErrorAccumulator()
        var rows: [FrameError] = []
        for (system, index, frame) in frames {
            let batch = try EnvironmentBatch.build(frames: [frame], rcut: model.config.descriptor.rcut,
                                                   sel: model.config.descriptor.sel, typeCount: model.typeCount,
                                                   overflow: overflow, source: "\(system) frame \(index)")
            let p = model.predict(batch)
            let n = Double(frame.atomCount)
            var row = FrameError(system: system, frame: index, atoms: frame.atomCount, energy: p.energy.scalars[0],
                                 referenceEnergy: frame.energy, forceRMSE: nil)
            if let ref = frame.energy { e.add((p.energy.scalars[0] - ref) / n) }
            if let ref = frame.forces {
                var local = ErrorAccumulator()
                for (a, b) in zip(p.forces.scalars, ref) { f.add(a - b); local.add(a - b) }
                row.forceRMSE = local.rmse
            }
            if let ref = frame.virial { for (a, b) in zip(p.virial.scalars, ref) { v.add((a - b) / n) } }
            rows.append(row)
        }
        var m = Metrics()
        m.frames = frames.count
        (m.energyMAE, m.energyRMSE, m.forceMAE, m.forceRMSE) = (e.mae, e.rmse, f.mae, f.rmse)
        if v.count > 0 { (m.virialMAE, m.virialRMSE) = (v.mae, v.rmse) }
        return (m, rows)
    }

    /// Every frame of a dataset, labelled by system name and index.
    public static func frames(of dataset: Dataset) -> [(system: String, index: Int, frame: Frame)] {
        dataset.systems.flatMap { s in s.frames.enumerated().map { (s.name, $0.offset, $0.element) } }
    }
}
