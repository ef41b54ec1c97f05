import Foundation
import Testing
@testable import SymTensor

/// Deterministic pseudo-random tensors for tests (no GSL dependency in SymTensor).
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 6364136223846793005 &+ 1442695040888963407 }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    mutating func tensor(_ shape: [Int], in range: ClosedRange<Double> = -1...1) -> Tensor {
        Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in
            range.lowerBound + (range.upperBound - range.lowerBound) * next()
        })
    }
}

/// One finite-difference case: inputs and a function that rebuilds its graph from them.
struct OpCase: CustomTestStringConvertible {
    let name: String
    let inputs: [Tensor]
    let f: ([Tensor]) -> Tensor
    var testDescription: String { name }
}

/// The op table: every primitive op (and the composites built from them) with inputs that keep
/// the function smooth. `everyOpIsChecked` fails when an `OpName` has no case here.
let opCases: [OpCase] = {
    var r = TestRandom(seed: 7)
    let mask = (0..<12).map { $0 % 3 != 1 }
    // Constants used inside the closures are drawn once here: a closure must be a pure function.
    let c423 = r.tensor([4, 2, 3]), c43 = r.tensor([4, 3]), c234 = r.tensor([2, 3, 4])
    let c34 = r.tensor([3, 4]), c35 = r.tensor([3, 5])
    let tables = smoothTables(), tableIndex = [0, 1, 1, 0], c410 = r.tensor([4, 10])
    return [
        OpCase(name: "add broadcast", inputs: [r.tensor([3, 4]), r.tensor([4])]) { $0[0] + $0[1] },
        OpCase(name: "sub broadcast", inputs: [r.tensor([3, 1]), r.tensor([2, 1, 4])]) { $0[0] - $0[1] },
        OpCase(name: "mul broadcast", inputs: [r.tensor([2, 3, 4]), r.tensor([3, 1])]) { $0[0] * $0[1] },
        OpCase(name: "div broadcast", inputs: [r.tensor([3, 4]), r.tensor([4], in: 0.5...2)]) { $0[0] / $0[1] },
        OpCase(name: "neg", inputs: [r.tensor([5])]) { -$0[0] },
        OpCase(name: "scale", inputs: [r.tensor([5])]) { $0[0].scaled(by: -2.5) },
        OpCase(name: "shift", inputs: [r.tensor([5])]) { ($0[0] + 3.0) * $0[0] },
        OpCase(name: "tanh", inputs: [r.tensor([4, 3], in: -3...3)]) { $0[0].tanh() },
        OpCase(name: "tanhPullback", inputs: [r.tensor([4, 3]), r.tensor([4, 3], in: -0.9...0.9)]) { Tensor.tanhPullback($0[0], $0[1]) * $0[1] },
        OpCase(name: "scaledProduct", inputs: [r.tensor([5]), r.tensor([5]), r.tensor([5])]) {
            Tensor.scaledProduct($0[0], $0[1], $0[2], by: -1.5) * $0[0] },
        OpCase(name: "exp", inputs: [r.tensor([4, 3])]) { $0[0].exp() },
        OpCase(name: "log", inputs: [r.tensor([6], in: 0.5...3)]) { $0[0].log() },
        OpCase(name: "sqrt", inputs: [r.tensor([6], in: 0.5...3)]) { $0[0].sqrt() },
        OpCase(name: "matmul", inputs: [r.tensor([3, 4]), r.tensor([4, 2])]) { Tensor.matmul($0[0], $0[1]) },
        OpCase(name: "matmul Aᵀ", inputs: [r.tensor([4, 3]), r.tensor([4, 2])]) { Tensor.matmul($0[0], $0[1], transposeA: true) },
        OpCase(name: "matmul Bᵀ", inputs: [r.tensor([3, 4]), r.tensor([2, 4])]) { Tensor.matmul($0[0], $0[1], transposeB: true) },
        OpCase(name: "matmul AᵀBᵀ", inputs: [r.tensor([4, 3]), r.tensor([2, 4])]) {
            Tensor.matmul($0[0], $0[1], transposeA: true, transposeB: true) },
        OpCase(name: "affine", inputs: [r.tensor([5, 3]), r.tensor([3, 4]), r.tensor([4])]) {
            Tensor.affine($0[0], $0[1], $0[2]).tanh() },
        OpCase(name: "batchedMatmul", inputs: [r.tensor([2, 3, 4]), r.tensor([2, 4, 5])]) { Tensor.batchedMatmul($0[0], $0[1]) },
        OpCase(name: "batchedMatmul AᵀBᵀ", inputs: [r.tensor([2, 4, 3]), r.tensor([2, 5, 4])]) {
            Tensor.batchedMatmul($0[0], $0[1], transposeA: true, transposeB: true) },
        OpCase(name: "reshape", inputs: [r.tensor([2, 6])]) { $0[0].reshaped([3, -1]) * $0[0].reshaped([3, 4]) },
        OpCase(name: "permute", inputs: [r.tensor([2, 3, 4])]) { $0[0].permuted([2, 0, 1]) * c423 },
        OpCase(name: "slice", inputs: [r.tensor([3, 5])]) { $0[0].slice(axis: 1, 1..<4).squared() },
        OpCase(name: "padSlice", inputs: [r.tensor([2, 3])]) { $0[0].padSlice(axis: 0, at: 1, toExtent: 4) * c43 },
        OpCase(name: "concat", inputs: [r.tensor([2, 3]), r.tensor([2, 2])]) { Tensor.concat([$0[0], $0[1], $0[0]], axis: 1).squared() },
        OpCase(name: "broadcast", inputs: [r.tensor([3, 1])]) { $0[0].broadcast(to: [2, 3, 4]) * c234 },
        OpCase(name: "sum axes", inputs: [r.tensor([2, 3, 4])]) { $0[0].sum(alongAxes: [0, 2], keepDims: false).squared() },
        OpCase(name: "mean", inputs: [r.tensor([3, 4])]) { $0[0].mean(alongAxes: [1], keepDims: true) * $0[0] },
        OpCase(name: "gather", inputs: [r.tensor([4, 3])]) { $0[0].gather(rows: [3, 0, 0, 2, 3]).squared() },
        OpCase(name: "scatterAdd", inputs: [r.tensor([5, 2])]) { $0[0].scatterAdd(rows: [1, 0, 1, 3, 1], extent: 4).squared() },
        OpCase(name: "maskedSoftmax", inputs: [r.tensor([3, 4], in: -2...2)]) { $0[0].maskedSoftmax(mask: mask) * c34 },
        OpCase(name: "select", inputs: [r.tensor([12]), r.tensor([12])]) { Tensor.select(mask, $0[0], $0[1]).squared() },
        OpCase(name: "tabulate", inputs: [r.tensor([4], in: -0.9...2.4)]) {
            $0[0].tabulated(tables, table: tableIndex) * c410 },
        OpCase(name: "tabulate outside the table", inputs: [Tensor([-1.7, 2.9, -1.05, 3.4])]) {
            $0[0].tabulated(tables, table: tableIndex) * c410 },
        OpCase(name: "tabulate d=2", inputs: [r.tensor([4], in: -0.9...2.4)]) {
            $0[0].tabulated(tables, table: tableIndex, derivative: 2) * c410 },
        OpCase(name: "tabulateContract", inputs: [r.tensor([4], in: -0.9...2.4), r.tensor([4, 10])]) {
            $0[0].tabulatedContracted(tables, table: tableIndex, with: $0[1], derivative: 1).squared() },
        OpCase(name: "layerNorm", inputs: [r.tensor([3, 5]), r.tensor([5]), r.tensor([5])]) {
            $0[0].layerNorm(gamma: $0[1], beta: $0[2]) * c35 },
    ]
}()

