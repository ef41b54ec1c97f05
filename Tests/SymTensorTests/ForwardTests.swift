import Foundation
import Testing
@testable import SymTensor

/// Forward values of the ops against slow, obvious loops.
@Suite("Forward values against naive loops")
struct ForwardTests {
    @Test func matmulMatchesNaiveLoops() {
        var r = TestRandom(seed: 3)
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let a = r.tensor(ta ? [4, 3] : [3, 4]), b = r.tensor(tb ? [5, 4] : [4, 5])
            let c = Tensor.matmul(a, b, transposeA: ta, transposeB: tb)
            #expect(c.shape == [3, 5])
            for i in 0..<3 { for j in 0..<5 {
                var s = 0.0
                for k in 0..<4 { s += (ta ? a.scalars[k * 3 + i] : a.scalars[i * 4 + k]) * (tb ? b.scalars[j * 4 + k] : b.scalars[k * 5 + j]) }
                #expect(abs(c.scalars[i * 5 + j] - s) < 1e-14)
            } }
        }
    }

    @Test func affineEqualsMatmulPlusBias() {
        var r = TestRandom(seed: 4)
        let x = r.tensor([7, 3]), w = r.tensor([3, 5]), b = r.tensor([5])
        let fused = Tensor.affine(x, w, b).scalars, plain = (Tensor.matmul(x, w) + b).scalars
        #expect(zip(fused, plain).allSatisfy { abs($0 - $1) < 1e-14 })
    }

    @Test func broadcastingAndReductions() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect((a + Tensor([10, 20, 30])).scalars == [11, 22, 33, 14, 25, 36])
        #expect((a * Tensor(shape: [2, 1], scalars: [2, 3])).scalars == [2, 4, 6, 12, 15, 18])
        #expect((Tensor(shape: [2, 1, 1], scalars: [1, 2]) - a).shape == [2, 2, 3])
        #expect(a.sum(axis: 0).scalars == [5, 7, 9])
        #expect(a.sum(axis: 1, keepDims: true).scalars == [6, 15])
        #expect(a.sum().scalar == 21)
        #expect(a.transposed().scalars == [1, 4, 2, 5, 3, 6])
        #expect(a.permuted([1, 0]).shape == [3, 2])
        #expect(a.slice(axis: 1, 1..<3).scalars == [2, 3, 5, 6])
        #expect(Tensor.concat([a, a.slice(axis: 1, 0..<1)], axis: 1).scalars == [1, 2, 3, 1, 4, 5, 6, 4])
        #expect(a.gather(rows: [1, 1]).scalars == [4, 5, 6, 4, 5, 6])
        #expect(a.scatterAdd(rows: [2, 2], extent: 3).scalars == [0, 0, 0, 0, 0, 0, 5, 7, 9])
        #expect(Tensor([1, 2]).broadcast(to: [2, 2]).scalars == [1, 2, 1, 2])
    }

    @Test func permuteOfRank4MatchesIndexMath() {
        var r = TestRandom(seed: 5)
        let x = r.tensor([2, 3, 4, 5])
        let y = x.permuted([3, 1, 0, 2])  // [5, 3, 2, 4]
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { for l in 0..<5 {
            #expect(y.scalars[((l * 3 + j) * 2 + i) * 4 + k] == x.scalars[((i * 3 + j) * 4 + k) * 5 + l])
        } } } }
    }

    @Test func maskedSoftmaxRowsSumToOneAndIgnoreMasked() {
        let x = Tensor(shape: [2, 3], scalars: [1, 2, 1000, 0, 0, 0])
        let y = x.maskedSoftmax(mask: [true, true, false, false, false, false])
        #expect(abs(y.scalars[0] + y.scalars[1] - 1) < 1e-15 && y.scalars[2] == 0)
        #expect(abs(y.scalars[1] / y.scalars[0] - M_E) < 1e-12)
        #expect(y.scalars[3...].allSatisfy { $0 == 0 })
    }

    @Test func blasIsOpenBLAS() {
        #expect(BLASInfo.config.contains("OpenBLAS"), "cblas bound to: \(BLASInfo.config)")
    }
}
