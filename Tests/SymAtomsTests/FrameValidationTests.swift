import Foundation
import Testing
@testable import SymAtoms

@Suite struct FrameValidationTests {
    let origin = FrameOrigin(source: "sys", arrayFiles: ["coord": "sys/set.000/coord.npy", "box": "sys/set.000/box.npy",
                                                         "force": "sys/set.000/force.npy", "type": "sys/type.raw"], frame: 4)
    let map = ["O", "H"]
    let cube: [Double] = [10, 0, 0, 0, 10, 0, 0, 0, 10]

    func frame(_ positions: [Double], cell: [Double]? = nil) -> Frame {
        Frame(types: [Int](repeating: 0, count: positions.count / 3), positions: positions, cell: cell)
    }

    @Test func acceptsAGoodFrame() throws {
        let good = Frame(types: [0, 1, 1], positions: [0, 0, 0, 0.96, 0, 0, -0.24, 0.93, 0], cell: cube,
                         energy: -1, forces: [Double](repeating: 0.5, count: 9), virial: [Double](repeating: 0, count: 9))
        try validateFrame(good, typeMap: map, origin: origin)
    }

    @Test func reportsLengthsTypesAndNonFiniteValues() {
        var bad = Frame(types: [0, 1], positions: [0, 0, 0, 1, 1, 1], forces: [0, 0, 0])
        IOTest.expectDataError(file: "force.npy", "frame 4: force has 3 values, expected 6 (3 x 2 atoms)") {
            try validateFrame(bad, typeMap: map, origin: origin)
        }
        bad = Frame(types: [0, -1], positions: [0, 0, 0, 1, 1, 1])
        IOTest.expectDataError(file: "type.raw", "atom 1 has type index -1, outside type_map [O, H]") {
            try validateFrame(bad, typeMap: map, origin: origin)
        }
        bad = Frame(types: [0], positions: [0, 0, 0], cell: [1, 2, .nan, 0, 0, 0, 0, 0, 0])
        IOTest.expectDataError(file: "box.npy", "box contains NaN at entry 2") { try validateFrame(bad, typeMap: map, origin: origin) }
        bad = Frame(types: [0], positions: [0, 0, 0], energy: -.infinity)
        IOTest.expectDataError(file: "sys", "frame 4: energy contains inf") { try validateFrame(bad, typeMap: map, origin: origin) }
    }

    @Test func reportsDegenerateCells() {
        let flat = frame([0, 0, 0], cell: [5, 0, 0, 0, 5, 0, 1e-9, 0, 0])
        IOTest.expectDataError(file: "box.npy", "is zero or degenerate") { try validateFrame(flat, typeMap: map, origin: origin) }
        let leftHanded = frame([0, 0, 0], cell: [5, 0, 0, 0, 0, 5, 0, 5, 0])  // det = -125: a valid cell
        #expect(throws: Never.self) { try validateFrame(leftHanded, typeMap: map, origin: origin) }
    }

    @Test func reportsOverlapsIncludingPeriodicImages() {
        IOTest.expectDataError(file: "coord.npy", "atoms 0 and 1 overlap: distance 0.09 Å < 0.1 Å") {
            try validateFrame(frame([0, 0, 0, 0, 0.09, 0]), typeMap: map, origin: origin)
        }
        #expect(throws: Never.self) { try validateFrame(frame([0, 0, 0, 0, 0.11, 0]), typeMap: map, origin: origin) }
        // 0.06 Å apart through the face x = 0 of the cube, and through a far image (positions unwrapped).
        IOTest.expectDataError(file: "coord.npy", "atoms 1 and 2 overlap: distance 0.06 Å (minimum image)") {
            try validateFrame(frame([5, 5, 5, 0.03, 1, 1, 29.97, -19, 31], cell: cube), typeMap: map, origin: origin)
        }
        // A cell thinner than 0.1 Å along c: each atom overlaps its own image.
        IOTest.expectDataError(file: "coord.npy", "own periodic image") {
            try validateFrame(frame([0, 0, 0], cell: [10, 0, 0, 0, 10, 0, 0, 0, 0.08]), typeMap: map, origin: origin)
        }
    }

    /// Skewed cells, pairs at a known minimum-image distance with random lattice shifts added: an
    /// overlap is reported exactly when that distance is below 0.1 Å.
    @Test func overlapUsesTheMinimumImageInSkewedCells() throws {
        let random = RandomSource(seed: 11)
        for _ in 0..<200 {
            let cell = [4.0, 0, 0, random.uniform(-2, 2), 4, 0, random.uniform(-2, 2), random.uniform(-2, 2), 4]
            var d = (0..<3).map { _ in random.gaussian() }
            let length = random.uniform(0.02, 0.18)
            let norm = (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).squareRoot()
            d = d.map { $0 * length / norm }
            let start = (0..<3).map { _ in random.uniform(-3, 7) }
            let shift = (0..<3).map { _ in Double(random.integer(below: 7)) - 3 }
            let end = (0..<3).map { k in start[k] + d[k] + shift[0] * cell[k] + shift[1] * cell[3 + k] + shift[2] * cell[6 + k] }
            let pair = frame(start + end, cell: cell)
            let threw = (try? validateFrame(pair, typeMap: map, origin: origin)) == nil
            #expect(threw == (length < 0.1), "length \(length), cell \(cell), shift \(shift)")
        }
    }

    @Test func validatesWholeDatasets() throws {
        let a = Frame(types: [0, 1], positions: [0, 0, 0, 1, 0, 0])
        let b = Frame(types: [1, 0], positions: [0, 0, 0, 1, 0, 0])
        try validate(Dataset(typeMap: map, systems: [AtomSystem(name: "s", frames: [a, a])]), source: "d")
        IOTest.expectDataError(file: "s", "frame 1: type list differs from frame 0") {
            try validate(Dataset(typeMap: map, systems: [AtomSystem(name: "s", frames: [a, b])]), source: "d")
        }
        IOTest.expectDataError(file: "s", "system has no frames") {
            try validate(Dataset(typeMap: map, systems: [AtomSystem(name: "s", frames: [])]), source: "d")
        }
        IOTest.expectDataError(file: "d", "empty type map") { try validate(Dataset(typeMap: [], systems: []), source: "d") }
        IOTest.expectDataError(file: "d", "no systems") { try validate(Dataset(typeMap: map, systems: []), source: "d") }
    }
}
