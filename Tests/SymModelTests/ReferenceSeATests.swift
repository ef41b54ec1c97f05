import Foundation
import SymAtoms
import Testing
@testable import SymModel

/// Small random models and frames for property tests of the oracle (cheap in debug builds).
enum SmallSystems {
    /// Two types, rcut 4 Å, r_s 1 Å, sel [24, 24], embedding [4, 8] (M1 8), M2 2, fitting [8, 8] with
    /// idt; davg/dstd set to non-trivial per-type constants so normalisation is exercised.
    static func parameters(typeOneSide: Bool = true, sel: [Int] = [24, 24], seed: UInt64 = 7) -> SeAParameters {
        var p = SeAParameters.random(typeMap: ["A", "B"], rcut: 4, rcutSmooth: 1, sel: sel,
                                     embeddingWidths: [4, 8], axisNeurons: 2, fittingWidths: [8, 8],
                                     typeOneSide: typeOneSide, resnetDtFitting: true, seed: seed)
        for t in 0..<2 {
            for j in 0..<p.nnei {
                let s = (t * p.nnei + j) * 4
                p.davg[s] = 0.2 + 0.1 * Double(t)
                p.dstd[s] = 0.4 - 0.1 * Double(t)
                for k in 1..<4 { p.dstd[s + k] = 0.3 + 0.05 * Double(t) }
            }
        }
        p.energyBias = [-1.5, -0.25]
        return p
    }

    /// `n` atoms of alternating types at random positions in a triclinic cell (rows a, b, c; the
    /// shortest face distance is below rcut, so several image layers are needed), no pair closer than 0.9 Å.
    static func periodicFrame(atoms n: Int = 6, seed: UInt64 = 3) -> Frame {
        let cell = [5.0, 0, 0, 1.2, 4.6, 0, -0.7, 0.9, 4.8]
        let rng = RandomSource(seed: seed)
        var positions: [Double] = []
        while positions.count < 3 * n {
            let f = [rng.uniform(), rng.uniform(), rng.uniform()]
            let x = (0..<3).map { a in f[0] * cell[a] + f[1] * cell[3 + a] + f[2] * cell[6 + a] }
            let trial = Frame(types: Array(repeating: 0, count: positions.count / 3 + 1),
                              positions: positions + x, cell: cell)
            let near = ReferenceSeA.neighbours(of: positions.count / 3, in: trial, cutoff: 0.9)
            if near.isEmpty { positions += x }
        }
        return Frame(types: (0..<n).map { $0 % 2 }, positions: positions, cell: cell)
    }

    /// A Haar-random rotation matrix (row-major [3, 3]) from a normalised Gaussian quaternion.
    static func rotation(seed: UInt64) -> [Double] {
        let rng = RandomSource(seed: seed)
        var q = (0..<4).map { _ in rng.gaussian() }
        let norm = q.map { $0 * $0 }.reduce(0, +).squareRoot()
        q = q.map { $0 / norm }
        let (w, x, y, z) = (q[0], q[1], q[2], q[3])
        return [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
                2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
                2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)]
    }

    /// Applies R to every row vector v (v ← R v) of a row-major [k, 3] array.
    static func rotateRows(_ rows: [Double], _ r: [Double]) -> [Double] {
        var out = rows
        for i in 0..<(rows.count / 3) {
            for a in 0..<3 { out[3 * i + a] = (0..<3).map { r[3 * a + $0] * rows[3 * i + $0] }.reduce(0, +) }
        }
        return out
    }
}

@Suite("ReferenceSeA properties")
struct ReferenceSeATests {
    @Test("switch: 1 below r_s, 1/2 at the midpoint, 0 from r_c on, C¹ at both ends")
    func switchFunction() {
        let w = { (r: Double) in ReferenceSeA.switchWeight(r, rcut: 6, rcutSmooth: 0.5) }
        #expect(w(0.3) == 1 && w(0.5) == 1 && w(3.25) == 0.5 && w(6) == 0 && w(7) == 0)
        let h = 1e-6
        #expect(abs(w(0.5 + h) - 1) < 1e-15 && abs(w(6 - h)) < 1e-13)  // DeePMD's form cancels near r_c
        #expect(w(2) > w(4) && w(4) > w(5.9))
    }

