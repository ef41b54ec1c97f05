import Foundation
import Testing
@testable import SymAtoms

/// A random triclinic cell: lengths in `lengths`, angles α, β, γ in [60°, 120°] (redrawn until the
/// volume is at least 30 % of a·b·c), then rotated by a Haar rotation so h is a general 3×3 matrix.
func randomTriclinicCell(_ rng: RandomSource, lengths: ClosedRange<Double> = 2.5...8) -> [Double] {
    while true {
        let a = rng.uniform(lengths.lowerBound, lengths.upperBound)
        let b = rng.uniform(lengths.lowerBound, lengths.upperBound)
        let c = rng.uniform(lengths.lowerBound, lengths.upperBound)
        let (alpha, beta, gamma) = (rng.uniform(60, 120) * .pi / 180, rng.uniform(60, 120) * .pi / 180,
                                    rng.uniform(60, 120) * .pi / 180)
        let cx = cos(beta), cy = (cos(alpha) - cos(beta) * cos(gamma)) / sin(gamma)
        let cz2 = 1 - cx * cx - cy * cy
        guard cz2 > 0.09 else { continue }
        let h = [a, 0, 0, b * cos(gamma), b * sin(gamma), 0, c * cx, c * cy, c * cz2.squareRoot()]
        return rotated(Frame(types: [], positions: [], cell: h), by: randomRotation(rng)).cell!
    }
}

/// `atoms` atoms of `typeCount` random types at uniform fractional positions of `cell`.
func randomPeriodicFrame(_ rng: RandomSource, atoms: Int, typeCount: Int, cell: [Double]) -> Frame {
    var positions = [Double](repeating: 0, count: 3 * atoms)
    for i in 0..<atoms {
        let f = [rng.uniform(), rng.uniform(), rng.uniform()]
        for k in 0..<3 { positions[3 * i + k] = f[0] * cell[k] + f[1] * cell[3 + k] + f[2] * cell[6 + k] }
    }
    return Frame(types: (0..<atoms).map { _ in rng.integer(below: typeCount) }, positions: positions, cell: cell)
}

/// A readable description of the first slot where two lists differ, nil when equal.
func firstDifference(_ u: NeighbourList, _ v: NeighbourList) -> String? {
    guard u.sel == v.sel, u.atomCount == v.atomCount else { return "shapes differ: \(u.sel) vs \(v.sel)" }
    if u.droppedCount != v.droppedCount { return "droppedCount \(u.droppedCount) vs \(v.droppedCount)" }
    for slot in u.neighbour.indices {
        let img = { (l: NeighbourList) in Array(l.image[(3 * slot)..<(3 * slot + 3)]) }
        if u.neighbour[slot] != v.neighbour[slot] || u.distance[slot] != v.distance[slot] || img(u) != img(v)
            || u.shift[(3 * slot)..<(3 * slot + 3)] != v.shift[(3 * slot)..<(3 * slot + 3)] {
            return "atom \(slot / u.nnei) slot \(slot % u.nnei): (\(u.neighbour[slot]), \(img(u)), \(u.distance[slot])) "
                + "vs (\(v.neighbour[slot]), \(img(v)), \(v.distance[slot]))"
        }
    }
    return nil
}

/// Per-block sel that fits every atom of `frame`, from the brute-force reference with ample slots.
func fittingSel(_ frame: Frame, rcut: Double, typeCount: Int, typeBlocks: Bool) throws -> [Int] {
    let blocks = typeBlocks ? typeCount : 1
    // Slots per block: start near the expected count (cheap in debug builds), double on overflow.
    var roomy = frame.atomCount
    if let h = frame.cell {
        let density = Double(frame.atomCount) / (try PeriodicCell(h, source: "test").volume)
        roomy = Int(1.5 * density * 4 / 3 * .pi * rcut * rcut * rcut) + 16
    }
    while true {
        do {
            let list = try NeighbourList.bruteForce(frame: frame, rcut: rcut, sel: Array(repeating: roomy, count: blocks),
                                                    typeCount: typeCount, typeBlocks: typeBlocks)
            var fits = [Int](repeating: 0, count: blocks)
            for (slot, j) in list.neighbour.enumerated() where j >= 0 {
                let b = (slot % list.nnei) / roomy
                fits[b] = max(fits[b], slot % roomy + 1)
            }
            return fits
        } catch let error as DataError where error.problem.contains("exceed") {
            roomy *= 2
        }
    }
}

