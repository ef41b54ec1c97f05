import SymAtoms
import SymTensor

/// `gated-attention`: DPA-1's gated self-attention over the neighbours of one centre (DeePMD
/// `se_atten` / `se_atten_v2`, spec §9.3), refining the invariant G before the DeepSets
/// contraction. Per layer, X = G [nnei, M1], d = `width`, H = `heads`, d_h = d/H:
///
///     [Q | K | V] = X·W_in + b_in                       W_in [M1, 3d]; head h: columns h·d_h ..< (h+1)·d_h
///     Q, K, V ← rows / max(‖row‖, 1e-12)  (per head);   Q ← Q / √d_h
///     A = Q Kᵀ                                           [H, nnei, nnei]
///     A ← (A + 20) ⊙ w_q w_kᵀ − 20;  A ← softmax_k(A);  A ← A ⊙ w_q w_kᵀ      (smooth at r_c)
///     A ← A ⊙ (r̂ r̂ᵀ)    if `dotr`: the angular gate, r̂_j = R̃_j[1:4] / max(‖·‖, 1e-12)
///     Y = concat_h(A V)·W_out + b_out                    W_out [d, M1]
///     X ← LayerNorm(X + Y)                               over M1, ε = 1e-5, trainable γ, β (post-LN)
///
/// then T = (1/nnei) Xᵀ R̃ [M1, 4] (spec §9.4). Logits, weights and the gate are invariant, so T is
/// equivariant; a neighbour at r_c has w = 0: its logits are exactly −20 and its weights exactly 0,
/// so it enters like an empty slot (E is C² at r_c, spec §14.7).
///
/// Exactly DeePMD-kit 3.2.0's `GatedAttentionLayer` with `smooth = true` (forced in se_atten_v2),
/// `normalize = true`, `temperature = None`, `scaling_factor = 1`, `attn_mask = false`; the padded
/// query rows DeePMD masks to 0 are already 0 after ⊙ w_q. Proven against a DeePMD-kit fixture
/// (Tests/SymModelTests/Fixtures/deepmd-se_atten_v2-tiny.json, `symlab check --fixture`).
///
/// Shapes: X [A, nnei, M1] → T [A, M1, 4]. Parameters per layer: W_in, b_in, W_out, b_out, γ, β.
/// Cost per centre and layer (n = nnei, m = M1): projections 2n·m·3d + 2n·d·m, normalisations
/// ≈ 9n·d, QKᵀ and AV 2·2n²d, smoothing, softmax and gates 9·H·n² + 7n², LayerNorm 9n·m; linear in
/// the width and quadratic in nnei.
/// Reference: Zhang et al., "DPA-1: Pretraining of attention-based deep potential model for
/// molecular simulation", npj Comput. Mater. 10, 94 (2024).
public struct GatedAttention: PermutationEncoder {
    public static let key = "gated-attention"
    public static let summary = "DPA-1 / se_atten_v2: gated self-attention over neighbours refines G (q/k/v normalised, (l+20)w-20, r.r gate, post-LN)"
    public static let costClass = CostClass.quadratic

    /// DeePMD's `attn_layer`, `attn`, head count and `attn_dotr`.
    public struct Options: StageOptions {
        public var layers = 2
        public var width = 128
        public var heads = 1
        public var dotr = true
        public init() {}
        init(layers: Int, width: Int) {
            self.layers = layers
            self.width = width
        }
        public static let fields: [OptionField<Options>] = [
            .integer("layers", \.layers, 0...16, "attention layers (DeePMD attn_layer; 0 = deepsets-sum on G)"),
            .integer("width", \.width, 1...4096, "hidden width d of Q, K, V (DeePMD attn)"),
            .integer("heads", \.heads, 1...64, "attention heads (DeePMD uses 1); must divide width"),
            .boolean("dotr", \.dotr, "multiply the weights by the angular gate r_j.r_k (DeePMD attn_dotr)"),
        ]
        public static let presets: [String: Options] = ["dpa1": Options(), "small": Options(layers: 1, width: 32)]
        public func problems() -> [(option: String, message: String)] { Attention.headProblems(width: width, heads: heads) }
    }

    /// One layer's trainable tensors.
    struct Layer {
        let input: Dense, output: Dense, norm: Norm
        var parameters: [Tensor] { input.parameters + output.parameters + norm.parameters }
    }

    let layers: [Layer]
    let options: Options

