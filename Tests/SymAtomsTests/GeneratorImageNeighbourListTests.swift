import Testing
@testable import SymAtoms

@Suite("Image neighbour list of the generators")
struct GeneratorImageNeighbourListTests {
    /// Sorted neighbour distances of atom `i`, Å.
    func shell(_ list: ImageNeighbourList, _ i: Int) -> [Double] {
        list.distance[list.start[i]..<list.start[i + 1]].sorted()
    }

    @Test("diamond shells: 4 first and 12 second neighbours, in cubic, primitive and supercell")
    func diamondShells() {
        let a = 5.431
        let first = a * 3.0.squareRoot() / 4, second = a / 2.0.squareRoot()
        let expected = [Double](repeating: first, count: 4) + [Double](repeating: second, count: 12)
        let h = 0.5 * a
        let primitive = ([0, 0, 0, 0.25 * a, 0.25 * a, 0.25 * a], [0, h, h, h, 0, h, h, h, 0])
        let cubic = diamondSupercell(latticeConstant: a, repeats: 1)
        let big = diamondSupercell(latticeConstant: a, repeats: 2)
        for (positions, cell) in [primitive, cubic, big] {
            let list = ImageNeighbourList(positions: positions, cell: cell, cutoff: 4.0)
            for i in 0..<(positions.count / 3) {
                let s = shell(list, i)
                #expect(s.count == 16)
                #expect(zip(s, expected).allSatisfy { abs($0 - $1) < 1e-6 })
            }
        }
    }

    @Test("a cutoff longer than the cell finds self-images; unwrapped positions give the same list")
    func selfImagesAndWrapping() {
        // Simple cubic with one atom, edge 2 Å, cutoff 2.5 Å: 6 neighbours at 2, 12 at 2√2 > 2.5 → 6.
        let list = ImageNeighbourList(positions: [0.3, 0.2, 0.1], cell: [2, 0, 0, 0, 2, 0, 0, 0, 2], cutoff: 2.5)
        #expect(list.distance.count == 6 && list.neighbour.allSatisfy { $0 == 0 })
        // Cutoff 4.1 Å on the same cell: 6 (2) + 12 (2.83) + 8 (3.46) + 6 (4) = 32 neighbours (n_k = 3).
        let wide = ImageNeighbourList(positions: [0.3, 0.2, 0.1], cell: [2, 0, 0, 0, 2, 0, 0, 0, 2], cutoff: 4.1)
        #expect(wide.distance.count == 32)
        // Atoms moved by whole lattice vectors: identical distances.
        let (positions, cell) = distortedDiamond(seed: 21)
        var moved = positions
        for k in 0..<3 { moved[3 + k] += 2 * cell[k] - cell[6 + k]; moved[9 + k] -= 3 * cell[3 + k] }
        let l1 = ImageNeighbourList(positions: positions, cell: cell, cutoff: 3.8)
        let l2 = ImageNeighbourList(positions: moved, cell: cell, cutoff: 3.8)
        for i in 0..<8 {
            let (s1, s2) = (shell(l1, i), shell(l2, i))
            #expect(s1.count == s2.count && zip(s1, s2).allSatisfy { abs($0 - $1) < 1e-8 })
        }
    }

    @Test("non-periodic: every pair within the cutoff, both directions")
    func nonPeriodic() {
        let list = ImageNeighbourList(positions: [0, 0, 0, 1, 0, 0, 0, 3, 0], cell: nil, cutoff: 2.5)
        #expect(list.start == [0, 1, 2, 2])
        #expect(list.neighbour == [1, 0])
        #expect(list.vector == [1, 0, 0, -1, 0, 0])
    }
}
