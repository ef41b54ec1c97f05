import CGSL
import Foundation
import Testing
@testable import SymAtoms

/// Kolmogorov–Smirnov test of a sample against a continuous CDF: statistic D = sup |F_n − F| and the
/// asymptotic p-value Q_KS(λ), λ = (√n + 0.12 + 0.11/√n)·D (Stephens' small-sample correction).
enum KolmogorovSmirnov {
    /// Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²λ²); 1 for λ so small that the series does not converge.
    static func q(_ lambda: Double) -> Double {
        guard lambda > 0.2 else { return 1 }
        var sum = 0.0, sign = 1.0
        for k in 1...200 {
            let term = sign * 2 * exp(-2 * Double(k * k) * lambda * lambda)
            sum += term
            if abs(term) < 1e-16 * abs(sum) { break }
            sign = -sign
        }
        return min(max(sum, 0), 1)
    }

    /// (D, p) for `sample` against `cdf`; the sample is sorted with GSL.
    static func test(_ sample: [Double], cdf: (Double) -> Double) -> (d: Double, p: Double) {
        var sorted = sample
        sorted.withUnsafeMutableBufferPointer { gsl_sort($0.baseAddress, 1, $0.count) }
        let n = Double(sorted.count)
        var d = 0.0
        for (i, x) in sorted.enumerated() {
            let f = cdf(x)
            d = max(d, Double(i + 1) / n - f, f - Double(i) / n)
        }
        let lambda = (n.squareRoot() + 0.12 + 0.11 / n.squareRoot()) * d
        return (d, q(lambda))
    }
}

/// Rotation angle θ ∈ [0, π] of R from trace R = 1 + 2 cos θ.
func rotationAngle(_ r: [Double]) -> Double { acos(min(1, max(-1, (r[0] + r[4] + r[8] - 1) / 2))) }

/// Haar measure on SO(3): θ has CDF F(θ) = (θ − sin θ)/π on [0, π].
func haarAngleCDF(_ theta: Double) -> Double { (theta - sin(theta)) / .pi }

@Suite struct RotationsTests {
    @Test func rotationsAreProper() {
        let rng = RandomSource(seed: 1)
        for _ in 0..<200 {
            let r = randomRotation(rng)
            #expect(abs(DenseLinearAlgebra.determinant3(r) - 1) < 1e-12)
            for i in 0..<3 {
                for j in 0..<3 {
                    let dot = (0..<3).reduce(0.0) { $0 + r[3 * i + $1] * r[3 * j + $1] }
                    #expect(abs(dot - (i == j ? 1 : 0)) < 1e-12)
                }
            }
        }
    }

    @Test func kolmogorovTailMatchesTabulatedCriticalValues() {
        // Textbook critical values of the Kolmogorov distribution: P(K > 1.358) ≈ 0.05, P(K > 1.628) ≈ 0.01.
        #expect(abs(KolmogorovSmirnov.q(1.358) - 0.05) < 1e-3)
        #expect(abs(KolmogorovSmirnov.q(1.628) - 0.01) < 1e-3)
        #expect(KolmogorovSmirnov.q(0.1) == 1)
    }

    @Test func rotationAnglesFollowTheHaarDistribution() {
        let rng = RandomSource(seed: 2024)
        let angles = (0..<4000).map { _ in rotationAngle(randomRotation(rng)) }
        let (d, p) = KolmogorovSmirnov.test(angles, cdf: haarAngleCDF)
        #expect(p > 0.01, "KS D = \(d), p = \(p)")
    }

    @Test func theKolmogorovSmirnovCheckRejectsANonHaarSampler() {
        // Euler angles drawn uniformly (β uniform instead of cos β uniform) are not Haar.
        let rng = RandomSource(seed: 2024)
        func axis(_ k: Int, _ t: Double) -> [Double] {
            let (c, s) = (cos(t), sin(t))
            return k == 2 ? [c, -s, 0, s, c, 0, 0, 0, 1] : [c, 0, s, 0, 1, 0, -s, 0, c]
        }
        let angles = (0..<4000).map { _ -> Double in
            let (a, b, g) = (rng.uniform(0, 2 * .pi), rng.uniform(0, .pi), rng.uniform(0, 2 * .pi))
            let ab = DenseLinearAlgebra.multiply(axis(2, a), rows: 3, inner: 3, axis(1, b), columns: 3)
            return rotationAngle(DenseLinearAlgebra.multiply(ab, rows: 3, inner: 3, axis(2, g), columns: 3))
        }
        let (d, p) = KolmogorovSmirnov.test(angles, cdf: haarAngleCDF)
        #expect(p < 1e-6, "KS D = \(d), p = \(p)")
    }

