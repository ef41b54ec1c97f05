import Testing
@testable import SymTensor

/// The force-training pattern: parameters θ, inputs x, F = ∂f/∂x with the graph kept, then
/// d/dθ ‖F‖² by reverse mode over the backward pass, against central differences in θ.
@Suite("Second-order reverse mode")
struct SecondOrderTests {
    /// A 3-layer tanh MLP with a resnet skip, summed to a scalar "energy".
    static func mlpEnergy(_ x: Tensor, _ p: [Tensor]) -> Tensor {
        let h1 = (Tensor.matmul(x, p[0]) + p[1]).tanh()
        let h2 = h1 + (Tensor.matmul(h1, p[2]) + p[3]).tanh()
        return Tensor.matmul(h2, p[4]).sum()
    }

    /// One attention block with masked softmax over keys, as in DPA-1 (single head).
    static func attentionEnergy(_ x: Tensor, _ p: [Tensor], mask: [Bool]) -> Tensor {
        let q = Tensor.matmul(x, p[0]), k = Tensor.matmul(x, p[1]), v = Tensor.matmul(x, p[2])
        let logits = Tensor.matmul(q, k, transposeB: true).scaled(by: 0.5)
        let out = Tensor.matmul(logits.maskedSoftmax(mask: mask), v)
        return (x + out).tanh().squared().sum()
    }

    static func forceNormSquared(_ energy: @escaping (Tensor, [Tensor]) -> Tensor, x: Tensor) -> ([Tensor]) -> Tensor {
        { params in
            let xv = Tensor.variable(shape: x.shape, scalars: x.scalars)
            let ps = params.map { $0.requiresGrad ? $0 : Tensor.variable(shape: $0.shape, scalars: $0.scalars) }
            let force = gradients(of: energy(xv, ps), withRespectTo: [xv], createGraph: true)[0]
            return force.squared().sum()
        }
    }

    @Test func tanhMLPForceLossGradient() {
        var r = TestRandom(seed: 11)
        let x = r.tensor([5, 3])
        let params = [r.tensor([3, 4]), r.tensor([4]), r.tensor([4, 4]), r.tensor([4]), r.tensor([4, 1])]
        let report = GradientCheck.check(Self.forceNormSquared(Self.mlpEnergy, x: x), at: params, step: 1e-5)
        #expect(report.checked == 12 + 4 + 16 + 4 + 4)
        #expect(report.maxRelativeError < 1e-7, "\(report)")
    }

    @Test func maskedAttentionForceLossGradient() {
        var r = TestRandom(seed: 12)
        let x = r.tensor([4, 3])
        let mask = (0..<16).map { $0 % 4 != 3 }  // last key masked for every query
        let params = [r.tensor([3, 3]), r.tensor([3, 3]), r.tensor([3, 3])]
        let energy: (Tensor, [Tensor]) -> Tensor = { Self.attentionEnergy($0, $1, mask: mask) }
        let report = GradientCheck.check(Self.forceNormSquared(energy, x: x), at: params, step: 1e-5)
        #expect(report.maxRelativeError < 1e-7, "\(report)")
    }

    @Test func thirdOrderOfCubic() {
        // f = Σ x³: f' = 3x², f'' = 6x, f''' = 6.
        let x = Tensor.variable(shape: [3], scalars: [0.5, -1, 2])
        let g1 = gradients(of: (x * x * x).sum(), withRespectTo: [x], createGraph: true)[0]
        let g2 = gradients(of: g1.sum(), withRespectTo: [x], createGraph: true)[0]
        let g3 = gradients(of: g2.sum(), withRespectTo: [x])[0]
        #expect(g1.scalars == [0.75, 3, 12])
        #expect(g2.scalars == [3, -6, 12])
        #expect(g3.scalars == [6, 6, 6])
    }

    @Test func gradientWithoutCreateGraphRecordsNothing() {
        let x = Tensor.variable(shape: [2], scalars: [1, 2])
        let g = gradients(of: (x * x).tanh().sum(), withRespectTo: [x])[0]
        #expect(!g.requiresGrad)
        let unrelated = Tensor.variable(shape: [2], scalars: [0, 0])
        #expect(gradients(of: x.sum(), withRespectTo: [unrelated])[0].scalars == [0, 0])
    }
}
