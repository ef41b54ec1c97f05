import SymAtoms
import SymModel

extension ConformanceKit {
    /// Half-step δ (Å) of the paths through a rank swap or a collinearity.
    static let swapStep = 1e-5

    /// E and F across the events that selections by rank break, reported with the cutoff
    /// property: in the first cluster, neighbour Q of atom 0 moves radially through the distance of the
    /// next-nearer neighbour P (ranks 1↔2 … 7↔8: fields "E swaps", "F swaps"), and the
    /// second-nearest neighbour, placed opposite the nearest one, moves across the line through
    /// the centre and the nearest ("E collinear", "F collinear"). Each path is sampled at
    /// s = ±δ, ±3δ around the event (δ = 1e-5 Å), with Δ₋ = F(−δ) − F(−3δ), Δ₀ = F(δ) − F(−δ),
    /// Δ₊ = F(3δ) − F(δ); for a smooth model
    ///
    ///     E jump   |E(δ) − E(−δ) + δ (F_Q(δ) + F_Q(−δ))·ŝ|   (trapezoid rule: O(δ³))
    ///     F jump   max |Δ₀ − (Δ₋ + Δ₊)/2|                    (O(δ³); a jump J of F gives J)
    ///     F kink   max |Δ₊ − Δ₋|                             (O(δ²); a jump k of ∂F/∂s gives 2kδ)
    ///
    /// all vanish to rounding, while a jump of D shows as an O(1) jump of E or F ("F" reports the
    /// larger of jump and kink). Relative to max(1, |E|) and max(1, max|F|); tolerances 1e-9 (E) and
    /// 1e-6 (F), as at the cutoff.
    static func swapContinuity(_ m: DeepPotModel, _ frames: [Frame], _ rng: RandomSource) throws -> [FieldError] {
        var e = [0.0, 0.0], f = [0.0, 0.0]  // rank swaps, collinearity
        for frame in frames.filter({ $0.cell == nil }).prefix(1) {
            for path in swapPaths(frame, rcut: m.config.descriptor.rcut, rng: rng) {
                let samples = try [-3.0, -1, 1, 3].map { s -> Evaluation in
                    var moved = frame
                    for a in 0..<3 { moved.positions[3 * path.atom + a] = path.start[a] + s * swapStep * path.direction[a] }
                    return try m.evaluate(moved)
                }
                let fq = samples.map { s in (0..<3).reduce(0.0) { $0 + s.forces[3 * path.atom + $1] * path.direction[$1] } }
                let energyJump = samples[2].energy - samples[1].energy + swapStep * (fq[1] + fq[2])
                let k = path.collinear ? 1 : 0
                e[k] = max(e[k], abs(energyJump) / max(1, abs(samples[1].energy)))
                let worst = samples[0].forces.indices.reduce(0.0) { worst, i in
                    let (below, across, above) = (samples[1].forces[i] - samples[0].forces[i], samples[2].forces[i] - samples[1].forces[i],
                                                  samples[3].forces[i] - samples[2].forces[i])
                    return max(worst, abs(across - 0.5 * (below + above)), abs(above - below))
                }
                f[k] = max(f[k], worst / scale(samples[1].forces))
            }
        }
        return [FieldError(field: "E swaps", error: e[0], tolerance: 1e-9), FieldError(field: "F swaps", error: f[0], tolerance: 1e-6),
                FieldError(field: "E collinear", error: e[1], tolerance: 1e-9), FieldError(field: "F collinear", error: f[1], tolerance: 1e-6)]
    }

    /// A straight path of one atom through an event at s = 0: its index, position at s = 0 and
    /// unit direction.
    struct SwapPath {
        var atom: Int
        var start: [Double], direction: [Double]
        /// Through collinearity (else through a rank swap).
        var collinear = false
    }

    /// The rank-swap paths (up to 7) and the collinearity path of atom 0's neighbours in `frame`.
    static func swapPaths(_ frame: Frame, rcut: Double, rng: RandomSource) -> [SwapPath] {
        let p = frame.positions
        func vector(_ j: Int) -> [Double] { (0..<3).map { p[3 * j + $0] - p[$0] } }
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let neighbours = (1..<frame.atomCount).map { ($0, norm(vector($0))) }.filter { $0.1 < 0.95 * rcut }.sorted { $0.1 < $1.1 }
        var paths: [SwapPath] = []
        for i in 0..<max(0, min(neighbours.count - 1, 7)) {
            let (q, dq) = neighbours[i + 1], dp = neighbours[i].1
            let direction = vector(q).map { $0 / dq }
            paths.append(SwapPath(atom: q, start: (0..<3).map { p[$0] + dp * direction[$0] }, direction: direction))
        }
        if neighbours.count >= 2 {
            let (nearest, d1) = neighbours[0], (second, d2) = neighbours[1]
            let axis = vector(nearest).map { $0 / d1 }
            var side = rotateRows([1, 0, 0], randomRotation(rng))
            let along = zip(side, axis).reduce(0) { $0 + $1.0 * $1.1 }
            side = zip(side, axis).map { $0 - along * $1 }
            let length = norm(side)
            paths.append(SwapPath(atom: second, start: (0..<3).map { p[$0] - 0.5 * (d1 + d2) * axis[$0] },
                                  direction: side.map { $0 / length }, collinear: true))
        }
        return paths
    }
}
