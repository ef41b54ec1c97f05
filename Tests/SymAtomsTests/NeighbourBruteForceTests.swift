import Testing
@testable import SymAtoms

/// The reference itself is checked against lattice geometry known in closed form, and both searches
/// against the invariance of a lattice under a change of cell basis.
@Suite struct NeighbourBruteForceTests {
    typealias Builder = (Frame, Double, [Int], Int) throws -> NeighbourList
    static let builders: [(String, Builder)] = [
        ("brute force", { try NeighbourList.bruteForce(frame: $0, rcut: $1, sel: $2, typeCount: $3) }),
        ("cell list", { try NeighbourList.build(frame: $0, rcut: $1, sel: $2, typeCount: $3) }),
    ]

    /// Cell rows M·h for an integer matrix M (row-major [3, 3]).
    static func basisChange(_ m: [Int], _ h: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: 9)
        for row in 0..<3 {
            for col in 0..<3 {
                for k in 0..<3 { out[3 * row + col] += Double(m[3 * row + k]) * h[3 * k + col] }
            }
        }
        return out
    }

    /// Occupied slots of atom i: distances.
    static func distances(_ l: NeighbourList, _ i: Int) -> [Double] {
        (0..<l.nnei).compactMap { l.neighbour[i * l.nnei + $0] >= 0 ? l.distance[i * l.nnei + $0] : nil }
    }

    @Test(arguments: [false, true])
    func simpleCubicShells(skewedBasis: Bool) throws {
        // One atom, a = 2 Å: shells 6 at 2, 12 at 2√2, 8 at 2√3, 6 at 4, 24 at 2√5 (all its own images).
        // The skewed basis (a, a + b, a + b + c) + (−a) describes the same lattice with thin faces.
        let cubic = [2.0, 0, 0, 0, 2, 0, 0, 0, 2]
        let cell = skewedBasis ? Self.basisChange([1, 0, 0, 1, 1, 0, 0, 1, 1], cubic) : cubic
        let frame = Frame(types: [0], positions: [0.7, -3.1, 0.2], cell: cell)
        let shells: [(rcut: Double, count: Int, last: Double)] = [(2.1, 6, 2), (2.9, 18, 8.0.squareRoot()),
                                                                  (3.5, 26, 12.0.squareRoot()), (4.1, 32, 4),
                                                                  (4.5, 56, 20.0.squareRoot())]
        for (name, build) in Self.builders {
            for shell in shells {
                let list = try build(frame, shell.rcut, [60], 1)
                let d = Self.distances(list, 0)
                #expect(d.count == shell.count, "\(name) rcut \(shell.rcut)")
                #expect(abs(d.first! - 2) < 1e-12 && abs(d.last! - shell.last) < 1e-12, "\(name) rcut \(shell.rcut)")
            }
        }
    }

    @Test func bodyCentredCubicTypeBlocks() throws {
        // CsCl-like: type 0 at the corner, type 1 at the body centre, a = 2 Å. Each atom has 8 of the
        // other type at √3 and 6 of its own type at 2.
        let frame = Frame(types: [0, 1], positions: [0, 0, 0, 1, 1, 1], cell: [2, 0, 0, 0, 2, 0, 0, 0, 2])
        for (name, build) in Self.builders {
            let near = try build(frame, 1.8, [8, 8], 2)
            #expect(Array(near.neighbour[0..<8]) == Array(repeating: -1, count: 8), "\(name)")
            #expect(Array(near.neighbour[8..<16]) == Array(repeating: 1, count: 8), "\(name)")
            #expect(near.distance[8..<16].allSatisfy { abs($0 - 3.0.squareRoot()) < 1e-12 }, "\(name)")
            let far = try build(frame, 2.1, [8, 8], 2)
            let expected = [0, 0, 0, 0, 0, 0, -1, -1] + Array(repeating: 1, count: 8)   // atom 0
                + Array(repeating: 0, count: 8) + [1, 1, 1, 1, 1, 1, -1, -1]            // atom 1
            #expect(far.neighbour == expected, "\(name)")
        }
    }

    @Test func changeOfCellBasisKeepsNeighbours() throws {
        let rng = RandomSource(seed: 5)
        let shears: [[Int]] = [[1, 1, 0, 0, 1, 0, 0, 0, 1], [1, 0, 0, 0, 1, 0, -1, 0, 1],
                               [1, 0, 0, 0, 1, 1, 0, 0, 1], [1, 0, 0, -1, 1, 0, 0, 0, 1], [0, 1, 0, 1, 0, 0, 0, 0, 1]]
        for trial in 0..<12 {
            let h = randomTriclinicCell(rng, lengths: 4...7)
            var m = [1, 0, 0, 0, 1, 0, 0, 0, 1]
            for _ in 0..<3 {  // a random unimodular M: a product of elementary shears and a swap
                let e = shears[rng.integer(below: shears.count)]
                m = Self.basisChange(e, m.map(Double.init)).map { Int($0) }
            }
            let frame = randomPeriodicFrame(rng, atoms: 8, typeCount: 2, cell: h)
            var skewed = frame
            skewed.cell = Self.basisChange(m, h)
            let rcut = rng.uniform(3, 6)
            let sel = try fittingSel(frame, rcut: rcut, typeCount: 2, typeBlocks: true)
            let plain = try NeighbourList.build(frame: frame, rcut: rcut, sel: sel, typeCount: 2)
            let fast = try NeighbourList.build(frame: skewed, rcut: rcut, sel: sel, typeCount: 2)
            let slow = try NeighbourList.bruteForce(frame: skewed, rcut: rcut, sel: sel, typeCount: 2)
            #expect(firstDifference(fast, slow) == nil, "trial \(trial): \(firstDifference(fast, slow) ?? "")")
            for i in 0..<8 {
                // Image p' in basis M·h is the lattice vector p'·M in basis h.
                func entries(_ l: NeighbourList, _ basis: [Int]) -> [String] {
                    (0..<l.nnei).compactMap { slot -> String? in
                        let s = i * l.nnei + slot
                        guard l.neighbour[s] >= 0 else { return nil }
                        let row = (0..<3).map { Int(l.image[3 * s + $0]) }
                        let p = (0..<3).map { c in row[0] * basis[c] + row[1] * basis[3 + c] + row[2] * basis[6 + c] }
                        return "\(l.neighbour[s]) \(p)"
                    }.sorted()
                }
                #expect(entries(plain, [1, 0, 0, 0, 1, 0, 0, 0, 1]) == entries(fast, m), "trial \(trial) atom \(i)")
                let a = Self.distances(plain, i).sorted(), b = Self.distances(fast, i).sorted()
                #expect(a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) < 1e-9 }, "trial \(trial) atom \(i)")
            }
        }
    }
}
