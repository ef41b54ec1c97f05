import SymTensor

/// The smooth switch and environment matrix of DeepPot-SE (spec §3), on tensors so that forces
/// flow through them by reverse mode.
///
///     u = (r − r_s)/(r_c − r_s),  w(r) = 1 (r < r_s),  u³(−6u² + 15u − 10) + 1 (r_s ≤ r < r_c),  0 (r ≥ r_c)
///     R_ij = w(r)·(1/r, x/r², y/r², z/r²)
///
/// w is C² at both ends, so E and F are continuous when a neighbour crosses r_c.
public enum EnvironmentMatrix {
    /// Switch weights w(r) for distances `r` [S, 1].
    public static func switchWeight(_ r: Tensor, rcut: Double, rcutSmooth: Double) -> Tensor {
        let u = (r - rcutSmooth).scaled(by: 1 / (rcut - rcutSmooth))
        let u3 = u * u * u
        let poly = u3 * ((u * -6.0 + 15.0) * u - 10.0) + 1.0
        let inside = r.scalars.map { $0 >= rcutSmooth && $0 < rcut }
        let below = r.scalars.map { $0 < rcutSmooth }
        let outside = Tensor.select(below, Tensor.ones(r.shape), Tensor.zeros(r.shape))
        return Tensor.select(inside, poly, outside)
    }

    /// Raw rows R [S, 4] and switch weights w [S, 1] from pair vectors `rij` [S, 3] (Å).
    public static func rows(_ rij: Tensor, rcut: Double, rcutSmooth: Double) -> (rows: Tensor, weight: Tensor) {
        let r = rij.squared().sum(axis: 1, keepDims: true).sqrt()  // [S, 1]
        let w = switchWeight(r, rcut: rcut, rcutSmooth: rcutSmooth)
        let s = w / r  // s(r) = w/r
        return (Tensor.concat([s, rij * (s / r)], axis: 1), w)
    }

    /// Normalised rows R̃ = (R − davg[t_i]) / dstd[t_i], with statistics per centre type
    /// `davg`, `dstd` [ntypes, 4] (the same for every slot, spec §3.3). `rows` is [A, nnei, 4].
    public static func normalised(_ rows: Tensor, centreTypes: [Int], davg: [Double], dstd: [Double]) -> Tensor {
        let a = centreTypes.count
        let avg = Tensor(shape: [a, 1, 4], scalars: centreTypes.flatMap { davg[(4 * $0)..<(4 * $0 + 4)] })
        let std = Tensor(shape: [a, 1, 4], scalars: centreTypes.flatMap { dstd[(4 * $0)..<(4 * $0 + 4)] })
        return (rows - avg) / std
    }
}
