import Foundation
import SymAtoms
import SymTensor
import Testing
@testable import SymLabTestKit
@testable import SymModel

/// The probe environments have the properties claimed for them, and the probes give the outcomes
/// the maths predicts for operators whose answer is known.
@Suite("Expressivity probes")
struct ExpressivityProbeTests {
    /// Cyclic subsets up to rotations and reflections of the N-gon, written out independently.
    static func dihedralForms(_ set: [Int], _ n: Int) -> Set<[Int]> {
        Set((0..<n).flatMap { shift in [1, -1].map { sign in set.map { ((sign * $0 + shift) % n + n) % n }.sorted() } })
    }

    @Test func homometricSetsShareDifferencesButAreNotCongruent() {
        for (n, a, b) in ProbeEnvironments.homometricSets {
            func differences(_ s: [Int]) -> [Int] {
                s.indices.flatMap { i in s.indices.filter { $0 > i }.map { j in min((s[j] - s[i] + n) % n, (s[i] - s[j] + n) % n) } }.sorted()
            }
            #expect(differences(a) == differences(b), "Z\(n)")
            #expect(!Self.dihedralForms(a, n).contains(b.sorted()), "Z\(n)")
        }
    }

    /// Equal (r_j, r_k, cos θ_jk) multisets, but the neighbour triangles (a four-body quantity) differ.
    @Test func degeneratePairsAreThreeBodyEqualAndFourBodyDifferent() {
        for pair in ProbeEnvironments.threeBodyDegenerate(rcut: 6) {
            #expect(ProbeEnvironments.threeBodyMultiset(pair.first) == ProbeEnvironments.threeBodyMultiset(pair.second), "\(pair.name)")
            func triangles(_ e: IsolatedEnvironment) -> [[Double]] {
                let v = e.neighbours.map(\.vector)
                func d(_ i: Int, _ j: Int) -> Double { (zip(v[i], v[j]).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() * 1e9).rounded() }
                return v.indices.flatMap { i in v.indices.filter { $0 > i }.flatMap { j in v.indices.filter { $0 > j }.map { k in [d(i, j), d(i, k), d(j, k)].sorted() } } }
                    .sorted { $0.lexicographicallyPrecedes($1) }
            }
            #expect(triangles(pair.first) != triangles(pair.second), "\(pair.name)")
        }
        let angles = ProbeEnvironments.sameDistancesOtherAngles(rcut: 6, count: 6, rng: RandomSource(seed: 1))
        func distances(_ e: IsolatedEnvironment) -> [Double] { e.neighbours.map { $0.vector.reduce(0) { $0 + $1 * $1 }.squareRoot() } }
        #expect(zip(distances(angles.first), distances(angles.second)).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(ProbeEnvironments.threeBodyMultiset(angles.first) != ProbeEnvironments.threeBodyMultiset(angles.second))
    }

    static func separations(_ rotation: String) throws -> [String: Double] {
        try ExpressivityProbes.separations(config: TestStructures.smallConfig(rotation: rotation))
    }

    /// radial-only sees distances only (fails (a) exactly), the Gram product is three-body (fails
    /// (b) to rounding) but sees angles, a descriptor without rotation invariance gets no verdict.
    @Test func outcomesThatTheMathsPredicts() throws {
        let radial = try Self.separations(RadialOnly.key), gram = try Self.separations(GramFactored.key)
        #expect(radial["angles-separated"] == 0 && radial["angles-difference"]! < 1e-14, "\(radial)")
        #expect(gram["angles-separated"] == 1 && gram["three-body-degenerate-separated"] == 0, "\(gram)")
        #expect(gram["three-body-degenerate-difference"]! < 1e-13 && gram["angles-rotated-copy"]! < 1e-13, "\(gram)")
        #expect(gram["angles-separable-pair"]! > 1e-4, "\(gram)")
        let augmented = try Self.separations(AugmentedNone.key)
        #expect(augmented["angles-separated"] == nil && augmented["angles-rotated-copy"]! > 1e-4, "\(augmented)")
    }

    /// Neighbours of the type with the most slots; a probe whose environments do not fit is left out.
    @Test func probesUseTheLargestBlockAndSkipWhatDoesNotFit() throws {
        var config = TestStructures.smallConfig()
        config.descriptor.sel = [0, 24]
        let p = try ExpressivityProbes.separations(config: config)
        #expect(p["angles-separated"] == 1 && p["three-body-degenerate-separated"] == 0, "\(p)")
        config.descriptor.sel = [4, 1]
        let small = try ExpressivityProbes.run(config: config)
        #expect(small["angles-separated"] == 1 && small["three-body-degenerate-difference"] == nil, "\(small)")
        #expect(small.keys.filter { $0.contains("width") }.isEmpty)  // no set of 8 fits 5 slots
    }

    /// Sum pooling of n scalars: at width n − 1, J = ∂p/∂r has rank exactly n − 1 (one direction
    /// along which p does not change to first order); the probe finds exactly width n (Wagstaff
    /// et al.'s bound), for n = 4 and 6.
    @Test(arguments: [4, 6])
    func sumPoolingNeedsWidthN(n: Int) throws {
        let config = TestStructures.smallConfig()
        let (j, rows, _) = try #require(try SetWidthProbe.jacobian(config, setSize: n, width: n - 1))
        #expect(rows == n - 1)
        #expect(try SetWidthProbe.separation(config, setSize: n, width: n - 1) == 0)
        #expect(try SetWidthProbe.minimalWidth(config, setSize: n, threshold: ExpressivityProbes.threshold) == n)
        // A null vector of J (rows < n) from the SVD of the square matrix padded with a zero row.
        let padded = j + [Double](repeating: 0, count: n)
        let sigma = try #require(singularValues(padded, rows: n, columns: n))
        #expect(sigma[n - 1] < 1e-14 * sigma[0] && sigma[n - 2] > 1e-10 * sigma[0], "\(sigma)")
    }
}
