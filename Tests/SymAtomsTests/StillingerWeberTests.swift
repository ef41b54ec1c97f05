import Foundation
import Testing
@testable import SymAtoms

/// A random distorted periodic test system: 8-atom cubic diamond (a = 5.431 Å), cell sheared and
/// stretched by a random non-symmetric matrix (components up to ±0.06), atoms displaced by
/// N(0, 0.12 Å). Small enough for many finite differences in a debug build; the cell is shorter
/// than 2 r_c so images (including self-images) matter.
func distortedDiamond(seed: UInt64) -> (positions: [Double], cell: [Double]) {
    let random = RandomSource(seed: seed)
    let (perfect, cubic) = diamondSupercell(latticeConstant: 5.431, repeats: 1)
    var deformation = [Double](repeating: 0, count: 9)
    for k in 0..<9 { deformation[k] = random.uniform(-0.06, 0.06) }
    let cell = applyStrain(deformation, to: cubic)
    let positions = applyStrain(deformation, to: perfect).map { $0 + random.gaussian(sigma: 0.12) }
    return (positions, cell)
}

/// A non-periodic 7-atom cluster: a perturbed tetrahedral SiSi₄ unit plus two atoms placed with
/// bonds 0.12 Å and 0.3 Å inside the cutoff (where the smooth cutoff factors are small but the
/// forces still matter).
func smallCluster(seed: UInt64) -> [Double] {
    let random = RandomSource(seed: seed)
    let d = 2.35 / 3.0.squareRoot()
    var p: [Double] = [0, 0, 0, d, d, d, -d, -d, d, -d, d, -d, d, -d, -d]
    p = p.map { $0 + random.gaussian(sigma: 0.1) }
    let rc = StillingerWeberParameters.silicon.cutoff
    // Beyond atom 1 along (1, 1, 1) and beyond atom 2 along (−1, −1, 1), near the cutoff of their bond.
    let u = 1 / 3.0.squareRoot()
    let far1 = rc - 0.12, far2 = rc - 0.3
    p += [p[3] + far1 * u, p[4] + far1 * u, p[5] + far1 * u]
    p += [p[6] - far2 * u, p[7] - far2 * u, p[8] + far2 * u]
    return p
}

/// Max over components of |analytic − numeric| / (1e-7 + 1e-6 |numeric|); ≤ 1 passes.
func scaledError(_ analytic: [Double], _ numeric: [Double]) -> Double {
    zip(analytic, numeric).map { abs($0 - $1) / (1e-7 + 1e-6 * abs($1)) }.max() ?? 0
}

/// Central finite differences −∂E/∂r of `potential` with step h.
func finiteDifferenceForces(_ potential: some ClassicalPotential, _ positions: [Double], _ cell: [Double]?,
                            h: Double = 1e-5) -> [Double] {
    (0..<positions.count).map { k in
        var plus = positions, minus = positions
        plus[k] += h
        minus[k] -= h
        return -(potential.energy(positions: plus, cell: cell) - potential.energy(positions: minus, cell: cell))
            / (2 * h)
    }
}

@Suite("Stillinger-Weber silicon")
struct StillingerWeberTests {
    let sw = StillingerWeber()
    let P = StillingerWeberParameters.silicon

    @Test("published parameters and cutoff aσ = 3.77118 Å")
    func parameters() {
        #expect(abs(P.cutoff - 3.77118) < 1e-5)
        #expect(P.epsilon == 2.1683 && P.sigma == 2.0951 && P.lambda == 21 && P.gamma == 1.2)
        #expect(P.bigA == 7.049556277 && P.bigB == 0.6022245584 && P.p == 4 && P.q == 0)
        #expect(abs(P.cosTheta0 + 1.0 / 3.0) < 1e-15)
    }

    @Test("φ2 has its minimum −ε at r = 2^{1/6} σ (how SW chose A and B)")
    func pairMinimum() {
        let r0 = pow(2, 1.0 / 6.0) * P.sigma
        let (value, derivative) = sw.pairTerm(r0)
        #expect(abs(value + P.epsilon) < 1e-4 * P.epsilon)
        #expect(abs(derivative) < 1e-4)   // eV/Å; a 1 % change of r changes φ2' by ≈ 0.8 eV/Å
        #expect(sw.pairTerm(r0 * 0.99).derivative < -0.1 && sw.pairTerm(r0 * 1.01).derivative > 0.1)
    }

