import Foundation
import SymAtoms
import SymModel
import SymTensor

/// Probe (c): the smallest embedding width M1 at which a permutation encoder P_s tells apart two
/// neighbour sets of size n (Wagstaff et al., "On the limitations of representing functions on
/// sets", ICML 2019: a sum decomposition Σ_j φ(x_j) of sets of n scalars needs a latent width
/// ≥ n to be injective).
///
/// Setting: a centre with n neighbours of one type at fixed random directions and distances
/// r ∈ [0.3, 0.7]·r_c, the set of n scalars being the distances. P_s's invariant output column
/// p(r) = T[:, 0] ∈ ℝ^rows (rows = M1 for deepsets-sum) is compared for the set r and a second
/// set r' = r + ε v with ‖v‖ = 1, ε = 0.1 Å, chosen to be hardest to tell apart: v is the right
/// singular vector of the smallest singular value σ_n of J = ∂p/∂r [rows, n] (by reverse mode,
/// one row per copy of the environment), so to first order
///
///     ‖p(r') − p(r)‖ / ‖p(r)‖ = σ_n ε / ‖p(r)‖.
///
/// With rows < n, σ_n = 0: a distinct set with the same p exists (constant-rank theorem), so the
/// pair is not separated whatever the nets. The sets count as separated when this relative
/// difference exceeds the probes' threshold (1e-8); the width is searched by bisection over
/// [1, 4n] (separation grows with the width up to the random draw of the nets), only at widths
/// the encoder's options allow (e.g. divisible by the heads). Wagstaff's bound is necessary, not
/// sufficient: φ is an analytic function of one distance, so J's singular values fall off
/// geometrically and beyond some n no width resolves every direction in Float64; `Measurement`
/// counts the directions that are resolved. The embedding keeps the config's
/// hidden widths and replaces its last width; R_s is gram-factored (not part of the question);
/// the environment statistics (μ_s, σ_s, σ_a) are those of the probed environment, so the
/// embedding sees inputs spread as in training.
public enum SetWidthProbe {
    /// ε (Å), the size of the set change.
    public static let step = 0.1

    /// The probe config: `config` with one block of n slots, last embedding width `width`, R_s
    /// gram-factored; nil when the encoder's options do not allow that width.
    static func config(_ config: ModelConfig, setSize n: Int, width: Int) -> ModelConfig? {
        var c = config
        let d = config.descriptor
        c.descriptor.neuron = Array(d.neuron.dropLast()) + [width]
        c.descriptor.sel = d.sel.count == config.typeMap.count ? [n] + [Int](repeating: 0, count: d.sel.count - 1) : [n]
        (c.descriptor.rotation, c.descriptor.rotationOptions) = (GramFactored.key, [:])
        c.descriptor.axisNeuron = min(d.axisNeuron, width)
        return c.problems().isEmpty ? c : nil
    }

    /// The environment of size n (the same for every width).
    public static func environment(_ config: ModelConfig, setSize n: Int) -> IsolatedEnvironment {
        let rng = RandomSource(seed: config.seed &* 1_000_003 &+ UInt64(n))
        let rc = config.descriptor.rcut
        return IsolatedEnvironment(centreType: 0, neighbours: (0..<n).map { _ in
            let r = rc * (0.3 + 0.4 * rng.uniform())
            return (0, ProbeEnvironments.randomDirection(rng).map { $0 * r })
        })
    }

    /// What one width achieves for sets of size n.
    public struct Measurement: Sendable {
        /// σ_n ε / ‖p‖: the relative change of p for the hardest set change of size ε (0 when rows < n).
        public var separation: Double
        /// Directions of set change that p resolves: singular values with σ_i ε / ‖p‖ > threshold.
        public var resolved: Int
        /// Control: the relative change of p when every distance grows by ε/√n (must pass).
        public var uniformShift: Double
    }

