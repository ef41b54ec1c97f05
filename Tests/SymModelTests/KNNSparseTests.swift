import Foundation
import SymAtoms
import SymLabTestKit
import SymTensor
import Testing
@testable import SymModel

/// knn-sparse against a loop oracle, its selection, and the kit's swap check catching selections
/// that are not smooth.
@Suite("knn-sparse")
struct KNNSparseTests {
    /// A kit model (non-trivial statistics) with knn-sparse and `options`.
    static func model(_ options: OptionValues) throws -> DeepPotModel {
        try TestStructures.model(TestStructures.smallConfig(rotation: KNNSparse.key, rotationOptions: options))
    }

    /// σ, the count target and the threshold by plain bisection (independent of `SoftNearest`).
    static func oracleWeights(_ r: [Double], _ c: [Double], k: Double, tau: Double) -> [Double] {
        func sigma(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        func softplus(_ z: Double) -> Double { log(1 + exp(z)) }
        let x = c.reduce(0, +), goal = x - (softplus(2 * (x - k)) - softplus(-2 * k)) / 2
        if x == 0 || x - goal <= 1e-12 * x { return c }
        var lo = -100.0, hi = 100.0
        for _ in 0..<300 {
            let t = 0.5 * (lo + hi)
            if zip(r, c).reduce(0, { $0 + $1.1 * sigma((t - $1.0) / tau) }) < goal { lo = t } else { hi = t }
        }
        return zip(r, c).map { $0.1 * sigma((0.5 * (lo + hi) - $0.0) / tau) }
    }

    @Test(arguments: [(2, 0.05), (3, 0.3), (40, 0.1)])
    func descriptorMatchesLoopOracle(k: Int, width: Double) throws {
        let model = try Self.model(["k": .int(k), "width": .number(width)])
        let frame = TestStructures.periodicFrame(RandomSource(seed: 31))
        let set = model.neighbourSet(try model.batch(for: frame))
        let (pooled, d) = model.stageOutputs(set)
        let n = model.nnei, m1 = 8, m2 = 3, rows = pooled.shape[1], dim = m1 * m2 + rows
        let r = set.distances.scalars, c = set.switchWeight.scalars, g = set.embedding.scalars, env = set.env.scalars
        var worst = 0.0
        for centre in 0..<set.batch.rows {
            let slots = (centre * n)..<((centre + 1) * n)
            let alpha = Self.oracleWeights(Array(r[slots]), Array(c[slots]), k: Double(k), tau: width)
            var t = [Double](repeating: 0, count: m1 * 4)
            for (j, s) in slots.enumerated() {
                for a in 0..<m1 { for col in 0..<4 { t[4 * a + col] += alpha[j] * g[s * m1 + a] * env[4 * s + col] / Double(k) } }
            }
            var expected = (0..<(m1 * m2)).map { ab in (0..<4).reduce(0.0) { $0 + t[4 * (ab / m2) + $1] * t[4 * (ab % m2) + $1] } }
            expected += (0..<rows).map { pooled.scalars[(centre * rows + $0) * 4] }
            let got = Array(d.scalars[(centre * dim)..<((centre + 1) * dim)])
            worst = max(worst, FixtureCheck.relativeError(got, expected))
        }
        #expect(worst < 1e-10, "relative error \(worst)")
    }

    /// Well separated distances: the k nearest are in (α ≈ 1), the far ones out, Σα = g(x).
    @Test func selectsTheNearestK() {
        let r = Tensor(shape: [1, 6], scalars: [1.0, 1.5, 2.0, 2.5, 3.0, 3.5]), c = Tensor.ones([1, 6])
        let alpha = SoftNearest.weights(distances: r, switchWeights: c, k: 3, width: 0.05).scalars
        #expect(alpha[0] > 0.999 && alpha[1] > 0.999 && alpha[2] > 0.99, "\(alpha)")
        #expect(alpha[4] < 1e-6 && alpha[5] < 1e-6, "\(alpha)")
        let goal = Self.oracleWeights([1.0, 1.5, 2.0, 2.5, 3.0, 3.5], [Double](repeating: 1, count: 6), k: 3, tau: 0.05).reduce(0, +)
        #expect(abs(alpha.reduce(0, +) - goal) < 1e-12)
    }

    /// The selection's distance derivatives are the implicit ones: d(Σ_j α_j v_j)/dr against
    /// central differences of the same sum.
    @Test func selectionGradientIsImplicitDerivative() {
        let base = [1.0, 1.2, 1.25, 1.7, 2.1, 2.6], c = Tensor(shape: [1, 6], scalars: [1, 1, 0.9, 0.8, 0.5, 0.1])
        let v = Tensor(shape: [1, 6], scalars: [0.3, -1.1, 0.7, 2.0, -0.4, 1.3])
        func value(_ r: [Double]) -> Double {
            (SoftNearest.weights(distances: Tensor(shape: [1, 6], scalars: r), switchWeights: c, k: 2, width: 0.2) * v).sum().scalar
        }
        let r = Tensor.variable(shape: [1, 6], scalars: base)
        let analytic = gradients(of: (SoftNearest.weights(distances: r, switchWeights: c, k: 2, width: 0.2) * v).sum(), withRespectTo: [r])[0]
        for j in 0..<6 {
            var plus = base, minus = base
            plus[j] += 1e-6
            minus[j] -= 1e-6
            let numeric = (value(plus) - value(minus)) / 2e-6
            #expect(abs(numeric - analytic.scalars[j]) < 1e-7 * max(1, abs(numeric)), "slot \(j): \(numeric) vs \(analytic.scalars[j])")
        }
    }

    /// A hard top-k selection makes E jump at a rank swap; a term |r₍₂₎ − r₍₁₎| keeps E continuous
    /// but makes F jump; a threshold at the third distance keeps F continuous but kinked. The kit's
    /// continuity check fails all three, each in the field that measures it.
    @Test(arguments: [HardNearest.key, NearestGap.key, OrderStatisticNearest.key])
    func nonSmoothSelectionsAreCaught(_ key: String) throws {
        let broken: [String: any RotationOperator.Type] = [HardNearest.key: HardNearest.self, NearestGap.key: NearestGap.self,
                                                             OrderStatisticNearest.key: OrderStatisticNearest.self]
        let report = try ConformanceKit.check(config: TestStructures.smallConfig(), rotationOperator: broken[key]!, trials: 1)
        let swap = try #require(report.result(.cutoffContinuity))
        #expect(!swap.passed, "\(swap.summary)")
        func error(_ field: String) -> Double { swap.fieldErrors.first { $0.field == field }!.error }
        if key == HardNearest.key { #expect(error("E swaps") > 1e-5, "\(swap.summary)") }
        else { #expect(error("E swaps") < 1e-9 && error("F swaps") > 1e-5, "\(swap.summary)") }
        #expect(report.result(.rotation)?.passed == true)
    }
}

/// A deliberately broken rotation operator (tests only): no cost, D of M1·3 values by default.
protocol BrokenRotation: RotationOperator { init() }

extension BrokenRotation {
    init(_ settings: StageSettings) throws { self.init() }
    static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double { 0 }
    func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec { FieldSpec("descriptor", [settings.embeddingWidth * 3], .invariant) }

    /// The Gram product of (G ⊙ α)ᵀ R̃ for per-slot weights α [A, nnei].
    static func weightedGram(_ set: NeighbourSet, _ alpha: Tensor) -> Tensor {
        let a = set.batch.rows, n = set.batch.nnei
        return GramFactored.gram(Tensor.batchedMatmul(set.embedding * alpha.reshaped([a, n, 1]), set.env, transposeA: true), axis: 3)
    }
}

/// BROKEN: the Gram product over exactly the 2 nearest neighbours (hard top-k).
struct HardNearest: BrokenRotation {
    static let key = "broken-hard-nearest"
    static let summary = "BROKEN: hard top-2 selection"
    func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor {
        let nearest = set.nearestSlots(2), n = set.batch.nnei, a = set.batch.rows
        return Self.weightedGram(set, Tensor(shape: [a, n], scalars: (0..<a).flatMap { c in (0..<n).map { nearest[c].contains($0) ? 1.0 : 0.0 } }))
    }
}

/// BROKEN: gram-factored plus the gap r₍₂₎ − r₍₁₎ between the two nearest distances, which is
/// continuous but has a kink (|r_a − r_b|) where they swap: E is continuous, F jumps.
struct NearestGap: BrokenRotation {
    static let key = "broken-nearest-gap"
    static let summary = "BROKEN: distance gap of the two nearest"
    func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec { FieldSpec("descriptor", [pooledRows * 3 + 1], .invariant) }
    func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor {
        let nearest = set.nearestSlots(2), n = set.batch.nnei, a = set.batch.rows, r = set.distances.reshaped([a * n, 1])
        func pick(_ k: Int) -> Tensor { r.gather(rows: (0..<a).map { $0 * n + (nearest[$0].count > k ? nearest[$0][k] : 0) }) }
        return Tensor.concat([GramFactored.gram(pooled, axis: 3), pick(1) - pick(0)], axis: 1)
    }
}

/// BROKEN: α_j = c_j σ((r₍₃₎ − r_j)/τ) with r₍₃₎ the third-smallest distance: continuous, but its
/// derivative jumps where the ranks around 3 swap.
struct OrderStatisticNearest: BrokenRotation {
    static let key = "broken-order-statistic"
    static let summary = "BROKEN: threshold at the third distance"
    func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor {
        let nearest = set.nearestSlots(3), n = set.batch.nnei, a = set.batch.rows, r = set.distances
        let third = r.reshaped([a * n, 1]).gather(rows: (0..<a).map { $0 * n + (nearest[$0].last ?? 0) }).reshaped([a, 1])
        return Self.weightedGram(set, set.switchWeight * SoftNearest.sigmoid((third - r).scaled(by: 1 / 0.3)))
    }
}
