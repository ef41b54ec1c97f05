import Testing
@testable import SymAtoms

@Suite struct SymmetryDenseLinearAlgebraTests {
    static let m = [2.0, -1, 0, 1, 3, 2, 0, 1, 4]   // det = 2(12 − 2) + 1(4 − 0) = 24

    @Test func determinantAndInverse() throws {
        #expect(abs(DenseLinearAlgebra.determinant3(Self.m) - 24) < 1e-12)
        let inv = try #require(DenseLinearAlgebra.inverse3(Self.m))
        let product = DenseLinearAlgebra.multiply(Self.m, rows: 3, inner: 3, inv, columns: 3)
        for k in 0..<9 { #expect(abs(product[k] - (k % 4 == 0 ? 1 : 0)) < 1e-12) }
        #expect(DenseLinearAlgebra.inverse3([1, 2, 3, 2, 4, 6, 0, 0, 1]) == nil)
    }

    @Test func multiplyWithTransposedRightFactor() {
        // [1 2 3; 4 5 6] · mᵀ, entries written out: row·row dot products.
        let a = [1.0, 2, 3, 4, 5, 6]
        let c = DenseLinearAlgebra.multiply(a, rows: 2, inner: 3, Self.m, columns: 3, transposeB: true)
        #expect(c == [0, 13, 14, 3, 31, 29])
    }
}
