import SymAtoms
import SymTensor

/// The Set Transformer's multihead attention block (Lee et al., ICML 2019, eq. 6–8) on invariant
/// features, made smooth at the cutoff:
///
///     MH(X, Y) = concat_h(α_h (Y W_V)_h) W_O + b_O,   α_h = weights((X W_Q)_h (Y W_K)_hᵀ / √d_h)
///     H = LN(X + w_X ⊙ MH(X, Y)),   MAB(X, Y) = LN(H + rFF(H)),   rFF(H) = tanh(H W_1 + b_1) W_2 + b_2
///
/// X [A, nq, m] queries, Y [A, nk, m] keys/values, width d, H heads (d_h = d/H). With key weights
/// w_Y [A, nk] the weights are `Attention.sinkWeights` (a key's weight carries w; zero for empty
/// slots and at r_c); without them a plain softmax. Query weights w_X [A, nq] scale each query's
/// update, so a neighbour at r_c (w = 0) gets H = LN(X), exactly what an empty slot gets.
struct MultiheadBlock {
    let query: Dense, key: Dense, value: Dense, output: Dense, norm1: Norm
    let hidden: Dense, back: Dense, norm2: Norm
    let heads: Int

    init(width m: Int, hidden d: Int, heads: Int, rng: RandomSource) {
        (query, key, value, output) = (Dense(m, d, rng: rng), Dense(m, d, rng: rng), Dense(m, d, rng: rng), Dense(d, m, rng: rng))
        (hidden, back) = (Dense(m, d, rng: rng), Dense(d, m, rng: rng))
        (norm1, norm2, self.heads) = (Norm(m), Norm(m), heads)
    }

    var parameters: [Tensor] {
        [query, key, value, output].flatMap(\.parameters) + norm1.parameters + hidden.parameters + back.parameters + norm2.parameters
    }

    /// MAB(x, y): x [A, nq, m], y [A, nk, m] → [A, nq, m]; weights w [A, nk] / [A, nq] as above.
    func callAsFunction(_ x: Tensor, _ y: Tensor, keyWeights: Tensor?, queryWeights: Tensor?) -> Tensor {
        let a = x.shape[0], nq = x.shape[1], nk = y.shape[1], m = x.shape[2], d = query.weight.shape[1]
        func project(_ t: Tensor, _ f: Dense, _ rows: Int) -> Tensor {
            Attention.splitHeads(f(t.reshaped([a * rows, m])).reshaped([a, rows, d]), heads: heads)
        }
        let logits = Attention.logits(project(x, query, nq), project(y, key, nk)).reshaped([a, heads, nq, nk])
        let weights = keyWeights.map { Attention.sinkWeights(logits, keyWeights: $0.reshaped([a, 1, 1, nk])) } ?? logits.maskedSoftmax()
        let o = Attention.mergeHeads(Tensor.batchedMatmul(weights.reshaped([a * heads, nq, nk]), project(y, value, nk)), heads: heads)
        var update = output(o.reshaped([a * nq, d])).reshaped([a, nq, m])
        if let wq = queryWeights { update = update * wq.reshaped([a, nq, 1]) }
        let h = norm1(x + update)
        let flat = h.reshaped([a * nq, m])
        return norm2(h + back(hidden(flat).tanh()).reshaped([a, nq, m]))
    }

    /// Forward FLOPs per centre for nq queries and nk keys (widths m, d; `keyWeights` as above).
    static func flops(queries nq: Int, keys nk: Int, width m: Int, hidden d: Int, heads: Int, weighted: Bool) -> Double {
        let pairs = Double(nq * nk)
        let projections = Dense.flops(rows: nq, m, d) + 2 * Dense.flops(rows: nk, m, d) + Dense.flops(rows: nq, d, m)
        let attention = 2 * FlopCount.matmul(nq, d, nk) + Double(heads) * pairs * (1 + (weighted ? 5 : 4))
        let feedForward = Dense.flops(rows: nq, m, d) + Double(nq * d) + Dense.flops(rows: nq, d, m)
        let elementwise = Double(nq * m) * (2 + (weighted ? 1 : 0)) + 2 * Norm.flops(rows: nq, m)
        return projections + attention + feedForward + elementwise
    }
}
