import Testing
@testable import SymAtoms

/// `NeighbourPairs` of one-type positions (row-major [atoms, 3], Å) in `cell` (nil = non-periodic).
func allPairs(_ positions: [Double], _ cell: [Double]?, rcut: Double) throws -> NeighbourPairs {
    let frame = Frame(types: [Int](repeating: 0, count: positions.count / 3), positions: positions, cell: cell)
    return try NeighbourPairs.build(frame: frame, rcut: rcut)
}

@Suite("All neighbours within a cutoff (CSR)")
struct NeighbourPairsTests {
    /// Sorted neighbour distances of atom `i`, Å.
    func shell(_ list: NeighbourPairs, _ i: Int) -> [Double] {
        list.distance[list.entries(of: i)].sorted()
    }

    @Test("diamond shells: 4 first and 12 second neighbours, in cubic, primitive and supercell")
    func diamondShells() throws {
        let a = 5.431
        let first = a * 3.0.squareRoot() / 4, second = a / 2.0.squareRoot()
        let expected = [Double](repeating: first, count: 4) + [Double](repeating: second, count: 12)
        let h = 0.5 * a
        let primitive = ([0, 0, 0, 0.25 * a, 0.25 * a, 0.25 * a], [0, h, h, h, 0, h, h, h, 0])
        let cubic = diamondSupercell(latticeConstant: a, repeats: 1)
        let big = diamondSupercell(latticeConstant: a, repeats: 2)
        for (positions, cell) in [primitive, cubic, big] {
            let list = try allPairs(positions, cell, rcut: 4.0)
            for i in 0..<(positions.count / 3) {
                let s = shell(list, i)
                #expect(s.count == 16)
                #expect(zip(s, expected).allSatisfy { abs($0 - $1) < 1e-6 })
            }
        }
    }

    @Test("a cutoff longer than the cell finds self-images; unwrapped positions give the same list")
    func selfImagesAndWrapping() throws {
        // Simple cubic with one atom, edge 2 Å, cutoff 2.5 Å: 6 neighbours at 2, 12 at 2√2 > 2.5 → 6.
        let list = try allPairs([0.3, 0.2, 0.1], [2, 0, 0, 0, 2, 0, 0, 0, 2], rcut: 2.5)
        #expect(list.distance.count == 6 && list.neighbour.allSatisfy { $0 == 0 })
        // Cutoff 4.1 Å on the same cell: 6 (2) + 12 (2.83) + 8 (3.46) + 6 (4) = 32 neighbours (n_k = 3).
        let wide = try allPairs([0.3, 0.2, 0.1], [2, 0, 0, 0, 2, 0, 0, 0, 2], rcut: 4.1)
        #expect(wide.distance.count == 32)
        // Atoms moved by whole lattice vectors: identical distances.
        let (positions, cell) = distortedDiamond(seed: 21)
        var moved = positions
        for k in 0..<3 { moved[3 + k] += 2 * cell[k] - cell[6 + k]; moved[9 + k] -= 3 * cell[3 + k] }
        let l1 = try allPairs(positions, cell, rcut: 3.8)
        let l2 = try allPairs(moved, cell, rcut: 3.8)
        for i in 0..<8 {
            let (s1, s2) = (shell(l1, i), shell(l2, i))
            #expect(s1.count == s2.count && zip(s1, s2).allSatisfy { abs($0 - $1) < 1e-8 })
        }
    }

    @Test("non-periodic: every pair within the cutoff, both directions")
    func nonPeriodic() throws {
        let list = try allPairs([0, 0, 0, 1, 0, 0, 0, 3, 0], nil, rcut: 2.5)
        #expect(list.start == [0, 1, 2, 2])
        #expect(list.neighbour == [1, 0])
        #expect(list.vector == [1, 0, 0, -1, 0, 0])
    }

    @Test("same entries, order and distances as the brute-force reference; vectors r_j + image·h − r_i")
    func matchesBruteForceReference() throws {
        let rng = RandomSource(seed: 41)
        for trial in 0..<12 {
            let cell = randomTriclinicCell(rng, lengths: 3...7)
            let frame = randomPeriodicFrame(rng, atoms: 1 + rng.integer(below: 12), typeCount: 1, cell: cell)
            let rcut = rng.uniform(1.5, 6)
            let pairs = try NeighbourPairs.build(frame: frame, rcut: rcut)
            let sel = try fittingSel(frame, rcut: rcut, typeCount: 1, typeBlocks: false)
            let slow = try NeighbourList.bruteForce(frame: frame, rcut: rcut, sel: sel, typeCount: 1, typeBlocks: false)
            for i in 0..<frame.atomCount {
                let slots = (i * slow.nnei)..<((i + 1) * slow.nnei)
                let filled = slots.filter { slow.neighbour[$0] >= 0 }
                let entries = pairs.entries(of: i)
                #expect(entries.count == filled.count, "trial \(trial), atom \(i)")
                for (e, slot) in zip(entries, filled) {
                    #expect(pairs.neighbour[e] == slow.neighbour[slot] && pairs.distance[e] == slow.distance[slot])
                    #expect(pairs.image[(3 * e)..<(3 * e + 3)] == slow.image[(3 * slot)..<(3 * slot + 3)])
                    let j = pairs.neighbour[e], x = frame.positions
                    for k in 0..<3 {
                        let expected = x[3 * j + k] + slow.shift[3 * slot + k] - x[3 * i + k]
                        #expect(pairs.vector[3 * e + k] == expected)
                    }
                }
            }
        }
    }

    @Test("bad geometry throws a DataError naming the source")
    func rejectsCoincidentAtoms() {
        let frame = Frame(types: [0, 0], positions: [1, 1, 1, 1, 1, 1])
        let error = #expect(throws: DataError.self) { try NeighbourPairs.build(frame: frame, rcut: 2, source: "sw") }
        #expect(error?.file == "sw" && error?.problem.contains("coincide") == true)
    }
}
