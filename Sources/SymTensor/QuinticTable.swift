/// M functions of one variable stored as piecewise quintic polynomials: DeePMD-kit's tabulated
/// (compressed) embedding net. On interval k, starting at node ξ_k,
///
///     P_c(x) = Σ_{p=0…5} a[k, p, c] · t^p,     t = x − ξ_k,   ξ_k ≤ x < ξ_{k+1},   c < M
///
/// Two uniform grids: a fine one, ξ_k = x₀ + k·h₀ for k ≤ n₀ (up to x₁ = x₀ + n₀·h₀), then a
/// coarse one, ξ_{n₀+j} = x₁ + j·h₁ for j ≤ n₁ (up to the end x₂ = x₁ + n₁·h₁).
/// `hermite` fits every interval to the value, first and second derivative at both of its nodes
/// (quintic Hermite interpolation), so neighbouring intervals agree in P, P′ and P″ at their
/// shared node: the table is C², and it reproduces any polynomial of degree ≤ 5 exactly.
///
/// Outside [x₀, x₂) the table continues linearly with the value and slope of its end, as
/// DeePMD-kit 3.2.0's CPU kernel (`tabulate_fusion_se_a`) does: x < x₀ gives a[0, 0, c] +
/// a[0, 1, c]·(x − x₀), x ≥ x₂ gives P(x₂) + P′(x₂)·(x − x₂), with P, P′ of the last interval at
/// its end. So P is C¹ across x₀ and x₂, its first derivative is that slope and higher ones are 0
/// there. (Older DeePMD-kit releases held the first or last interval's start value instead.)
/// A NaN input gives NaN.
public struct QuinticTable: Equatable, Sendable {
    /// x₀, the first node.
    public let start: Double
    /// h₀, the fine stride.
    public let fineStride: Double
    /// n₀, intervals of the fine grid.
    public let fineIntervals: Int
    /// h₁, the coarse stride.
    public let coarseStride: Double
    /// n₁, intervals of the coarse grid (0: no coarse grid).
    public let coarseIntervals: Int
    /// M, functions (output channels).
    public let width: Int
    /// a, [K, 6, M] row-major with K = n₀ + n₁: a[k, p, c] at (6k + p)·M + c.
    public let coefficients: [Double]

    /// Creates a table from its coefficients.
    public init(start: Double, fineStride: Double, fineIntervals: Int, coarseStride: Double, coarseIntervals: Int,
                width: Int, coefficients: [Double]) {
        precondition(fineIntervals >= 1 && coarseIntervals >= 0 && width >= 1, "QuinticTable: needs a fine interval and a channel")
        precondition(fineStride > 0 && coarseStride > 0, "QuinticTable: strides must be positive")
        precondition(coefficients.count == (fineIntervals + coarseIntervals) * 6 * width,
                     "QuinticTable: \(coefficients.count) coefficients for \(fineIntervals + coarseIntervals) intervals of \(width) channels")
        self.start = start
        self.fineStride = fineStride
        self.fineIntervals = fineIntervals
        self.coarseStride = coarseStride
        self.coarseIntervals = coarseIntervals
        self.width = width
        self.coefficients = coefficients
    }

    /// K = n₀ + n₁ intervals.
    public var intervals: Int { fineIntervals + coarseIntervals }
    /// x₁ = x₀ + n₀·h₀, where the coarse grid starts.
    public var fineEnd: Double { start + Double(fineIntervals) * fineStride }
    /// x₂ = x₁ + n₁·h₁, the end of the table.
    public var end: Double { fineEnd + Double(coarseIntervals) * coarseStride }

    /// Node ξ_k, 0 ≤ k ≤ K.
    public func node(_ k: Int) -> Double {
        k <= fineIntervals ? start + Double(k) * fineStride : fineEnd + Double(k - fineIntervals) * coarseStride
    }

    /// The K + 1 nodes ξ_0 … ξ_K.
    public var nodes: [Double] { (0...intervals).map(node) }

    /// The grid alone (no coefficients), for the lookup kernels.
    var grid: Grid {
        Grid(start: start, fineStride: fineStride, fineIntervals: fineIntervals, coarseStride: coarseStride,
             coarseIntervals: coarseIntervals, width: width)
    }

    /// d^order P_c / dx^order at x for every channel c (order ≥ 0; 0 beyond order 5).
    public func evaluate(_ x: Double, derivative order: Int = 0) -> [Double] {
        var out = [Double](repeating: 0, count: width)
        coefficients.withUnsafeBufferPointer { a in
            out.withUnsafeMutableBufferPointer { o in grid.row(x, order: order, a.baseAddress!, into: o.baseAddress!) }
        }
        return out
    }

    /// A table's grid and width: what the lookup needs besides the coefficients.
    struct Grid {
        let start: Double, fineStride: Double, fineIntervals: Int, coarseStride: Double, coarseIntervals: Int, width: Int

        /// Where x falls: inside interval k at offset t = x − ξ_k, or below x₀ / beyond x₂ by t.
        enum Place { case inside, below, beyond }

