import Foundation
import SymAtoms
import Testing
@testable import SymModel

/// DeePMD's autograd forces and virial against central differences of the oracle energy.
/// Central differences (h = 1e-5) are only good to ~1e-8 relative, so the bar is 1e-7 relative to
/// max|F| (max|W|); exact comparisons belong to the autodiff model. A 192-atom energy costs ~0.3 s in a
/// debug build, so the periodic frames check one atom each (O in frame 0, H in frame 1), the virial
/// diagonal of frame 0, and a random projection Σ C_αβ W_αβ of every frame (one strain derivative);
/// the 9-atom cluster checks every atom and all nine virial components.
@Suite("ReferenceSeA finite differences vs DeePMD forces and virial")
struct ReferenceSeAFiniteDifferenceTests {
    static let tolerance = 1e-7

    @Test("forces by central differences match DeePMD", arguments: TestFixtures.names, 0..<3)
    func forces(name: String, frameIndex: Int) throws {
        let fx = try TestFixtures.fixture(name)
        let labelled = fx.frames[frameIndex]
        let frame = labelled.frame
        let expected = try #require(frame.forces)
        let atoms = frame.atomCount <= 9 ? Array(0..<frame.atomCount) : [frameIndex == 0 ? 0 : 64]
        let fd = ReferenceSeA.referenceForcesFD(frame, parameters: try fx.parameters, atoms: atoms)
        let scale = expected.map(abs).max()!
        var worst = 0.0
        for (k, m) in atoms.enumerated() {
            for a in 0..<3 { worst = max(worst, abs(fd[3 * k + a] - expected[3 * m + a])) }
        }
        print("[\(name)] \(labelled.name): force FD error \(worst / scale) of max|F| = \(scale)")
        #expect(worst / scale <= Self.tolerance)
    }

    @Test("virial components by strain differences match DeePMD", arguments: TestFixtures.names, [0, 2])
    func virialComponents(name: String, frameIndex: Int) throws {
        let fx = try TestFixtures.fixture(name)
        let labelled = fx.frames[frameIndex]
        let expected = try #require(labelled.frame.virial)
        let components = labelled.frame.isPeriodic ? [0, 4, 8] : Array(0..<9)
        let fd = ReferenceSeA.referenceVirialFD(labelled.frame, parameters: try fx.parameters, components: components)
        let scale = expected.map(abs).max()!
        let worst = zip(fd, components.map { expected[$0] }).map { abs($0 - $1) }.max()!
        print("[\(name)] \(labelled.name): virial \(components) FD error \(worst / scale) of max|W| = \(scale)")
        #expect(worst / scale <= Self.tolerance)
    }

    @Test("virial projected on a random strain matches DeePMD", arguments: TestFixtures.names, 0..<3)
    func virialProjection(name: String, frameIndex: Int) throws {
        let fx = try TestFixtures.fixture(name)
        let labelled = fx.frames[frameIndex]
        let expected = try #require(labelled.frame.virial)
        let rng = RandomSource(seed: UInt64(17 + frameIndex))
        let c = (0..<9).map { _ in rng.gaussian() }            // a generic, non-symmetric direction
        let dE = ReferenceSeA.referenceStrainDerivativeFD(labelled.frame, parameters: try fx.parameters, direction: c)
        let projected = -zip(c, expected).map { $0 * $1 }.reduce(0, +)   // dE/dε = −Σ C_αβ W_αβ
        let scale = c.map(abs).reduce(0, +) * expected.map(abs).max()!
        print("[\(name)] \(labelled.name): virial projection FD error \(abs(dE - projected) / scale)")
        #expect(abs(dE - projected) / scale <= Self.tolerance)
    }

    @Test("strain moves positions and cell rows by the same matrix")
    func strainDefinition() {
        let frame = Frame(types: [0, 0], positions: [1, 2, 3, -4, 5, 6],
                          cell: [10, 0, 0, 1, 9, 0, 2, 3, 8])
        let c = [0.0, 0, 1, 0, 0, 0, 0, 0, 0]                   // C = e_x e_zᵀ: x += ε z
        let s = ReferenceSeA.strained(frame, direction: c, by: 0.5)
        #expect(s.positions == [2.5, 2, 3, -1, 5, 6])
        #expect(s.cell == [10, 0, 0, 1, 9, 0, 6, 3, 8])
        let u = ReferenceSeA.strained(frame, direction: [1, 0, 0, 0, 2, 0, 0, 0, 0], by: 0.5)
        #expect(u.positions == [1.5, 4, 3, -6, 10, 6])
    }
}
