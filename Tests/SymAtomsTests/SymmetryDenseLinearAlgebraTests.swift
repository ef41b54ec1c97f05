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

@Suite struct SingularValuesTests {
    /// diag(3, 2, 1)·(rotation) has singular values 3, 2, 1; a rank-1 outer product 0 beyond the first.
    @Test func knownSpectra() throws {
        let c = 0.6, s = 0.8  // rotation about z
        let m = [3 * c, -3 * s, 0, 2 * s, 2 * c, 0, 0, 0, 1, 0, 0, 0]  // 4×3: rows of diag(3,2,1)R, then zeros
        let sigma = try #require(singularValues(m, rows: 4, columns: 3))
        #expect(zip(sigma, [3.0, 2, 1]).allSatisfy { abs($0 - $1) < 1e-14 })
        let outer = [1.0, 2, 3, 2, 4, 6, 3, 6, 9]  // u uᵀ, u = (1, 2, 3): σ₁ = |u|² = 14
        let rank1 = try #require(singularValues(outer, rows: 3, columns: 3))
        #expect(abs(rank1[0] - 14) < 1e-13 && rank1[1] < 1e-14 && rank1[2] < 1e-14)
        #expect(singularValues([1, 2], rows: 1, columns: 2) == nil)
    }
}