    @Test func rotatedFramesKeepDistancesAndRotateTensors() throws {
        let rng = RandomSource(seed: 8)
        let cell = randomTriclinicCell(rng)
        var frame = randomPeriodicFrame(rng, atoms: 10, typeCount: 2, cell: cell)
        frame.energy = -3.5
        frame.forces = (0..<30).map { _ in rng.gaussian() }
        frame.virial = (0..<9).map { _ in rng.gaussian() }
        let r = randomRotation(rng)
        let turned = rotated(frame, by: r)
        #expect(turned.energy == frame.energy && turned.types == frame.types)
        func pairDistance(_ f: Frame, _ i: Int, _ j: Int) -> Double {
            (0..<3).reduce(0.0) { $0 + pow(f.positions[3 * i + $1] - f.positions[3 * j + $1], 2) }.squareRoot()
        }
        for i in 0..<10 { for j in 0..<10 { #expect(abs(pairDistance(frame, i, j) - pairDistance(turned, i, j)) < 1e-12) } }
        // Every vector v (position, force, cell row) becomes R·v.
        for (before, after) in [(frame.positions, turned.positions), (frame.forces!, turned.forces!), (cell, turned.cell!)] {
            for row in 0..<(before.count / 3) {
                for a in 0..<3 {
                    let expected = (0..<3).reduce(0.0) { $0 + r[3 * a + $1] * before[3 * row + $1] }
                    #expect(abs(after[3 * row + a] - expected) < 1e-12)
                }
            }
        }
        // W'_ab = Σ_cd R_ac W_cd R_bd, written out index by index.
        let w = frame.virial!, w2 = turned.virial!
        for a in 0..<3 {
            for b in 0..<3 {
                var expected = 0.0
                for c in 0..<3 { for d in 0..<3 { expected += r[3 * a + c] * w[3 * c + d] * r[3 * b + d] } }
                #expect(abs(w2[3 * a + b] - expected) < 1e-12)
            }
        }
        #expect(abs((w[0] + w[4] + w[8]) - (w2[0] + w2[4] + w2[8])) < 1e-12)
        // The periodic neighbour structure is rotation invariant: same owners, images and distances.
        let sel = try fittingSel(frame, rcut: 4, typeCount: 2, typeBlocks: true)
        let before = try NeighbourList.build(frame: frame, rcut: 4, sel: sel, typeCount: 2)
        let after = try NeighbourList.build(frame: turned, rcut: 4, sel: sel, typeCount: 2)
        #expect(zip(before.distance, after.distance).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(before.neighbour.filter { $0 >= 0 }.count == after.neighbour.filter { $0 >= 0 }.count)
    }

    @Test func translationMovesPositionsOnly() throws {
        let rng = RandomSource(seed: 9)
        let frame = randomPeriodicFrame(rng, atoms: 6, typeCount: 1, cell: randomTriclinicCell(rng))
        let moved = translated(frame, by: [10.5, -3, 0.25])
        #expect(moved.cell == frame.cell && moved.types == frame.types)
        for i in 0..<6 {
            for (k, t) in [10.5, -3, 0.25].enumerated() { #expect(moved.positions[3 * i + k] == frame.positions[3 * i + k] + t) }
        }
        let a = try NeighbourList.build(frame: frame, rcut: 3, sel: [200], typeCount: 1)
        let b = try NeighbourList.build(frame: moved, rcut: 3, sel: [200], typeCount: 1)
        #expect(zip(a.distance, b.distance).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test func sameTypePermutationsKeepTypesAndAreUniform() {
        let rng = RandomSource(seed: 10)
        let types = [0, 1, 0, 1, 0, 2]
        let frame = Frame(types: types, positions: (0..<18).map(Double.init), forces: (0..<18).map { -Double($0) })
        var arrivals = [Int](repeating: 0, count: 6)   // how often atom k lands on slot 0
        for _ in 0..<600 {
            let p = randomSameTypePermutation(types: types, rng: rng)
            #expect(p.sorted() == Array(0..<6))
            #expect(p.indices.allSatisfy { types[p[$0]] == types[$0] })
            let permuted = permutedSameType(frame, permutation: p)
            #expect(permuted.types == types)
            for k in 0..<6 {
                #expect(Array(permuted.positions[(3 * k)..<(3 * k + 3)]) == Array(frame.positions[(3 * p[k])..<(3 * p[k] + 3)]))
                #expect(Array(permuted.forces![(3 * k)..<(3 * k + 3)]) == Array(frame.forces![(3 * p[k])..<(3 * p[k] + 3)]))
            }
            arrivals[p[0]] += 1
        }
        // Slot 0 (type 0) receives atoms 0, 2, 4 about 200 times each; never an atom of another type.
        #expect(arrivals[1] == 0 && arrivals[3] == 0 && arrivals[5] == 0)
        #expect([0, 2, 4].allSatisfy { arrivals[$0] > 150 && arrivals[$0] < 250 }, "\(arrivals)")
    }
}