@Suite("Every op against central finite differences")
struct OpGradientTests {
    @Test("first-order gradient", arguments: opCases)
    func gradientMatchesFiniteDifferences(_ op: OpCase) {
        let report = GradientCheck.check(op.f, at: op.inputs)
        #expect(report.maxRelativeError < 1e-8, "\(op.name): \(report)")
        #expect(report.checked == op.inputs.reduce(0) { $0 + $1.count })
    }

    @Test("every OpName has a finite-difference case")
    func everyOpIsChecked() {
        var covered = Set<String>()
        for op in opCases {
            let vars = op.inputs.map { Tensor.variable(shape: $0.shape, scalars: $0.scalars) }
            covered.formUnion(op.f(vars).graphOpNames())
        }
        let missing = OpName.allCases.map(\.rawValue).filter { !covered.contains($0) }
        #expect(missing.isEmpty, "ops without a gradient check: \(missing)")
    }

    @Test("pullbacks are differentiable: second-order check of every op")
    func secondOrder() {
        // d/dx_k of Σ (∂f/∂x)² (only ops whose gradient depends on x contribute; all must match).
        for op in opCases {
            let h: ([Tensor]) -> Tensor = { xs in
                let vars = xs.map { $0.requiresGrad ? $0 : Tensor.variable(shape: $0.shape, scalars: $0.scalars) }
                let g = gradients(of: op.f(vars).sum(), withRespectTo: vars, createGraph: true)
                return g.reduce(Tensor(0)) { $0 + $1.squared().sum() }
            }
            let report = GradientCheck.check(h, at: op.inputs, step: 1e-5)
            #expect(report.maxRelativeError < 1e-7, "\(op.name) second order: \(report)")
        }
    }
}
