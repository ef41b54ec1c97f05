import Testing
@testable import SymAtoms

@Suite("Label spread of a generated system")
struct GeneratorLabelSpreadTests {
    @Test("mean and sample standard deviation of energies, pooled forces and virials")
    func spread() {
        let frames = [1.0, 2.0, 3.0, 4.0].map { e in
            Frame(types: [0], positions: [0, 0, 0], energy: e, forces: [e, -e, 0],
                  virial: [Double](repeating: e, count: 9))
        }
        let s = LabelSpread(AtomSystem(name: "t", frames: frames))
        #expect(s.frames == 4 && s.atoms == 1)
        #expect(abs(s.energyMean - 2.5) < 1e-15)
        #expect(abs(s.energyStd - (5.0 / 3.0).squareRoot()) < 1e-14)        // Σ(e − 2.5)² = 5, n − 1 = 3
        // Forces pooled: {1,2,3,4,−1,−2,−3,−4, 0×4}: mean 0, Σx² = 60, n − 1 = 11.
        #expect(abs(s.forceMean) < 1e-15 && abs(s.forceStd - (60.0 / 11.0).squareRoot()) < 1e-14)
        // Virials: each value 9 times; Σ(x − 2.5)² = 45, n − 1 = 35.
        #expect(abs(s.virialStd! - (45.0 / 35.0).squareRoot()) < 1e-14)
    }

    @Test("missing labels give NaN or nil, not a crash")
    func missing() {
        let s = LabelSpread(AtomSystem(name: "t", frames: [Frame(types: [0, 0], positions: [Double](repeating: 0, count: 6))]))
        #expect(s.energyStd.isNaN && s.forceStd.isNaN && s.virialStd == nil && s.atoms == 2)
    }
}