    @Test("diamond at a0 = 5.431 Å: E = −2ε = −4.3366 eV/atom in cubic, supercell and primitive cells")
    func cohesiveEnergy() {
        let a0 = 5.431
        for n in [1, 2] {
            let (positions, cell) = diamondSupercell(latticeConstant: a0, repeats: n)
            let e = sw.energy(positions: positions, cell: cell) / Double(positions.count / 3)
            #expect(abs(e - -4.3366) < 2e-4, "\(n)×\(n)×\(n) supercell: \(e) eV/atom")
        }
        // Two-atom fcc primitive cell (triclinic rows, face distance a0/√3 < r_c: two image layers).
        let h = 0.5 * a0
        let cell = [0, h, h, h, 0, h, h, h, 0]
        let positions = [0, 0, 0, 0.25 * a0, 0.25 * a0, 0.25 * a0]
        let e = sw.energy(positions: positions, cell: cell) / 2
        #expect(abs(e - -4.3366) < 2e-4, "primitive cell: \(e) eV/atom")
    }

    @Test("virial vanishes at the SW equilibrium a0 = 4·2^{1/6}σ/√3 and is large under 1 % strain")
    func equilibriumVirial() {
        let a0 = 4 * pow(2, 1.0 / 6.0) * P.sigma / 3.0.squareRoot()
        let (positions, cell) = diamondSupercell(latticeConstant: a0, repeats: 1)
        let atEquilibrium = sw.evaluate(positions: positions, cell: cell).virial.map(abs).max()!
        let (p2, c2) = diamondSupercell(latticeConstant: a0 * 0.99, repeats: 1)
        let compressed = sw.evaluate(positions: p2, cell: c2).virial
        #expect(atEquilibrium < 1e-3, "max |W| at a0: \(atEquilibrium) eV")
        #expect(compressed[0] > 0.5 && compressed[4] > 0.5 && compressed[8] > 0.5, "compressed W \(compressed)")
    }

    @Test("forces equal central differences of the energy, distorted periodic cell", arguments: [1, 2, 3] as [UInt64])
    func forcesPeriodic(seed: UInt64) throws {
        let (positions, cell) = distortedDiamond(seed: seed)
        let list = try allPairs(positions, cell, rcut: P.cutoff)
        #expect(list.distance.contains { $0 > P.cutoff - 0.3 }, "want pairs within 0.3 Å of the cutoff")
        let analytic = sw.evaluate(positions: positions, cell: cell).forces
        let numeric = finiteDifferenceForces(sw, positions, cell)
        #expect(scaledError(analytic, numeric) <= 1, "max scaled error \(scaledError(analytic, numeric))")
    }

    @Test("forces equal central differences of the energy, non-periodic cluster near the cutoff")
    func forcesCluster() throws {
        let positions = smallCluster(seed: 7)
        let list = try allPairs(positions, nil, rcut: P.cutoff)
        #expect(list.distance.contains { $0 > P.cutoff - 0.15 })
        let analytic = sw.evaluate(positions: positions, cell: nil).forces
        let numeric = finiteDifferenceForces(sw, positions, nil)
        #expect(scaledError(analytic, numeric) <= 1, "max scaled error \(scaledError(analytic, numeric))")
        // The near-cutoff atoms feel a force that is small but far above round-off.
        let f6 = (0..<3).map { analytic[18 + $0] }.map(abs).max()!
        #expect(f6 > 1e-4 && f6 < 1)
    }

