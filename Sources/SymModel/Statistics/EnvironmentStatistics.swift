import SymAtoms
import SymTensor

/// davg/dstd of the environment rows per centre type (spec §3.4): over all atoms of type t and
/// all nnei slots (padded slots contribute zeros),
///
///     μ_s = Σs/n,  σ_s = sqrt(Σs²/n − μ_s²),  σ_a = sqrt(Σa²/3n − (Σa/3n)²)  (columns 1–3 pooled)
///
/// with σ < 1e-2 raised to 1e-2 and types without samples given μ = 0, σ = 0.1.
public enum EnvironmentStatistics {
    /// Returns davg and dstd, each [ntypes, 4] row-major.
    public static func compute(batches: [EnvironmentBatch], typeCount: Int, rcut: Double, rcutSmooth: Double,
                               setDavgZero: Bool = false) -> (davg: [Double], dstd: [Double]) {
        var n = [Double](repeating: 0, count: typeCount), s1 = n, s2 = n, a1 = n, a2 = n
        GradMode.withoutGrad {
            for batch in batches {
                let rows = EnvironmentMatrix.rows(batch.rij, rcut: rcut, rcutSmooth: rcutSmooth).rows.scalars
                for slot in 0..<(batch.rows * batch.nnei) {
                    let t = batch.centreTypes[slot / batch.nnei], radial = rows[4 * slot]
                    n[t] += 1
                    s1[t] += radial
                    s2[t] += radial * radial
                    for k in 1..<4 {
                        let v = rows[4 * slot + k]
                        a1[t] += v
                        a2[t] += v * v
                    }
                }
            }
        }
        var davg = [Double](repeating: 0, count: 4 * typeCount), dstd = davg
        for t in 0..<typeCount {
            guard n[t] > 0 else {
                dstd.replaceSubrange((4 * t)..<(4 * t + 4), with: [0.1, 0.1, 0.1, 0.1])
                continue
            }
            let mu = s1[t] / n[t]
            let sigmaS = max((max(s2[t] / n[t] - mu * mu, 0)).squareRoot(), 1e-2)
            let ma = a1[t] / (3 * n[t])
            let sigmaA = max((max(a2[t] / (3 * n[t]) - ma * ma, 0)).squareRoot(), 1e-2)
            davg[4 * t] = setDavgZero ? 0 : mu
            dstd.replaceSubrange((4 * t)..<(4 * t + 4), with: [sigmaS, sigmaA, sigmaA, sigmaA])
        }
        return (davg, dstd)
    }
}
