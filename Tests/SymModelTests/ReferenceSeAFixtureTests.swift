import Foundation
import SymAtoms
import Testing
@testable import SymModel

/// The oracle against DeePMD-kit's own numbers, stage by stage (fixture README: 1e-12 relative).
@Suite("ReferenceSeA vs DeePMD fixtures")
struct ReferenceSeAFixtureTests {
    static let tolerance = 1e-12

    @Test("slots and env rows of atoms 0 and 64 match DeePMD", arguments: TestFixtures.names)
    func envRows(name: String) throws {
        let fx = try TestFixtures.fixture(name)
        let inter = try #require(fx.intermediates)
        let frame = fx.frames[inter.frameIndex].frame
        for (atom, dump) in inter.env.sorted(by: { $0.key < $1.key }) {
            let s = ReferenceSeA.stages(atom: atom, in: frame, parameters: try fx.parameters)
            #expect(s.slots.map(\.isValid) == dump.valid, "valid flags, atom \(atom)")
            #expect(s.slots.map(\.type) == dump.neighbourTypes, "neighbour types, atom \(atom)")
            let errors = [
                ("rij", relativeError(s.slots.flatMap(\.rij), dump.rij)),
                ("r", relativeError(s.slots.map(\.distance), dump.distances)),
                ("sw", relativeError(s.switchWeights, dump.switchWeights)),
                ("R_raw", relativeError(s.raw, dump.raw)),
                ("R_norm", relativeError(s.normalized, dump.normalized)),
            ]
            print("[\(name)] atom \(atom): " + errors.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
            for (what, err) in errors { #expect(err <= Self.tolerance, "\(what), atom \(atom): \(err)") }
            // rij per slot agrees, so the slot order is DeePMD's (no ties for these atoms).
        }
    }

    @Test("G, T and D match DeePMD", arguments: TestFixtures.names)
    func descriptorStages(name: String) throws {
        let fx = try TestFixtures.fixture(name)
        let inter = try #require(fx.intermediates)
        let frame = fx.frames[inter.frameIndex].frame
        var worst: [String: Double] = ["G": 0, "T": 0, "D": 0]
        for (atom, t) in inter.t.sorted(by: { $0.key < $1.key }) {
            let s = ReferenceSeA.stages(atom: atom, in: frame, parameters: try fx.parameters)
            if let g = inter.g[atom] { worst["G"] = max(worst["G"]!, relativeError(s.g, g)) }
            worst["T"] = max(worst["T"]!, relativeError(s.t, t))
            worst["D"] = max(worst["D"]!, relativeError(s.d, try #require(inter.d[atom])))
        }
        print("[\(name)] stages: " + worst.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }
            .joined(separator: ", "))
        for (what, err) in worst { #expect(err <= Self.tolerance, "\(what): \(err)") }
    }

    @Test("energies and atomic energies match DeePMD", arguments: TestFixtures.names, 0..<3)
    func energies(name: String, frameIndex: Int) throws {
        let fx = try TestFixtures.fixture(name)
        let labelled = fx.frames[frameIndex]
        let clock = ContinuousClock()
        let start = clock.now
        let atomE = ReferenceSeA.atomEnergies(labelled.frame, parameters: try fx.parameters)
        let elapsed = clock.now - start
        let energy = atomE.reduce(0, +)
        let expected = try #require(labelled.frame.energy)
        let eErr = abs(energy - expected) / abs(expected)
        let aErr = relativeError(atomE, labelled.atomEnergies)
        print("[\(name)] \(labelled.name): energy \(eErr), atom_energy \(aErr), time \(elapsed)")
        #expect(eErr <= Self.tolerance)
        #expect(aErr <= Self.tolerance)
        #expect(abs(ReferenceSeA.energy(labelled.frame, parameters: try fx.parameters) - energy) == 0)
    }

    @Test("no neighbour overflow in the fixture frames (the truncation rule is untested there)",
          arguments: TestFixtures.names)
    func noOverflow(name: String) throws {
        let fx = try TestFixtures.fixture(name)
        let frame = fx.frames[0].frame
        for atom in [0, 64, 191] {
            let counts = ReferenceSeA.neighbourCounts(of: atom, in: frame, parameters: try fx.parameters)
            #expect(zip(counts, try fx.parameters.sel).allSatisfy { $0 <= $1 })
            let slots = ReferenceSeA.slots(of: atom, in: frame, parameters: try fx.parameters)
            #expect(slots.filter(\.isValid).count == counts.reduce(0, +))
        }
    }
}