        /// The interval k of x, the offset t from its start (inside), or the distance t past the
        /// end of the table (below: t = x − x₀ < 0, beyond: t = x − x₂ ≥ 0).
        @inline(__always)
        func locate(_ x: Double) -> (k: Int, t: Double, place: Place) {
            if x.isNaN { return (0, x, .inside) }
            if x < start { return (0, x - start, .below) }
            let x1 = start + Double(fineIntervals) * fineStride, x2 = x1 + Double(coarseIntervals) * coarseStride
            if x < x1 {
                let k = min(Int((x - start) / fineStride), fineIntervals - 1)
                return (k, x - (Double(k) * fineStride + start), .inside)
            }
            if x < x2 {
                let j = min(Int((x - x1) / coarseStride), coarseIntervals - 1)
                return (fineIntervals + j, x - (Double(j) * coarseStride + x1), .inside)
            }
            return (fineIntervals + coarseIntervals - 1, x - x2, .beyond)
        }

        /// Writes d^order P / dx^order at x for the M channels into `out` (`a`: the coefficients).
        @inline(__always)
        func row(_ x: Double, order: Int, _ a: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
            let m = width, (k, t, place) = locate(x)
            let b = a + 6 * m * k
            switch (place, order) {
            case (_, 6...), (.below, 2...), (.beyond, 2...):
                out.update(repeating: 0, count: m)
            case (.below, 0):
                for c in 0..<m { out[c] = b[c] + b[m + c] * t }
            case (.below, _):
                out.update(from: b + m, count: m)
            case (.beyond, _):
                // P(x₂) + P′(x₂)·t, or P′(x₂), from the last interval at its end h
                let h = coarseIntervals > 0 ? coarseStride : fineStride
                for c in 0..<m {
                    let slope = b[m + c] + h * (2 * b[2 * m + c] + h * (3 * b[3 * m + c] + h * (4 * b[4 * m + c] + h * 5 * b[5 * m + c])))
                    let value = b[c] + h * (b[m + c] + h * (b[2 * m + c] + h * (b[3 * m + c] + h * (b[4 * m + c] + h * b[5 * m + c]))))
                    out[c] = order == 0 ? value + slope * t : slope
                }
            case (.inside, 0), (.inside, 1):
                Self.horner(b, m, t, order: order, into: out)
            case (.inside, _):
                // Σ_{p ≥ order} p!/(p − order)! · a_p · t^(p − order), by Horner from p = 5 down.
                for c in 0..<m {
                    var y = 0.0
                    for p in stride(from: 5, through: order, by: -1) {
                        var factor = 1.0
                        for q in 0..<order { factor *= Double(p - q) }
                        y = y * t + factor * b[p * m + c]
                    }
                    out[c] = y
                }
            }
        }
    }

    /// The quintic Hermite table through the nodes of the given grid: `values`, `first` and
    /// `second` hold P, P′ and P″ at the K + 1 nodes, each [K + 1, M] row-major. On an interval of
    /// width h with Δ = P(ξ_{k+1}) − P(ξ_k) and derivatives d, s at its start and d⁺, s⁺ at its end
    /// (DeePMD-kit's `_build_lower`):
    ///
    ///     a₀ = P,  a₁ = d,  a₂ = s/2
    ///     a₃ = (20Δ − (8d⁺ + 12d)h − (3s − s⁺)h²) / 2h³
    ///     a₄ = (−30Δ + (14d⁺ + 16d)h + (3s − 2s⁺)h²) / 2h⁴
    ///     a₅ = (12Δ − 6(d⁺ + d)h + (s⁺ − s)h²) / 2h⁵
    public static func hermite(start: Double, fineStride: Double, fineIntervals: Int, coarseStride: Double, coarseIntervals: Int,
                               width m: Int, values: [Double], first: [Double], second: [Double]) -> QuinticTable {
        let intervals = fineIntervals + coarseIntervals
        precondition([values.count, first.count, second.count].allSatisfy { $0 == (intervals + 1) * m },
                     "QuinticTable.hermite: node data must be [\(intervals + 1), \(m)]")
        var a = [Double](repeating: 0, count: intervals * 6 * m)
        for k in 0..<intervals {
            let h = k < fineIntervals ? fineStride : coarseStride, base = 6 * m * k
            for c in 0..<m {
                let (v0, v1) = (values[k * m + c], values[(k + 1) * m + c])
                let (d0, d1) = (first[k * m + c], first[(k + 1) * m + c])
                let (s0, s1) = (second[k * m + c], second[(k + 1) * m + c])
                let dv = v1 - v0
                a[base + c] = v0
                a[base + m + c] = d0
                a[base + 2 * m + c] = 0.5 * s0
                a[base + 3 * m + c] = (1 / (2 * h * h * h)) * (20 * dv - (8 * d1 + 12 * d0) * h - (3 * s0 - s1) * h * h)
                a[base + 4 * m + c] = (1 / (2 * h * h * h * h)) * (-30 * dv + (14 * d1 + 16 * d0) * h + (3 * s0 - 2 * s1) * h * h)
                a[base + 5 * m + c] = (1 / (2 * h * h * h * h * h)) * (12 * dv - 6 * (d1 + d0) * h + (s1 - s0) * h * h)
            }
        }
        return QuinticTable(start: start, fineStride: fineStride, fineIntervals: fineIntervals, coarseStride: coarseStride,
                            coarseIntervals: coarseIntervals, width: m, coefficients: a)
    }
}
