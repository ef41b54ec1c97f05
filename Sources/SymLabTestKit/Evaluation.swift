import SymAtoms
import SymModel
import SymTensor

/// Energy (eV), forces [N·3] (eV/Å) and virial [9] (eV) of one frame.
public struct Evaluation: Sendable {
    public var energy: Double
    public var forces: [Double]
    public var virial: [Double]
}

extension DeepPotModel {
    /// Evaluates one frame (builds its neighbour list with the model's cutoff and sel).
    public func evaluate(_ frame: Frame) throws -> Evaluation {
        evaluate(try batch(for: frame))
    }

    /// The energy of one frame only (no graph recorded, no backward pass): for finite differences.
    public func energy(of frame: Frame) throws -> Double {
        let batch = try batch(for: frame)
        return GradMode.withoutGrad { atomicEnergies(batch).scalars.reduce(0, +) }
    }

    /// Evaluates a prepared single-frame batch.
    public func evaluate(_ batch: EnvironmentBatch) -> Evaluation {
        let p = predict(batch)
        return Evaluation(energy: p.energy.scalars[0], forces: p.forces.scalars, virial: p.virial.scalars)
    }
}

/// max |a − b|.
func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

/// max |a| (at least 1, so small values are compared absolutely).
func scale(_ a: [Double]) -> Double { max(1, a.reduce(0) { max($0, abs($1)) }) }

/// Rotates rows of 3-vectors: v' = R v for each row.
func rotateRows(_ rows: [Double], _ r: [Double]) -> [Double] {
    var out = rows
    for i in 0..<(rows.count / 3) {
        for a in 0..<3 { out[3 * i + a] = (0..<3).reduce(0) { $0 + r[3 * a + $1] * rows[3 * i + $1] } }
    }
    return out
}

/// R W Rᵀ for a row-major 3x3 W.
func rotateTensor(_ w: [Double], _ r: [Double]) -> [Double] {
    (0..<9).map { k in
        let a = k / 3, b = k % 3
        var s = 0.0
        for c in 0..<3 { for d in 0..<3 { s += r[3 * a + c] * w[3 * c + d] * r[3 * b + d] } }
        return s
    }
}
