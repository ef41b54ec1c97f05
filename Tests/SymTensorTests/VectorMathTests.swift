import Foundation
import Testing
@testable import SymTensor

@Suite("Vectorised tanh and exp")
struct VectorMathTests {
    /// Distance in units in the last place between two finite doubles of the same sign.
    static func ulps(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        return abs(a - b) / max(a.ulp, b.ulp)
    }

    static var sweep: [Double] {
        var xs = stride(from: -40.0, through: 40.0, by: 0.001).map { $0 }
        xs += [1e-300, -1e-300, 1e-17, -1e-9, 5e-324, 19.999, 20.0, 20.5, -700, 700, 708.9, -707.9, 709.5, -720, 800, -800,
               .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan, 0.0, -0.0]
        var r = TestRandom(seed: 9)
        xs += (0..<20_000).map { _ in (r.next() - 0.5) * 1400 }
        return xs
    }

    /// One vectorised kernel and its libm reference.
    struct Kernel: CustomTestStringConvertible, Sendable {
        let name: String
        let fast: @Sendable ([Double]) -> [Double]
        let reference: @Sendable (Double) -> Double
        var testDescription: String { name }
    }

    static let kernels = [Kernel(name: "tanh", fast: { VectorMath.vectorisedTanh($0) }, reference: { Foundation.tanh($0) }),
                          Kernel(name: "exp", fast: { VectorMath.vectorisedExp($0) }, reference: { Foundation.exp($0) })]

    /// Within 4 ulp of Foundation on the sweep; NaN, ±inf, zeros (with sign) and overflow exactly as libm.
    @Test(arguments: kernels)
    func withinFewUlpsOfFoundation(_ k: Kernel) {
        let xs = Self.sweep
        var worst = 0.0
        for (x, y) in zip(xs, k.fast(xs)) {
            let ref = k.reference(x)
            if ref.isNaN { #expect(y.isNaN, "\(k.name)(\(x))"); continue }
            if ref.isInfinite || ref == 0 { #expect(y == ref && y.sign == ref.sign, "\(k.name)(\(x))"); continue }
            #expect(ref.sign == y.sign, "sign of \(k.name)(\(x))")
            worst = max(worst, Self.ulps(y, ref))
        }
        #expect(worst <= 4, "\(k.name): max ulp error \(worst)")
    }
}