@Suite struct NeighbourListTests {
    /// 4 × 30 random triclinic frames (parallel test cases, one seed each).
    @Test(arguments: 0..<4)
    func matchesBruteForceOnRandomTriclinicCells(seed: Int) throws {
        let rng = RandomSource(seed: 20240601 + UInt64(seed))
        var largeCutoffs = 0, multiLayer = 0, manyAtoms = 0
        for trial in 0..<30 {
            let typeCount = 1 + rng.integer(below: 3)
            let cell = randomTriclinicCell(rng)
            let geometry = try PeriodicCell(cell, source: "test")
            let faces = geometry.faceDistances
            let dMin = faces.min()!
            let crowded = trial % 4 == 1  // 30–40 atoms with a short cutoff
            let rcut = dMin * (crowded ? rng.uniform(0.2, 0.6) : rng.uniform(0.2, 2.5))
            // 2–40 atoms, fewer when many images per pair or many neighbours per atom would make the
            // O(N² · images) reference (and sorting in a debug build) slow.
            let imagesPerPair = faces.reduce(1.0) { $0 * (2 * rcut / $1 + 1) }
            let sphereOverCell = 4 / 3 * .pi * rcut * rcut * rcut / geometry.volume
            let affordable = min(150_000 / imagesPerPair, 4_000 / sphereOverCell).squareRoot()
            let atoms = crowded ? 30 + rng.integer(below: 11) : min(2 + rng.integer(below: 39), max(2, Int(affordable)))
            let frame = randomPeriodicFrame(rng, atoms: atoms, typeCount: typeCount, cell: cell)
            if rcut > dMin / 2 { largeCutoffs += 1 }
            if rcut > dMin { multiLayer += 1 }
            if atoms >= 30 { manyAtoms += 1 }
            let typeBlocks = trial % 4 != 3
            let fits = try fittingSel(frame, rcut: rcut, typeCount: typeCount, typeBlocks: typeBlocks)
            // Every third trial truncates (sel below the maximum), the others pad.
            let truncate = trial % 3 == 0
            let sel = fits.map { truncate ? max(0, $0 - 2) : $0 + rng.integer(below: 3) }
            let policy: OverflowPolicy = truncate ? .dropFarthest : .error
            let fast = try NeighbourList.build(frame: frame, rcut: rcut, sel: sel, typeCount: typeCount,
                                               overflow: policy, typeBlocks: typeBlocks)
            let slow = try NeighbourList.bruteForce(frame: frame, rcut: rcut, sel: sel, typeCount: typeCount,
                                                    overflow: policy, typeBlocks: typeBlocks)
            #expect(firstDifference(fast, slow) == nil, "trial \(trial): \(firstDifference(fast, slow) ?? "")")
            if truncate && fits.contains(where: { $0 > 0 }) { #expect(fast.droppedCount > 0, "trial \(trial)") }
        }
        #expect(largeCutoffs > 10 && multiLayer > 5 && manyAtoms >= 7,
                "too few hard trials: \(largeCutoffs) with rcut > d/2, \(multiLayer) with rcut > d, \(manyAtoms) with ≥ 30 atoms")
    }

    @Test func matchesBruteForceOnNonPeriodicFrames() throws {
        let rng = RandomSource(seed: 7)
        for trial in 0..<40 {
            let atoms = 1 + rng.integer(below: 40)
            var positions = (0..<(3 * atoms)).map { _ in rng.uniform(-6, 6) }
            if trial % 5 == 0 {  // a distant second cluster: sparse bounding box, capped grid
                for i in 0..<(atoms / 2) { positions[3 * i] += 1000 }
            }
            let frame = Frame(types: (0..<atoms).map { _ in rng.integer(below: 2) }, positions: positions)
            let rcut = rng.uniform(0.5, 8)
            let sel = try fittingSel(frame, rcut: rcut, typeCount: 2, typeBlocks: true)
            let fast = try NeighbourList.build(frame: frame, rcut: rcut, sel: sel, typeCount: 2)
            let slow = try NeighbourList.bruteForce(frame: frame, rcut: rcut, sel: sel, typeCount: 2)
            #expect(firstDifference(fast, slow) == nil, "trial \(trial): \(firstDifference(fast, slow) ?? "")")
            #expect(fast.image.allSatisfy { $0 == 0 } && fast.shift.allSatisfy { $0 == 0 })
        }
    }

