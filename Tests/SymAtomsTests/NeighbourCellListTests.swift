import Testing
@testable import SymAtoms

@Suite struct NeighbourCellListTests {
    /// All (atom, translation) pairs offered for each centre, as strings.
    static func offered(_ grid: CellList, atoms: Int) -> [[String]] {
        (0..<atoms).map { i in
            var seen: [String] = []
            grid.forEachCandidate(near: i) { j, l in seen.append("\(j) \(l.p) \(l.q) \(l.s)") }
            return seen
        }
    }

    @Test func everyAtomSitsInOneBinAndNoCandidateRepeats() {
        let rng = RandomSource(seed: 31)
        for trial in 0..<30 {
            let atoms = 1 + rng.integer(below: 30)
            let fractional = (0..<(3 * atoms)).map { _ in rng.uniform() }
            let widths = (0..<3).map { _ in rng.uniform(1, 12) }
            let rcut = rng.uniform(0.5, 8)
            let grid = CellList(fractional: fractional, faceDistances: widths, rcut: rcut, periodic: trial % 2 == 0)
            #expect(grid.binAtoms.sorted() == Array(0..<atoms))
            #expect(grid.binsPerAxis.x * grid.binsPerAxis.y * grid.binsPerAxis.z <= max(27, 2 * atoms))
            for k in 0..<3 {
                // Bins are at least rcut thick, or a single bin per axis reached by enough layers.
                let binWidth = widths[k] / Double(grid.binsPerAxis[k])
                #expect(binWidth >= rcut || Double(grid.reach[k]) * binWidth >= rcut)
            }
            for list in Self.offered(grid, atoms: atoms) { #expect(Set(list).count == list.count, "trial \(trial)") }
        }
    }

    @Test func thinCellsAreSearchedOverSeveralImageLayers() {
        // One bin per axis (width 1 Å) and rcut 2.5 Å: translations −3…3 along each axis.
        let grid = CellList(fractional: [0.5, 0.5, 0.5], faceDistances: [1, 1, 1], rcut: 2.5, periodic: true)
        #expect(grid.binsPerAxis == SIMD3(1, 1, 1) && grid.reach == SIMD3(3, 3, 3))
        #expect(Self.offered(grid, atoms: 1)[0].count == 7 * 7 * 7)
        let open = CellList(fractional: [0.5, 0.5, 0.5], faceDistances: [1, 1, 1], rcut: 2.5, periodic: false)
        #expect(Self.offered(open, atoms: 1)[0] == ["0 0 0 0"])
    }

    @Test func bigSparseDomainsCapTheGrid() {
        let grid = CellList(fractional: [0.1, 0.1, 0.1, 0.9, 0.9, 0.9], faceDistances: [1e6, 1e6, 1e6],
                            rcut: 1, periodic: false)
        #expect(grid.binsPerAxis.x * grid.binsPerAxis.y * grid.binsPerAxis.z <= 27)
        #expect(grid.binStart.count == grid.binsPerAxis.x * grid.binsPerAxis.y * grid.binsPerAxis.z + 1)
    }
}
