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

/// Two smooth tables of three channels (sin(ωx + φ)), for the op checks: exact values at the
/// nodes, so the interpolant is smooth but not itself a polynomial.
func smoothTables() -> [QuinticTable] {
    (0..<2).map { t in
        let grid = QuinticTable(start: -1, fineStride: 0.25, fineIntervals: 8, coarseStride: 0.5, coarseIntervals: 3, width: 1,
                                coefficients: [Double](repeating: 0, count: 66))
        let omega = [1.3, 2.1, 0.7].map { $0 + 0.4 * Double(t) }, phase = [0.2, -0.5, 1.1]
        func data(_ f: (Double, Double, Double) -> Double) -> [Double] { grid.nodes.flatMap { x in (0..<3).map { f(omega[$0], phase[$0], x) } } }
        return .hermite(start: -1, fineStride: 0.25, fineIntervals: 8, coarseStride: 0.5, coarseIntervals: 3, width: 3,
                        values: data { w, p, x in sin(w * x + p) }, first: data { w, p, x in w * cos(w * x + p) },
                        second: data { w, p, x in -w * w * sin(w * x + p) })
    }
}

@Suite("Piecewise quintic tables")
struct QuinticTableTests {
    static let quintic: [Double] = [0.3, -1.2, 0.8, 0.5, -0.25, 0.15]

    @Test("a quintic is reproduced exactly, with all its derivatives, on both grids")
    func reproducesQuintics() {
        let table = polynomialTable([Self.quintic, [1, 2, 0, 0, 0, 0]])
        var worst = 0.0
        for x in stride(from: -0.999, to: 2.5, by: 0.0173) {
            for order in 0...6 {
                var exact = 0.0
                for (k, a) in Self.quintic.enumerated() where k >= order {
                    var f = a
                    for q in 0..<order { f *= Double(k - q) }
                    exact += f * pow(x, Double(k - order))
                }
                worst = max(worst, abs(table.evaluate(x, derivative: order)[0] - exact) / max(1, abs(exact)))
            }
            #expect(abs(table.evaluate(x)[1] - (1 + 2 * x)) < 1e-12)
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
                for c in 0..<3 { #expect(abs(a[c] - b[c]) < 1e-12, "node \(k) order \(order) channel \(c)") }
            }
        }
        // sin(2.1x − 0.5) between nodes: the quintic Hermite error is ≤ h⁶/46080 · max|f⁽⁶⁾| = 0.25⁶ · 2.1⁶ / 46080 ≈ 4.5e-7
        let mid = table.evaluate(0.125 + 0.25 * 1)[1]
        #expect(abs(mid - sin(2.1 * 0.375 - 0.5)) < 2e-6 && abs(mid - sin(2.1 * 0.375 - 0.5)) > 0)
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

    @Test("the op and its contraction agree with evaluate, per element's table")
    func opMatchesEvaluate() {
        let tables = smoothTables()
        let x = Tensor(shape: [2, 3], scalars: [-0.8, 0.1, 0.55, 1.7, 2.2, -3])
        let index = [0, 1, 1, 0, 1, 0]
        let y = x.tabulated(tables, table: index, derivative: 1)
        #expect(y.shape == [2, 3, 3])
        let g = Tensor(shape: [2, 3, 3], scalars: (0..<18).map { Double($0) / 7 - 1 })
        let z = x.tabulatedContracted(tables, table: index, with: g, derivative: 1)
        for i in 0..<6 {
            let row = tables[index[i]].evaluate(x.scalars[i], derivative: 1)
            #expect(Array(y.scalars[(3 * i)..<(3 * i + 3)]) == row)
            #expect(abs(z.scalars[i] - (0..<3).map { g.scalars[3 * i + $0] * row[$0] }.reduce(0, +)) < 1e-15)
        }
    }
}
