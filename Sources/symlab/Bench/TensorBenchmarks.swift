import Foundation
import SymTensor

/// Speed of the tensor core at DeePMD water shapes: dgemm, tanh/exp, and an MLP's forward,
/// backward and double-backward passes. Figures are ratios against baselines measured in the
/// same run (OpenBLAS square-dgemm peak, Foundation's scalar tanh/exp).
enum TensorBenchmarks {
    struct Options {
        var repeats = 5
        var rows = 26_496  // 192 atoms x 138 neighbours
    }

    static func random(_ shape: [Int], seed: UInt64) -> Tensor {
        var s = seed &* 0x9E3779B97F4A7C15
        return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in
            s = s &* 6364136223846793005 &+ 1442695040888963407
            return Double(s >> 11) / Double(1 << 53) - 0.5
        })
    }

    static func gflops(_ m: Int, _ k: Int, _ n: Int, seconds: Double) -> Double { 2.0 * Double(m * k * n) / seconds / 1e9 }

    /// dgemm GFLOP/s at the embedding- and fitting-net shapes, with % of the square-dgemm peak.
    static func dgemm(_ o: Options) -> String {
        func time(_ m: Int, _ k: Int, _ n: Int, repeats: Int) -> Double {
            let a = random([m, k], seed: 1), b = random([k, n], seed: 2)
            return measure(repeats: repeats) { _ = Tensor.matmul(a, b) }.first!
        }
        let peakN = 1024
        let peak = gflops(peakN, peakN, peakN, seconds: time(peakN, peakN, peakN, repeats: o.repeats))
        var table = TextTable(header: ["dgemm shape (M x K x N)", "role", "ms", "GFLOP/s", "% of peak"])
        table.rows.append(["\(peakN) x \(peakN) x \(peakN)", "peak reference", "", String(format: "%.1f", peak), "100"])
        let shapes: [(Int, Int, Int, String)] = [
            (o.rows, 1, 25, "embedding 1->25"), (o.rows, 25, 50, "embedding 25->50"), (o.rows, 50, 100, "embedding 50->100"),
            (192, 1600, 240, "fitting 1600->240"), (192, 240, 240, "fitting 240->240"), (192, 240, 1, "fitting 240->1"),
        ]
        for (m, k, n, role) in shapes {
            let t = time(m, k, n, repeats: o.repeats)
            let g = gflops(m, k, n, seconds: t)
            table.rows.append(["\(m) x \(k) x \(n)", role, String(format: "%.3f", t * 1e3), String(format: "%.1f", g),
                               String(format: "%.0f", 100 * g / peak)])
        }
        return table.render()
    }

    /// ns per element of the vectorised tanh/exp against Foundation's scalar loop.
    static func elementwise(_ o: Options) -> String {
        let n = o.rows * 100
        let x = random([n], seed: 3).scalars.map { $0 * 12 }
        var table = TextTable(header: ["function (\(n) elements)", "SymLab ns/elem", "Foundation ns/elem", "speed-up"])
        typealias Kernel = ([Double]) -> [Double]
        let scalarTanh: Kernel = { $0.map { Foundation.tanh($0) } }
        let scalarExp: Kernel = { $0.map { Foundation.exp($0) } }
        let cases: [(String, Kernel, Kernel)] = [("tanh", VectorMath.tanh, scalarTanh), ("exp", VectorMath.exp, scalarExp)]
        for (name, fast, slow) in cases {
            let tf = measure(repeats: o.repeats) { _ = fast(x) }.first!
            let ts = measure(repeats: o.repeats) { _ = slow(x) }.first!
            table.rows.append([name, String(format: "%.2f", tf / Double(n) * 1e9), String(format: "%.2f", ts / Double(n) * 1e9),
                               String(format: "%.1fx", ts / tf)])
        }
        return table.render()
    }

    /// A 3-layer tanh MLP 1 -> 25 -> 50 -> 100 on `rows` inputs (the embedding net's shape):
    /// forward; forward + backward (parameter gradients); forward + backward with graph +
    /// double backward (the force-loss pattern: d/dθ ‖∂E/∂x‖²).
    static func mlp(_ o: Options) -> String {
        let widths = [1, 25, 50, 100]
        var params: [Tensor] = []
        for l in 0..<3 {
            params.append(random([widths[l], widths[l + 1]], seed: UInt64(10 + l)))
            params.append(random([widths[l + 1]], seed: UInt64(20 + l)))
        }
        let vars = params.map { Tensor.variable(shape: $0.shape, scalars: $0.scalars) }
        let x = random([o.rows, 1], seed: 4)
        func energy(_ input: Tensor) -> Tensor {
            var h = input
            for l in 0..<3 { h = Tensor.affine(h, vars[2 * l], vars[2 * l + 1]).tanh() }
            return h.sum()
        }
        let forward = measure(repeats: o.repeats) { GradMode.withoutGrad { _ = energy(x) } }.median
        let backward = measure(repeats: o.repeats) { _ = gradients(of: energy(x), withRespectTo: vars) }.median
        let double = measure(repeats: o.repeats) {
            let xv = Tensor.variable(shape: x.shape, scalars: x.scalars)
            let force = gradients(of: energy(xv), withRespectTo: [xv], createGraph: true)[0]
            _ = gradients(of: force.squared().sum(), withRespectTo: vars)
        }.median
        var table = TextTable(header: ["tanh MLP 1-25-50-100 on \(o.rows) rows", "ms (median)", "x forward"])
        for (name, t) in [("forward", forward), ("forward + backward", backward), ("forward + backward + double backward", double)] {
            table.rows.append([name, String(format: "%.1f", t * 1e3), String(format: "%.2f", t / forward)])
        }
        return table.render()
    }
}