    @Test func slotsAreConsistentWithShiftsAndBlocks() throws {
        let rng = RandomSource(seed: 99)
        for _ in 0..<10 {
            let cell = randomTriclinicCell(rng, lengths: 3...6)
            let frame = randomPeriodicFrame(rng, atoms: 12, typeCount: 2, cell: cell)
            let rcut = 4.5
            let sel = try fittingSel(frame, rcut: rcut, typeCount: 2, typeBlocks: true).map { $0 + 2 }
            let list = try NeighbourList.build(frame: frame, rcut: rcut, sel: sel, typeCount: 2)
            let x = frame.positions
            for i in 0..<list.atomCount {
                for slot in 0..<list.nnei {
                    let s = i * list.nnei + slot, j = list.neighbour[s]
                    let block = slot < sel[0] ? 0 : 1
                    guard j >= 0 else {
                        #expect(list.distance[s] == 0 && list.shift[(3 * s)..<(3 * s + 3)].allSatisfy { $0 == 0 })
                        continue
                    }
                    #expect(frame.types[j] == block)
                    let img = (0..<3).map { Double(list.image[3 * s + $0]) }
                    var r2 = 0.0
                    for k in 0..<3 {
                        let latticeShift = img[0] * cell[k] + img[1] * cell[3 + k] + img[2] * cell[6 + k]
                        #expect(abs(list.shift[3 * s + k] - latticeShift) < 1e-12)
                        let r = x[3 * j + k] + list.shift[3 * s + k] - x[3 * i + k]
                        r2 += r * r
                    }
                    #expect(abs(r2.squareRoot() - list.distance[s]) < 1e-12)
                    #expect(list.distance[s] > 0 && list.distance[s] < rcut)
                    #expect(!(j == i && img == [0, 0, 0]))
                    let blockStart = block == 0 ? 0 : sel[0]
                    if slot > blockStart, list.neighbour[s - 1] >= 0 { #expect(list.distance[s - 1] <= list.distance[s]) }
                    if slot > blockStart { #expect(list.neighbour[s - 1] >= 0, "padding must come last in a block") }
                }
            }
        }
    }

    @Test func unwrappedPositionsGiveTheSameNeighbours() throws {
        let rng = RandomSource(seed: 3)
        for _ in 0..<10 {
            let cell = randomTriclinicCell(rng)
            let frame = randomPeriodicFrame(rng, atoms: 15, typeCount: 2, cell: cell)
            let rcut = try PeriodicCell(cell, source: "test").faceDistances.min()! * 0.9
            var far = frame
            var n = [Int](repeating: 0, count: 45)
            for i in 0..<15 {
                for c in 0..<3 { n[3 * i + c] = rng.integer(below: 41) - 20 }
                for k in 0..<3 {
                    far.positions[3 * i + k] += Double(n[3 * i]) * cell[k] + Double(n[3 * i + 1]) * cell[3 + k]
                        + Double(n[3 * i + 2]) * cell[6 + k]
                }
            }
            let sel = try fittingSel(frame, rcut: rcut, typeCount: 2, typeBlocks: true).map { $0 + 1 }
            let near = try NeighbourList.build(frame: frame, rcut: rcut, sel: sel, typeCount: 2)
            let moved = try NeighbourList.build(frame: far, rcut: rcut, sel: sel, typeCount: 2)
            #expect(firstDifference(moved, try NeighbourList.bruteForce(frame: far, rcut: rcut, sel: sel, typeCount: 2)) == nil)
            for i in 0..<15 {
                // The same neighbour j sits at x_j + image·h: moving x_j by n_j·h (and x_i by n_i·h)
                // changes its image by n_i − n_j.
                func entries(_ l: NeighbourList, adjust: Bool) -> [String] {
                    (0..<l.nnei).compactMap { slot -> String? in
                        let s = i * l.nnei + slot, j = l.neighbour[s]
                        guard j >= 0 else { return nil }
                        let img = (0..<3).map { Int(l.image[3 * s + $0]) + (adjust ? n[3 * j + $0] - n[3 * i + $0] : 0) }
                        return "\(j) \(img)"
                    }.sorted()
                }
                #expect(entries(near, adjust: false) == entries(moved, adjust: true))
                let dn = near.distance[(i * near.nnei)..<((i + 1) * near.nnei)].sorted()
                let dm = moved.distance[(i * near.nnei)..<((i + 1) * near.nnei)].sorted()
                #expect(zip(dn, dm).allSatisfy { abs($0 - $1) < 1e-9 })
            }
        }
    }

    @Test func overflowErrorNamesFrameAtomTypeCountAndSel() throws {
        // Simple cubic, a = 2 Å, rcut 2.1: six type-0 neighbours (the ±a, ±b, ±c images of atom 0).
        let frame = Frame(types: [0], positions: [0.3, 0.2, 0.1], cell: [2, 0, 0, 0, 2, 0, 0, 0, 2])
        do {
            _ = try NeighbourList.build(frame: frame, rcut: 2.1, sel: [4, 3], typeCount: 2, frameIndex: 7, source: "sys")
            Issue.record("expected an overflow error")
        } catch let error as DataError {
            let text = error.description
            #expect(!text.contains("\n"))
            for part in ["sys", "frame 7", "atom 0", "6 neighbours", "type 0", "sel[0] = 4"] {
                #expect(text.contains(part), "missing '\(part)' in: \(text)")
            }
        }
    }

    @Test func dropFarthestKeepsTheNearest() throws {
        // A chain on the x axis at 0, 1, 2, 3, 4 Å: every atom sees the other four within rcut 10.
        let frame = Frame(types: [0, 0, 0, 0, 0], positions: [0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 0, 0, 4, 0, 0])
        let list = try NeighbourList.build(frame: frame, rcut: 10, sel: [2], typeCount: 1, overflow: .dropFarthest)
        #expect(list.droppedCount == 5 * 2)
        #expect(Array(list.neighbour[0..<2]) == [1, 2] && Array(list.distance[0..<2]) == [1, 2])
        #expect(Array(list.neighbour[4..<6]) == [1, 3], "ties at 1 Å ordered by owner index")
        #expect(Array(list.neighbour[8..<10]) == [3, 2])
    }

    @Test func badInputThrowsDataError() throws {
        let good = Frame(types: [0, 1], positions: [0, 0, 0, 1, 1, 1], cell: [3, 0, 0, 0, 3, 0, 0, 0, 3])
        var flat = good
        flat.cell = [3, 0, 0, 0, 3, 0, 6, 0, 0]
        var coincident = good
        coincident.positions = [1, 1, 1, 1, 1, 1]
        var badType = good
        badType.types = [0, 2]
        let cases: [(Frame, Double, String)] = [(flat, 2, "cell"), (coincident, 2, "coincide"),
                                                (badType, 2, "type 2"), (good, -1, "rcut")]
        for (frame, rcut, word) in cases {
            let error = #expect(throws: DataError.self) {
                _ = try NeighbourList.build(frame: frame, rcut: rcut, sel: [10, 10], typeCount: 2, source: "f.npy")
            }
            #expect(error?.file == "f.npy" && error?.problem.contains(word) == true, "\(String(describing: error))")
        }
    }

    @Test func maxNeighbourCountsMatchesBruteForceCounts() throws {
        let rng = RandomSource(seed: 11)
        var systems: [AtomSystem] = []
        var expected = [0, 0]
        for s in 0..<2 {
            let cell = randomTriclinicCell(rng, lengths: 4...7)
            let frames = (0..<3).map { _ in randomPeriodicFrame(rng, atoms: 10 + s, typeCount: 2, cell: cell) }
            for frame in frames {
                for (t, count) in try fittingSel(frame, rcut: 4, typeCount: 2, typeBlocks: true).enumerated() {
                    expected[t] = max(expected[t], count)
                }
            }
            systems.append(AtomSystem(name: "sys\(s)", frames: frames))
        }
        let counts = try NeighbourList.maxNeighbourCounts(dataset: Dataset(typeMap: ["O", "H"], systems: systems), rcut: 4)
        #expect(counts == expected)
        #expect(counts.allSatisfy { $0 > 0 })
    }
}
