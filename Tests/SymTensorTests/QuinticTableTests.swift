import Foundation
import Testing
@testable import SymTensor

/// A table of the polynomial channels `coefficients[c]` (ascending powers, degree ≤ 5) on a fine
/// grid of 8 intervals over [-1, 1) and a coarse one of 3 intervals up to 2.5, fitted from exact
/// values and derivatives at the nodes.
func polynomialTable(_ coefficients: [[Double]]) -> QuinticTable {
    func derivative(_ p: [Double], _ order: Int, _ x: Double) -> Double {
        var y = 0.0
        for (k, a) in p.enumerated() where k >= order {
            var f = a
            for q in 0..<order { f *= Double(k - q) }
            y += f * pow(x, Double(k - order))
        }
        return y
    }
    let grid = QuinticTable(start: -1, fineStride: 0.25, fineIntervals: 8, coarseStride: 0.5, coarseIntervals: 3, width: 1,
                            coefficients: [Double](repeating: 0, count: 66))
    let nodes = grid.nodes, m = coefficients.count
    func data(_ order: Int) -> [Double] { nodes.flatMap { x in coefficients.map { derivative($0, order, x) } } }
    return .hermite(start: -1, fineStride: 0.25, fineIntervals: 8, coarseStride: 0.5, coarseIntervals: 3, width: m,
                    values: data(0), first: data(1), second: data(2))
}

/// Two smooth tables of ten channels (sin(ωx + φ); eight go through the SIMD8 kernel, two through
/// its scalar tail), for the op checks: exact values at the nodes, so the interpolant is smooth but
/// not itself a polynomial.
func smoothTables() -> [QuinticTable] {
    (0..<2).map { t in
        let grid = QuinticTable(start: -1, fineStride: 0.25, fineIntervals: 8, coarseStride: 0.5, coarseIntervals: 3, width: 1,
                                coefficients: [Double](repeating: 0, count: 66))
        let omega = (0..<10).map { 0.7 + 0.15 * Double($0) + 0.4 * Double(t) }, phase = (0..<10).map { 0.3 * Double($0) - 0.5 }
        func data(_ f: (Double, Double, Double) -> Double) -> [Double] { grid.nodes.flatMap { x in (0..<10).map { f(omega[$0], phase[$0], x) } } }
        return .hermite(start: -1, fineStride: 0.25, fineIntervals: 8, coarseStride: 0.5, coarseIntervals: 3, width: 10,
                        values: data { w, p, x in sin(w * x + p) }, first: data { w, p, x in w * cos(w * x + p) },
                        second: data { w, p, x in -w * w * sin(w * x + p) })
    }
}

@Suite("Piecewise quintic tables")
struct QuinticTableTests {
    static let quintic: [Double] = [0.3, -1.2, 0.8, 0.5, -0.25, 0.15]

    @Test("quintics are reproduced exactly, with all their derivatives, on both grids (SIMD8 channels and the tail)")
    func reproducesQuintics() {
        let channels = (0..<11).map { c in Self.quintic.enumerated().map { $0.element * (1 + 0.1 * Double(c * ($0.offset + 1))) } }
        let table = polynomialTable(channels)
        var worst = 0.0
        for x in stride(from: -0.999, to: 2.5, by: 0.0173) {
            for order in 0...6 {
                let got = table.evaluate(x, derivative: order)
                for (c, q) in channels.enumerated() {
                    var exact = 0.0
                    for (k, a) in q.enumerated() where k >= order {
                        var f = a
                        for j in 0..<order { f *= Double(k - j) }
                        exact += f * pow(x, Double(k - order))
                    }
                    worst = max(worst, abs(got[c] - exact) / max(1, abs(exact)))
                }
            }
        }
        #expect(worst < 1e-10, "worst relative error \(worst)")  // a₅ = (…)/2h⁵ amplifies round-off
    }

    @Test("the interpolant is C² at every node and close to the function between nodes")
    func continuityAtNodes() throws {
        let table = try #require(smoothTables().first)
        for k in 1..<table.intervals {
            let x = table.node(k), below = x.nextDown.nextDown, above = x
            for order in 0...2 {
                let a = table.evaluate(below, derivative: order), b = table.evaluate(above, derivative: order)
                for c in 0..<10 { #expect(abs(a[c] - b[c]) < 1e-12, "node \(k) order \(order) channel \(c)") }
            }
        }
        // sin(2.05x + 2.2) between nodes: the quintic Hermite error is ≤ h⁶/46080 · max|f⁽⁶⁾| = 0.25⁶ · 2.05⁶ / 46080 ≈ 4e-7
        let mid = table.evaluate(0.375)[9]
        #expect(abs(mid - sin(2.05 * 0.375 + 2.2)) < 1e-6 && abs(mid - sin(2.05 * 0.375 + 2.2)) > 0)
    }

    @Test("outside the table: linear continuation with the end's value and slope (DeePMD-kit 3.2.0); NaN stays NaN")
    func linearOutsideTheTable() {
        let table = polynomialTable([Self.quintic])
        func q(_ x: Double, _ order: Int = 0) -> Double {
            var y = 0.0
            for (k, a) in Self.quintic.enumerated() where k >= order {
                var f = a
                for j in 0..<order { f *= Double(k - j) }
                y += f * pow(x, Double(k - order))
            }
            return y
        }
        #expect(table.end == 2.5 && table.fineEnd == 1)
        for (x, edge) in [(-1.5, -1.0), (-40.0, -1.0), (2.5, 2.5), (3.25, 2.5), (1e3, 2.5)] {
            let expected = q(edge) + q(edge, 1) * (x - edge)
            #expect(abs(table.evaluate(x)[0] - expected) < 1e-10 * max(1, abs(expected)), "x = \(x)")
            #expect(abs(table.evaluate(x, derivative: 1)[0] - q(edge, 1)) < 1e-10 * max(1, abs(q(edge, 1))), "x = \(x)")
            #expect(table.evaluate(x, derivative: 2)[0] == 0 && table.evaluate(x, derivative: 3)[0] == 0)
        }
        #expect(table.evaluate(.nan)[0].isNaN)
    }

    @Test("the op and its contraction agree with evaluate, per element's table, inside and outside the table")
    func opMatchesEvaluate() {
        let tables = smoothTables()
        let x = Tensor(shape: [2, 3], scalars: [-0.8, 0.1, 0.55, 1.7, 2.7, -3])
        let index = [0, 1, 1, 0, 1, 0]
        for order in 0...2 {
            let y = x.tabulated(tables, table: index, derivative: order)
            #expect(y.shape == [2, 3, 10])
            let g = Tensor(shape: [2, 3, 10], scalars: (0..<60).map { Double($0) / 37 - 0.8 })
            let z = x.tabulatedContracted(tables, table: index, with: g, derivative: order)
            for i in 0..<6 {
                let row = tables[index[i]].evaluate(x.scalars[i], derivative: order)
                #expect(Array(y.scalars[(10 * i)..<(10 * i + 10)]) == row)
                let expected = (0..<10).map { g.scalars[10 * i + $0] * row[$0] }.reduce(0, +)
                #expect(abs(z.scalars[i] - expected) < 1e-14 * max(1, abs(expected)), "order \(order), element \(i)")
            }
        }
    }
}
