import Testing
@testable import SymAtoms

@Suite struct NeighbourPeriodicImagesTests {
    @Test func orthorhombicFaceDistancesAreTheEdgeLengths() throws {
        let cell = try PeriodicCell([3, 0, 0, 0, 4, 0, 0, 0, 5], source: "t")
        #expect(cell.faceDistances == [3, 4, 5])
        #expect(abs(cell.volume - 60) < 1e-12)
        #expect(cell.imageLayers(rcut: 6) == [2, 2, 2])
        #expect(cell.imageLayers(rcut: 3) == [1, 1, 1])
        #expect(cell.imageLayers(rcut: 7.5) == [3, 2, 2])
    }

    @Test func triclinicFaceDistancesMatchInverseColumns() throws {
        // Independent identity: d_k = 1/‖column k of h⁻¹‖ (the gradient of fractional coordinate k).
        let rng = RandomSource(seed: 17)
        for _ in 0..<20 {
            let h = randomTriclinicCell(rng)
            let cell = try PeriodicCell(h, source: "t")
            for r in 0..<3 {
                for c in 0..<3 {
                    let product = (0..<3).reduce(0.0) { $0 + h[3 * r + $1] * cell.inverse[3 * $1 + c] }
                    #expect(abs(product - (r == c ? 1 : 0)) < 1e-12)
                }
            }
            for k in 0..<3 {
                let column = (0..<3).reduce(0.0) { $0 + cell.inverse[3 * $1 + k] * cell.inverse[3 * $1 + k] }
                #expect(abs(cell.faceDistances[k] - 1 / column.squareRoot()) < 1e-10 * cell.faceDistances[k])
            }
            #expect(abs(cell.volume - abs(DenseLinearAlgebra.determinant3(h))) < 1e-10 * cell.volume)
        }
    }

    @Test func wrapBringsPositionsIntoTheCell() throws {
        let rng = RandomSource(seed: 23)
        let h = randomTriclinicCell(rng)
        let cell = try PeriodicCell(h, source: "t")
        let positions = (0..<60).map { _ in rng.uniform(-80, 80) }
        let (wrapped, offsets) = try cell.wrap(positions, source: "t")
        let f = cell.fractional(wrapped)
        #expect(f.allSatisfy { $0 > -1e-12 && $0 < 1 + 1e-12 })
        for atom in 0..<20 {
            let back = cell.latticeShift(offsets[3 * atom], offsets[3 * atom + 1], offsets[3 * atom + 2])
            for k in 0..<3 { #expect(abs(wrapped[3 * atom + k] + back[k] - positions[3 * atom + k]) < 1e-10) }
        }
        #expect(offsets.contains { $0 != 0 })
    }

    @Test(arguments: [
        [3.0, 0, 0, 0, 3, 0, 6, 0, 0],          // c parallel to a
        [3.0, 0, 0, 0, 0, 0, 0, 0, 3],          // b = 0
        [3.0, 0, 0, 0, 3, 0, 1, 1, 1e-12],      // c nearly in the a-b plane
        [3.0, 0, 0, 0, 3, 0, 0, 0, .nan],
        [3.0, 0, 0, 0, 3, 0, 0, 0],              // 8 numbers
    ])
    func degenerateCellsThrowNamingTheCell(h: [Double]) {
        let error = #expect(throws: DataError.self) { try PeriodicCell(h, source: "box.npy", frameIndex: 4) }
        #expect(error?.file == "box.npy")
        #expect(error?.problem.contains("cell") == true && error?.problem.contains("frame 4") == true)
    }

    @Test func determinantIsSignedAndNeedsNoValidCell() throws {
        let rng = RandomSource(seed: 29)
        for _ in 0..<10 {
            let h = randomTriclinicCell(rng)
            let leftHanded = Array(h[3..<6] + h[0..<3] + h[6..<9])  // rows a and b swapped
            let lu = DenseLinearAlgebra.determinant3(h)
            #expect(abs(PeriodicCell.determinant(h) - lu) < 1e-12 * abs(lu))
            #expect(abs(PeriodicCell.determinant(leftHanded) + lu) < 1e-12 * abs(lu))
            #expect(abs(try PeriodicCell(leftHanded, source: "t").volume - abs(lu)) < 1e-12 * abs(lu))
        }
        #expect(PeriodicCell.determinant([3, 0, 0, 0, 3, 0, 6, 0, 0]) == 0)  // rejected by init, fine here
    }

    @Test func latticeShiftIsTheIntegerCombinationOfRows() throws {
        let h = [1.0, 2, 3, -4, 5, 6, 7, 8, -9]
        let cell = try PeriodicCell(h, source: "t")
        #expect(cell.latticeShift(2, -1, 3) == SIMD3<Double>(2 + 4 + 21, 4 - 5 + 24, 6 - 6 - 27))
    }
}