    /// The measurement at one width, or nil when the width is not allowed.
    public static func measure(_ config: ModelConfig, setSize n: Int, width: Int, threshold: Double) throws -> Measurement? {
        guard let (j, rows, norm) = try jacobian(config, setSize: n, width: width), norm > 0 else { return nil }
        let shift = (0..<rows).reduce(0.0) { total, a in
            let row = (0..<n).reduce(0.0) { $0 + j[a * n + $1] }
            return total + row * row
        }.squareRoot() * step / (Double(n).squareRoot() * norm)
        // Singular values of J (rows ≥ n) or of Jᵀ (rows < n: then σ_n = 0 exactly).
        let transposed = (0..<(rows * n)).map { j[($0 % rows) * n + $0 / rows] }
        let sigma = (rows >= n ? singularValues(j, rows: rows, columns: n) : singularValues(transposed, rows: n, columns: rows)) ?? []
        return Measurement(separation: rows >= n ? (sigma.last ?? 0) * step / norm : 0,
                           resolved: sigma.filter { $0 * step / norm > threshold }.count, uniformShift: shift)
    }

    /// σ_n ε / ‖p‖ at one width, or nil when the width is not allowed.
    public static func separation(_ config: ModelConfig, setSize n: Int, width: Int) throws -> Double? {
        try measure(config, setSize: n, width: width, threshold: ExpressivityProbes.threshold)?.separation
    }

    /// J = ∂p/∂r [rows, n] row-major (columns in slot order, i.e. by distance), the number of rows
    /// and ‖p‖; nil when the width is not allowed.
    static func jacobian(_ config: ModelConfig, setSize n: Int, width: Int) throws -> (values: [Double], rows: Int, norm: Double)? {
        guard let c = Self.config(config, setSize: n, width: width) else { return nil }
        let model = try DeepPotModel(config: c), environment = Self.environment(config, setSize: n)
        ExpressivityProbes.normalise(model, to: try model.isolatedBatch([environment]))
        let rows = model.declaredFields.pooled.shape[0]
        var jacobian = [Double](repeating: 0, count: rows * n), norm = 0.0
        let chunk = max(1, 16_384 / n)  // copies per reverse pass, to bound memory
        for first in stride(from: 0, to: rows, by: chunk) {
            let copies = min(chunk, rows - first)
            let batch = try model.isolatedBatch([IsolatedEnvironment](repeating: environment, count: copies))
            let pooled = model.stageOutputs(model.neighbourSet(batch)).pooled  // [copies, rows, 4]
            if first == 0 { norm = (0..<rows).reduce(0.0) { $0 + pow(pooled.scalars[4 * $1], 2) }.squareRoot() }
            // Copy e contributes p[first + e]: one reverse pass gives those rows of J.
            let picked = pooled.reshaped([copies * rows * 4, 1]).gather(rows: (0..<copies).map { e in (e * rows + first + e) * 4 })
            let g = gradients(of: picked.sum(), withRespectTo: [batch.rij])[0].scalars, r = batch.rij.scalars
            for e in 0..<copies {
                var column = 0
                for s in 0..<model.nnei where batch.valid[e * model.nnei + s] {
                    let k = 3 * (e * model.nnei + s), length = (0..<3).reduce(0.0) { $0 + r[k + $1] * r[k + $1] }.squareRoot()
                    jacobian[(first + e) * n + column] = (0..<3).reduce(0.0) { $0 + g[k + $1] * r[k + $1] } / length  // ∂p/∂r_j
                    column += 1
                }
            }
        }
        return (jacobian, rows, norm)
    }

    /// The smallest allowed width in [1, 4n] whose separation exceeds `threshold`, by bisection;
    /// nil when even the largest allowed width does not separate (`atLargest`, its measurement,
    /// saves that check when the caller has it).
    public static func minimalWidth(_ config: ModelConfig, setSize n: Int, threshold: Double,
                                    atLargest: Measurement? = nil) throws -> Int? {
        let widths = (1...(4 * n)).filter { Self.config(config, setSize: n, width: $0) != nil }
        func separates(_ w: Int) throws -> Bool { (try separation(config, setSize: n, width: w) ?? 0) > threshold }
        guard let last = widths.last else { return nil }
        if let atLargest { guard atLargest.separation > threshold else { return nil } } else if try !separates(last) { return nil }
        var lo = 0, hi = widths.count - 1  // widths[hi] separates; find the first that does
        while lo < hi {
            let mid = (lo + hi) / 2
            if try separates(widths[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return widths[hi]
    }

    /// The largest width the probe allows for sets of size n (≤ 4n).
    static func largestWidth(_ config: ModelConfig, setSize n: Int) -> Int? {
        (1...(4 * n)).reversed().first { Self.config(config, setSize: n, width: $0) != nil }
    }
}
