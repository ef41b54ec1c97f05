import Foundation
import SymTensor

/// Smooth "k nearest neighbours" weights (used by `knn-sparse`). For one centre with distances
/// r_j and cutoff switch weights c_j = w(r_j):
///
///     α_j = c_j σ((t − r_j)/τ),   σ(z) = (1 + tanh(z/2))/2
///     t solves  Σ_j c_j σ((t − r_j)/τ) = g(x),   x = Σ_j c_j (the smooth neighbour count)
///     g(x) = x − [softplus(β(x − k)) − softplus(−βk)]/β,   β = 2 per neighbour
///
/// So Σ_j α_j = g(x): about k when there are many more than k neighbours (g → k), and just under
/// x when there are few (then every neighbour is nearly fully in). 0 < g(x) < x, so t exists and
/// is unique (the left side grows strictly with t), and by the implicit function theorem t, α
/// and therefore E are as smooth as σ, softplus and c: C² (c is). A neighbour entering or leaving
/// the nearest k, or crossing r_c, moves α continuously with continuous derivatives.
///
/// t is found per centre by safeguarded Newton on plain numbers (t₀), then made differentiable
/// with one exact Newton step on tensors, t = t₀ − f(t₀; r)/f′(t₀): its value is t₀ and its
/// first derivatives are the implicit ones, −(∂f/∂r)/f′, so forces (and parameter gradients of
/// force losses) are exact. Second derivatives with respect to positions are not (nothing uses
/// them). Where x − g(x) ≤ 1e-12·x (far fewer neighbours than k) α = c, an O(1e-12) change.
enum SoftNearest {
    /// Sharpness β of the count target, per neighbour.
    static let beta = 2.0

    /// σ(z) on tensors.
    static func sigmoid(_ z: Tensor) -> Tensor { (z.scaled(by: 0.5).tanh() + 1).scaled(by: 0.5) }

    /// softplus(z) = log(1 + eᶻ) on a tensor, without overflow for large |z|.
    static func softplus(_ z: Tensor) -> Tensor {
        let positive = z.scalars.map { $0 > 0 }, zero = Tensor.zeros(z.shape)
        let p = Tensor.select(positive, z, zero), q = Tensor.select(positive, zero, z)
        return Tensor.select(positive, p + ((-p).exp() + 1).log(), (q.exp() + 1).log())
    }

    /// softplus on a number.
    static func softplus(_ z: Double) -> Double { z > 0 ? z + Foundation.log1p(Foundation.exp(-z)) : Foundation.log1p(Foundation.exp(z)) }

    /// α [A, n] from distances `r` [A, n] and switch weights `c` [A, n] (0 on empty slots).
    static func weights(distances r: Tensor, switchWeights c: Tensor, k: Double, width tau: Double) -> Tensor {
        let a = r.shape[0], n = r.shape[1]
        let x = c.sum(axis: 1, keepDims: true)  // [A, 1]
        let excess = softplus((x - k).scaled(by: beta)) - softplus(-beta * k)
        let target = x - excess.scaled(by: 1 / beta)  // g(x)
        var t0 = [Double](repeating: 0, count: a), slope = [Double](repeating: 1, count: a)
        var allIn = [Bool](repeating: false, count: a * n)
        for centre in 0..<a {
            let rs = Array(r.scalars[(centre * n)..<((centre + 1) * n)]), cs = Array(c.scalars[(centre * n)..<((centre + 1) * n)])
            let total = x.scalars[centre], goal = target.scalars[centre]
            guard total > 0, total - goal > 1e-12 * total,
                  let root = solve(rs, cs, goal: goal, tau: tau) else {
                for s in 0..<n { allIn[centre * n + s] = true }
                continue
            }
            (t0[centre], slope[centre]) = root
        }
        let start = Tensor(shape: [a, 1], scalars: t0), inverseSlope = Tensor(shape: [a, 1], scalars: slope.map { 1 / $0 })
        func count(_ t: Tensor) -> Tensor { (c * sigmoid((t - r).scaled(by: 1 / tau))).sum(axis: 1, keepDims: true) }
        let t = start - (count(start) - target) * inverseSlope  // value t₀, implicit derivatives
        return Tensor.select(allIn, c, c * sigmoid((t - r).scaled(by: 1 / tau)))
    }

    /// The root t of Σ c_j σ((t − r_j)/τ) = goal and the slope there, by Newton steps kept inside
    /// a bisection bracket, to rounding level (the tensor Newton step removes the residual);
    /// nil only when no neighbour has c_j > 0.
    static func solve(_ r: [Double], _ c: [Double], goal: Double, tau: Double) -> (t: Double, slope: Double)? {
        let used = zip(r, c).filter { $0.1 > 0 }
        guard let lowest = used.map(\.0).min(), let highest = used.map(\.0).max() else { return nil }
        func f(_ t: Double) -> (value: Double, slope: Double) {
            var value = -goal, slope = 0.0
            for (rj, cj) in used {
                let s = 0.5 * (1 + Foundation.tanh(0.5 * (t - rj) / tau))
                value += cj * s
                slope += cj * s * (1 - s) / tau
            }
            return (value, slope)
        }
        let tolerance = 1e-14 * Double(used.count) * max(1, goal)
        var lo = lowest - 40 * tau, hi = highest + 40 * tau, t = 0.5 * (lo + hi), current = f(t), steps = 0
        while current.value.magnitude > tolerance && hi - lo > 4 * hi.ulp && steps < 200 {
            steps += 1
            if current.value < 0 { lo = t } else { hi = t }
            let newton = current.slope > 0 ? t - current.value / current.slope : .nan
            t = newton > lo && newton < hi ? newton : 0.5 * (lo + hi)
            current = f(t)
        }
        return current.slope > 0 ? (t, current.slope) : nil
    }
}
