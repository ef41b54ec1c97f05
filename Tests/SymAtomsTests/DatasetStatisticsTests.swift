import Foundation
import Testing
@testable import SymAtoms

@Suite struct DatasetStatisticsTests {
    @Test func summarisesASmallDatasetByHand() throws {
        // System a: 3 atoms (O H H), energies -3 and -6 -> -1 and -2 eV/atom. System b: 2 atoms (H H),
        // energy -5 -> -2.5 eV/atom, no forces, one virial.
        let a = [
            Frame(types: [0, 1, 1], positions: [0, 0, 0, 1, 0, 0, 0, 1, 0], energy: -3, forces: [3, 4, 0, 0, 0, 0, 1, 1, 1]),
            Frame(types: [0, 1, 1], positions: [0, 0, 0, 1, 0, 0, 0, 1, 0], energy: -6, forces: [0, 0, 0, 0, 0, 0, 0, 0, -2]),
        ]
        let b = [Frame(types: [1, 1], positions: [0, 0, 0, 1, 0, 0], cell: [5, 0, 0, 0, 5, 0, 0, 0, 5], energy: -5,
                       virial: [Double](repeating: 1, count: 9))]
        let stats = DatasetStatistics(Dataset(typeMap: ["O", "H"], systems: [
            AtomSystem(name: "a", frames: a), AtomSystem(name: "b", frames: b),
        ]))
        #expect(stats.frames == 3 && stats.virialFrames == 1)
        #expect(stats.systems.map(\.typeCounts) == [[1, 2], [0, 2]])
        #expect(stats.systems.map(\.atoms) == [3, 2] && stats.systems.map(\.periodic) == [false, true])
        #expect(stats.systems[0].forceFrames == 2 && stats.systems[1].forceFrames == 0 && stats.systems[1].virialFrames == 1)
        let e = try #require(stats.energyPerAtom)
        #expect(e.count == 3 && abs(e.mean - (-5.5 / 3)) < 1e-15 && e.minimum == -2.5 && e.maximum == -1)
        // sample sd of (-1, -2, -2.5): deviations 5/6, -1/6, -2/3 -> sum of squares 7/6, / 2.
        #expect(abs(e.standardDeviation - (7.0 / 12).squareRoot()) < 1e-15)
        let f = try #require(stats.forceComponents)
        #expect(f.count == 18 && abs(f.mean - 8.0 / 18) < 1e-15 && f.minimum == -2 && f.maximum == 4)
        #expect(stats.maxForceNorm == 5)
    }

    @Test func emptyAndSingleSamples() throws {
        #expect(SampleSummary([]) == nil)
        let one = try #require(SampleSummary([2]))
        #expect(one.mean == 2 && one.standardDeviation.isNaN && one.minimum == 2 && one.maximum == 2)
        let stats = DatasetStatistics(Dataset(typeMap: ["H"], systems: [AtomSystem(name: "x", frames: [Frame(types: [0], positions: [0, 0, 0])])]))
        #expect(stats.energyPerAtom == nil && stats.forceComponents == nil && stats.maxForceNorm == nil)
    }
}