    @Test("virial W_βα = −∂E/∂ε_αβ under r → r(I + ε), h → h(I + ε)", arguments: [4, 5] as [UInt64])
    func virialStrainDerivative(seed: UInt64) {
        let (positions, cell) = distortedDiamond(seed: seed)
        let virial = sw.evaluate(positions: positions, cell: cell).virial
        let h = 1e-5
        var numeric = [Double](repeating: 0, count: 9)
        for α in 0..<3 {
            for β in 0..<3 {
                func energy(_ e: Double) -> Double {
                    var strain = [Double](repeating: 0, count: 9)
                    strain[3 * α + β] = e
                    return sw.energy(positions: applyStrain(strain, to: positions), cell: applyStrain(strain, to: cell))
                }
                numeric[3 * β + α] = -(energy(h) - energy(-h)) / (2 * h)
            }
        }
        #expect(scaledError(virial, numeric) <= 1, "analytic \(virial)\nnumeric \(numeric)")
        for α in 0..<3 {
            for β in 0..<α { #expect(abs(virial[3 * α + β] - virial[3 * β + α]) < 1e-9) }
        }
    }

    @Test("non-periodic: the pair-form virial equals Σ_i F_i ⊗ r_i (spec §7.2 without images)")
    func clusterVirialDefinition() {
        let positions = smallCluster(seed: 5)
        let result = sw.evaluate(positions: positions, cell: nil)
        for α in 0..<3 {
            for β in 0..<3 {
                let direct = (0..<(positions.count / 3)).reduce(0.0) {
                    $0 + result.forces[3 * $1 + α] * positions[3 * $1 + β]
                }
                #expect(abs(result.virial[3 * α + β] - direct) < 1e-10 * (1 + abs(direct)))
            }
        }
        #expect(result.virial.map(abs).max()! > 0.1)
    }

    @Test("forces sum to zero (periodic and cluster)")
    func forceSum() {
        let (positions, cell) = distortedDiamond(seed: 9)
        for (p, c) in [(positions, Optional(cell)), (smallCluster(seed: 3), nil)] {
            let f = sw.evaluate(positions: p, cell: c).forces
            let scale = f.map(abs).max()!
            #expect(scale > 0.1)
            for α in 0..<3 {
                let total = stride(from: α, to: f.count, by: 3).map { f[$0] }.reduce(0, +)
                #expect(abs(total) < 1e-12 * Double(f.count) * scale)
            }
        }
    }

    @Test("energy is invariant under translation, rotation and lattice-vector recombination")
    func invariances() {
        let (positions, cell) = distortedDiamond(seed: 11)
        let e0 = sw.energy(positions: positions, cell: cell)
        let shifted = positions.enumerated().map { $0.element + [0.7, -1.3, 2.9][$0.offset % 3] }
        #expect(abs(sw.energy(positions: shifted, cell: cell) - e0) < 1e-9)
        // Rotation by 0.9 rad about (1, 2, 2)/3 applied to rows (r → r Rᵀ).
        let (x, y, z, t) = (1.0 / 3, 2.0 / 3, 2.0 / 3, 0.9)
        let (c, s) = (cos(t), sin(t))
        let R = [c + x * x * (1 - c), x * y * (1 - c) - z * s, x * z * (1 - c) + y * s,
                 y * x * (1 - c) + z * s, c + y * y * (1 - c), y * z * (1 - c) - x * s,
                 z * x * (1 - c) - y * s, z * y * (1 - c) + x * s, c + z * z * (1 - c)]
        let Rt = (0..<9).map { R[3 * ($0 % 3) + $0 / 3] }
        let rotated = sw.energy(positions: applyStrain(subtractIdentity(Rt), to: positions),
                                cell: applyStrain(subtractIdentity(Rt), to: cell))
        #expect(abs(rotated - e0) < 1e-9)
        // Same lattice, other basis: c → c + a − b.
        var other = cell
        for k in 0..<3 { other[6 + k] += cell[k] - cell[3 + k] }
        #expect(abs(sw.energy(positions: positions, cell: other) - e0) < 1e-9)
    }

    @Test("geometry the neighbour search rejects gives NaN labels, not a crash")
    func rejectedGeometry() {
        let coincident = sw.evaluate(positions: [0, 0, 0, 0, 0, 0, 2.3, 0, 0], cell: nil)
        let blownUp = sw.evaluate(positions: [0, 0, 0, .nan, 0, 0], cell: [5, 0, 0, 0, 5, 0, 0, 0, 5])
        for result in [coincident, blownUp] {
            #expect(result.energy.isNaN && result.forces.allSatisfy(\.isNaN) && result.virial.allSatisfy(\.isNaN))
        }
        #expect(coincident.forces.count == 9 && blownUp.forces.count == 6)
    }

    @Test("both terms vanish at and beyond r_c and are tiny just inside")
    func smoothCutoff() {
        let rc = P.cutoff
        #expect(sw.pairTerm(rc) == (0, 0) && sw.pairTerm(rc + 0.1) == (0, 0))
        let inside = sw.pairTerm(rc - 1e-2)
        #expect(inside.value != 0 && abs(inside.value) < 1e-80 && abs(inside.derivative) < 1e-80)
        // A third atom crossing the cutoff of the pair (0, 2): no jump in the energy.
        let base: [Double] = [0, 0, 0, 2.3, 0, 0]
        let e = [rc - 1e-6, rc + 1e-6].map { sw.energy(positions: base + [-$0 * 0.6, $0 * 0.8, 0], cell: nil) }
        #expect(abs(e[0] - e[1]) < 1e-100)
    }
}

/// M − I (row-major 3×3), so `applyStrain` (r → r(I + ε)) applies r → r M.
func subtractIdentity(_ m: [Double]) -> [Double] {
    m.enumerated().map { $0.offset % 4 == 0 ? $0.element - 1 : $0.element }
}