    @Test("padded slots get R̃ = (−davg/dstd, 0, 0, 0) of the centre type, and nothing is masked")
    func paddedRows() throws {
        let p = SmallSystems.parameters()
        let frame = SmallSystems.periodicFrame()
        for atom in [0, 1] {
            let s = ReferenceSeA.stages(atom: atom, in: frame, parameters: p)
            let ti = frame.types[atom]
            let padded = try #require(s.slots.indices.first { !s.slots[$0].isValid })
            let row = Array(s.normalized[(4 * padded)..<(4 * padded + 4)])
            #expect(row == [-p.davg[(ti * p.nnei + padded) * 4] / p.dstd[(ti * p.nnei + padded) * 4], 0, 0, 0])
            #expect(s.slots.map(\.type) == s.slots.enumerated().map { j, slot in
                slot.isValid ? (j < p.sel[0] ? 0 : 1) : -1 })
        }
    }

    @Test("slots: own images count as neighbours; overflow keeps the nearest sel[t], sorted")
    func slotRules() {
        // One atom in a 3 Å cubic cell, rcut 4: its 6 face images at 3 Å (the 12 at 4.24 Å are out).
        let p = SmallSystems.parameters(sel: [8, 8])
        let lone = Frame(types: [0], positions: [0.3, 0.2, 0.1], cell: [3, 0, 0, 0, 3, 0, 0, 0, 3])
        #expect(ReferenceSeA.neighbourCounts(of: 0, in: lone, parameters: p) == [6, 0])
        let slots = ReferenceSeA.slots(of: 0, in: lone, parameters: p)
        #expect(slots.prefix(6).allSatisfy { $0.isValid && abs($0.distance - 3) < 1e-14 })
        #expect(slots.dropFirst(6).allSatisfy { !$0.isValid })
        // A non-periodic line of type-1 atoms at 3.5, 0.5, 2.5, 1.5 Å with sel[1] = 3: drop the farthest.
        let q = SmallSystems.parameters(sel: [8, 3])
        let line = Frame(types: [0, 1, 1, 1, 1], positions: [0, 0, 0, 3.5, 0, 0, 0, 0.5, 0, 0, 0, 2.5, 1.5, 0, 0])
        let kept = ReferenceSeA.slots(of: 0, in: line, parameters: q).suffix(3)
        #expect(kept.map(\.distance) == [0.5, 1.5, 2.5])
        #expect(kept.map { $0.neighbour?.atom } == [2, 4, 3])
    }

    @Test("unwrapped positions: moving atoms by lattice vectors changes nothing")
    func latticeShifts() {
        let p = SmallSystems.parameters()
        let frame = SmallSystems.periodicFrame()
        var moved = frame
        let cell = frame.cell!
        for (i, n) in [(0, [2.0, -1, 0]), (3, [0, 0, -3]), (5, [1, 1, 1])] {
            for a in 0..<3 { moved.positions[3 * i + a] += n[0] * cell[a] + n[1] * cell[3 + a] + n[2] * cell[6 + a] }
        }
        let e0 = ReferenceSeA.atomEnergies(frame, parameters: p)
        #expect(relativeError(ReferenceSeA.atomEnergies(moved, parameters: p), e0) < 1e-12)
    }

    @Test("small triclinic cell, rcut above half the box: a 2×1×1 supercell has twice the energy",
          arguments: [true, false])
    func supercell(typeOneSide: Bool) {
        let p = SmallSystems.parameters(typeOneSide: typeOneSide, sel: [48, 48])
        let frame = SmallSystems.periodicFrame()
        #expect(ReferenceSeA.imageLayers(frame, cutoff: p.rcut).allSatisfy { $0 >= 1 })
        let c = frame.cell!
        var big = frame
        big.cell = [2 * c[0], 2 * c[1], 2 * c[2]] + Array(c[3...])
        big.types += frame.types
        big.positions += (0..<frame.atomCount).flatMap { i in (0..<3).map { frame.positions[3 * i + $0] + c[$0] } }
        for i in 0..<frame.atomCount {
            #expect(zip(ReferenceSeA.neighbourCounts(of: i, in: frame, parameters: p), p.sel).allSatisfy { $0 <= $1 })
        }
        let e1 = ReferenceSeA.atomEnergies(frame, parameters: p)
        let e2 = ReferenceSeA.atomEnergies(big, parameters: p)
        #expect(relativeError(Array(e2[..<frame.atomCount]), e1) < 1e-12)
        #expect(relativeError(Array(e2[frame.atomCount...]), e1) < 1e-12)
    }

    @Test("rotating positions and cell leaves every atomic energy unchanged", arguments: [11, 12, 13] as [UInt64])
    func rotationInvariance(seed: UInt64) {
        let p = SmallSystems.parameters(typeOneSide: false)
        let frame = SmallSystems.periodicFrame()
        let r = SmallSystems.rotation(seed: seed)
        var turned = frame
        turned.positions = SmallSystems.rotateRows(frame.positions, r)
        turned.cell = SmallSystems.rotateRows(frame.cell!, r)
        let e0 = ReferenceSeA.atomEnergies(frame, parameters: p)
        #expect(relativeError(ReferenceSeA.atomEnergies(turned, parameters: p), e0) < 1e-12)
        // ...while the raw env rows do change (the test is not vacuous).
        let raw0 = ReferenceSeA.stages(atom: 0, in: frame, parameters: p).raw
        let raw1 = ReferenceSeA.stages(atom: 0, in: turned, parameters: p).raw
        #expect(relativeError(raw1, raw0) > 1e-3)
    }

    @Test("swapping two atoms of the same type swaps their energies")
    func permutation() {
        let p = SmallSystems.parameters()
        let frame = SmallSystems.periodicFrame()
        var swapped = frame
        for a in 0..<3 { swapped.positions.swapAt(3 * 0 + a, 3 * 2 + a) }
        var e0 = ReferenceSeA.atomEnergies(frame, parameters: p)
        e0.swapAt(0, 2)
        #expect(relativeError(ReferenceSeA.atomEnergies(swapped, parameters: p), e0) < 1e-12)
    }

    @Test("non-periodic cluster: forces sum to zero and the virial is symmetric")
    func clusterFD() {
        let p = SmallSystems.parameters()
        var frame = SmallSystems.periodicFrame()
        frame.cell = nil
        let f = ReferenceSeA.referenceForcesFD(frame, parameters: p, atoms: Array(0..<frame.atomCount))
        let scale = f.map(abs).max()!
        #expect(scale > 1e-3)
        for a in 0..<3 {
            #expect(abs(stride(from: a, to: f.count, by: 3).map { f[$0] }.reduce(0, +)) < 1e-7 * scale)
        }
        // Non-periodic: W_{αβ} = Σ_i F_{i,α} x_{i,β}, from the forces above.
        let w = ReferenceSeA.referenceVirialFD(frame, parameters: p)
        for c in 0..<9 {
            let fromForces = (0..<frame.atomCount).map { f[3 * $0 + c / 3] * frame.positions[3 * $0 + c % 3] }
                .reduce(0, +)
            #expect(abs(w[c] - fromForces) < 1e-7 * scale)
            #expect(abs(w[c] - w[3 * (c % 3) + c / 3]) < 1e-7 * scale)
        }
    }
}