    public init(_ settings: StageSettings) throws {
        options = Self.options(settings)
        let rng = settings.randomSource(for: Self.key), m = settings.embeddingWidth, d = options.width
        layers = (0..<options.layers).map { _ in Layer(input: Dense(m, 3 * d, rng: rng), output: Dense(d, m, rng: rng), norm: Norm(m)) }
    }

    public var parameters: [Tensor] { layers.flatMap(\.parameters) }

    /// Values kept per slot for training, per layer ≈ 4.5·H·nnei (attention rows) + 6·d (q, k, v, o)
    /// + 2.4·M1 (residual, LayerNorm). Calibrated with `MemoryEstimate` on peak RSS (release, 3 training steps on silicon-sw: 64 atoms, nnei 40) and
    /// 2 steps of experiments/water-dpa1.yaml: 885 MB and 8.86 GB, within 3%.
    public static func activationsPerSlot(_ s: StageSettings) -> Double {
        let o = options(s)
        return Double(o.layers) * (4.5 * Double(o.heads * s.nnei) + 6 * Double(o.width) + 2.4 * Double(s.embeddingWidth))
    }

    public static func flopsPerCentre(_ s: StageSettings) -> Double {
        let o = options(s), n = Double(s.nnei), m = s.embeddingWidth, d = o.width, h = Double(o.heads)
        let projections = Dense.flops(rows: s.nnei, m, 3 * d) + Dense.flops(rows: s.nnei, d, m)
        let normalise = 3 * n * (3 * Double(d) + h) + n * Double(d)  // q, k, v rows; the 1/√d_h scaling
        let products = 2 * FlopCount.matmul(s.nnei, d, s.nnei)  // QKᵀ and AV over all heads
        let weights = h * n * n * (3 + 4 + 1 + (o.dotr ? 1 : 0)) + n * n  // shift, softmax, ·ww, gate; ww
        let gate = o.dotr ? FlopCount.matmul(s.nnei, 3, s.nnei) + 7 * n : 0  // r̂ r̂ᵀ and r̂
        let residual = n * Double(m) + Norm.flops(rows: s.nnei, m)
        let perLayer = projections + normalise + products + weights + residual
        return Double(o.layers) * perLayer + (o.layers > 0 ? gate : 0) + DeepSetsSum.poolFlops(nnei: s.nnei, width: m)
    }

    public func callAsFunction(_ set: NeighbourSet) -> Tensor {
        DeepSetsSum.pool(refined(set), set.env)
    }

    /// The refined G [A, nnei, M1] after the attention layers (DeePMD's `dpa1_attention` output).
    func refined(_ set: NeighbourSet) -> Tensor {
        guard !layers.isEmpty else { return set.embedding }
        let a = set.env.shape[0], n = set.env.shape[1], m = set.embedding.shape[2], d = options.width, h = options.heads
        let w = set.switchWeight
        let pairWeight = (w.reshaped([a, n, 1]) * w.reshaped([a, 1, n])).reshaped([a, 1, n, n])  // w_q w_k
        let rhat = Attention.normalizeRows(set.env.slice(axis: 2, 1..<4))
        let gate = options.dotr ? Tensor.batchedMatmul(rhat, rhat, transposeB: true).reshaped([a, 1, n, n]) : nil
        var x = set.embedding
        for layer in layers {
            let qkv = layer.input(x.reshaped([a * n, m])).reshaped([a, n, 3 * d])
            let (q, k, v) = (0..<3).map { Attention.normalizeRows(Attention.splitHeads(qkv.slice(axis: 2, ($0 * d)..<(($0 + 1) * d)), heads: h)) }
                .triple
            let scores = Tensor.batchedMatmul(q.scaled(by: 1 / Double(d / h).squareRoot()), k, transposeB: true).reshaped([a, h, n, n])
            var weights = ((scores + 20) * pairWeight - 20).maskedSoftmax() * pairWeight
            if let gate { weights = weights * gate }
            let o = Attention.mergeHeads(Tensor.batchedMatmul(weights.reshaped([a * h, n, n]), v), heads: h)
            x = layer.norm(x + layer.output(o.reshaped([a * n, d])).reshaped([a, n, m]))
        }
        return x
    }
}

extension Array {
    /// The first three elements as a tuple (callers make exactly three).
    var triple: (Element, Element, Element) { (self[0], self[1], self[2]) }
}
