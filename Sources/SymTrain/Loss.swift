import SymAtoms
import SymModel
import SymTensor

/// DeePMD's energy loss (spec §8.1) for a batch of B frames of N atoms:
///
///     L = p_e (1/N) mean_f (E − E*)² + p_f mean_{f,m,α} (F − F*)² + p_v (1/N) mean_{f,αβ} (W − W*)²
///
/// A term is used only when its prefactor is non-zero and the batch has that label.
public struct EnergyLoss: Codable, Equatable, Sendable {
    public var energy = Prefactor(start: 0.02, limit: 1)
    public var force = Prefactor(start: 1000, limit: 1)
    public var virial = Prefactor(start: 0, limit: 0)
    public init() {}

    /// Prefactors at learning rate `lr` (initial `lr0`).
    public func prefactors(lr: Double, lr0: Double) -> (e: Double, f: Double, v: Double) {
        (energy.value(lr: lr, lr0: lr0), force.value(lr: lr, lr0: lr0), virial.value(lr: lr, lr0: lr0))
    }

    /// The scalar loss tensor (differentiable when `prediction` was made with `createGraph`).
    public func loss(_ p: Prediction, labels frames: [Frame], lr: Double, lr0: Double) -> Tensor {
        let (pe, pf, pv) = prefactors(lr: lr, lr0: lr0)
        let n = Double(frames[0].atomCount)
        var total = Tensor(0)
        if pe != 0, let e = labels(frames.map { $0.energy.map { [$0] } }) {
            total = total + (p.energy - Tensor(e)).squared().mean().scaled(by: pe / n)
        }
        if pf != 0, let f = labels(frames.map(\.forces)) {
            total = total + (p.forces - Tensor(shape: p.forces.shape, scalars: f)).squared().mean().scaled(by: pf)
        }
        if pv != 0, let w = labels(frames.map(\.virial)) {
            total = total + (p.virial - Tensor(shape: p.virial.shape, scalars: w)).squared().mean().scaled(by: pv / n)
        }
        return total
    }

    /// Concatenated labels when every frame has them.
    func labels(_ values: [[Double]?]) -> [Double]? {
        values.allSatisfy { $0 != nil } ? values.flatMap { $0! } : nil
    }
}
