import SymTensor

/// `local-frame`: coordinates in a frame built from each centre's two nearest neighbours a, b
/// (spec §12.1, the original DeepPot / DPMD 2018 construction), applied to the pooled rows:
///
///     e1 = r̂_ia,   e2 = normalise(r_ib − (r_ib·e1) e1),   e3 = e1 × e2,   E = [e1; e2; e3]
///     T' = [T[:, 0],  T[:, 1:4] Eᵀ]   (the vector columns expressed in the frame)
///     D = flatten(T')
///
/// Shapes: T [A, rows, 4], E [A, 3, 3] → D [A, rows·4]. E rotates with the structure (it is
/// built from pair vectors, e3 by the right-hand rule), so T' is invariant under proper
/// rotations; D is linear in T and keeps everything T holds, angles between all neighbour pairs
/// included. Centres with one neighbour use any e2 ⊥ e1 (their T[:, 1:4] is parallel to e1, so
/// the choice does not matter); centres without neighbours use E = I (T[:, 1:4] = 0).
/// Cost per centre: 5 FLOPs per slot (squared distances for the selection), ~40 for E and
/// 2·rows·3·3 for the projection.
///
/// Why DeepPot-SE replaced it (spec §12.1): D jumps when the identity of the two nearest
/// neighbours changes (a distance-rank swap) and when a and b pass through collinearity with
/// the centre (e2 flips sign). Declared approximate (`cutoff`: continuity); `symlab check`
/// measures the jumps.
/// The frame neighbours are the nearest of any type. Continuity at r_c holds: the frame's own
/// neighbours are the nearest, and a frame neighbour leaving r_c takes its own term to zero.
///
/// Reference: Zhang, Han, Wang, Car, E, "Deep potential molecular dynamics", PRL 120, 143001
/// (2018). Deviations: the frame acts on the pooled T of P_s instead of on every neighbour's
/// coordinates (the same thing for the linear deepsets-sum), and exactly collinear a, b fall
/// back to the one-neighbour frame.
public struct LocalFrame: RotationOperator {
    public static let key = "local-frame"
    public static let summary = "coordinates of T in a frame from the 2 nearest neighbours (DPMD 2018), O(N); jumps at rank swaps"
    public static let approximateProperties: [ConformanceProperty: String] = [
        .cutoffContinuity: "the frame jumps when its two nearest neighbours change rank or pass through collinearity (r_c itself is smooth)",
    ]

    public init(_ settings: StageSettings) throws {}

    /// Squared distances for the selection (5 per slot), the frame (~40) and T[:, 1:4] Eᵀ.
    public static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double {
        5 * Double(s.nnei) + 40 + FlopCount.matmul(pooledRows, 3, 3)
    }

    public func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec {
        FieldSpec("descriptor", [pooledRows * 4], .invariant)
    }

    public func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor {
        let a = pooled.shape[0], rows = pooled.shape[1]
        let frame = Self.frames(set)  // [A, 3, 3]
        let vector = Tensor.batchedMatmul(pooled.slice(axis: 2, 1..<4), frame, transposeB: true)  // [A, rows, 3]
        return Tensor.concat([pooled.slice(axis: 2, 0..<1), vector], axis: 2).reshaped([a, rows * 4])
    }

    /// The frames E [A, 3, 3] (rows e1, e2, e3), differentiable through the two pair vectors.
    static func frames(_ set: NeighbourSet) -> Tensor {
        let b = set.batch, n = b.nnei, a = b.rows
        let nearest = set.nearestSlots(2)
        // Centres without a neighbour read slot 0 and are replaced by E = I below.
        let ra = b.rij.gather(rows: (0..<a).map { $0 * n + (nearest[$0].first ?? 0) })
        let e1 = Vectors.normalised(ra)
        let rb = b.rij.gather(rows: (0..<a).map { $0 * n + (nearest[$0].count > 1 ? nearest[$0][1] : 0) })
        // Where b is missing or exactly collinear with a, a fixed axis far from e1 replaces r_ib.
        let r = rb.scalars, u = e1.scalars
        var useAxis = [Bool](repeating: false, count: 3 * a), axis = [Double](repeating: 0, count: 3 * a)
        for c in 0..<a {
            let p = (0..<3).map { r[3 * c + $0] }, e = (0..<3).map { u[3 * c + $0] }
            let along = zip(p, e).reduce(0) { $0 + $1.0 * $1.1 }
            let perpendicular = zip(p, e).map { $0 - along * $1 }.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard nearest[c].count < 2 || perpendicular <= 1e-12 * max(1, along.magnitude) else { continue }
            let k = (0..<3).min { e[$0].magnitude < e[$1].magnitude }!
            for d in 0..<3 { useAxis[3 * c + d] = true }
            axis[3 * c + k] = 1
        }
        let other = Tensor.select(useAxis, Tensor(shape: [a, 3], scalars: axis), rb)
        let e2 = Vectors.normalised(other - e1 * Vectors.dot(other, e1))
        let e = Tensor.concat([e1, e2, Vectors.cross(e1, e2)], axis: 1)  // [A, 9]
        let identity = [1.0, 0, 0, 0, 1, 0, 0, 0, 1]
        let lonely = (0..<a).flatMap { c in [Bool](repeating: nearest[c].isEmpty, count: 9) }
        return Tensor.select(lonely, Tensor(shape: [a, 9], scalars: (0..<a).flatMap { _ in identity }), e).reshaped([a, 3, 3])
    }
}
