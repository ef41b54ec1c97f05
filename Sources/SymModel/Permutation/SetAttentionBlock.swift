import SymAtoms
import SymTensor

/// `sab`: Set Transformer self-attention blocks refining G before the DeepSets contraction
/// (Lee et al. 2019; spec §11.1, placement §11.2 item 1). With X₀ = G [nnei, M1]:
///
///     X_{l+1} = SAB(X_l) = MAB(X_l, X_l)     (`MultiheadBlock`: heads H, width d, rFF, post-LN)
///     T = (1/nnei) X_Lᵀ R̃                     [M1, 4]
///
/// Smooth at r_c: every key's attention weight carries its switch weight w (a null "sink" key keeps
/// the weights defined when all neighbours leave) and every query's update is scaled by its w, so a
/// neighbour at r_c and an empty slot give identical rows. Rotation invariant by construction: the
/// attention acts on the invariant G only; R̃ enters linearly in the final contraction.
///
/// Shapes: G [A, nnei, M1] → T [A, M1, 4]. Cost per centre and block O(nnei²·d): logits and
/// values 4·nnei²·d, projections and rFF 12·nnei·M1·d (see `MultiheadBlock.flops`).
/// Deviations from the paper: the sink key and the w weighting (needed for a C² energy); rFF is
/// one tanh hidden layer of width d; LayerNorm is used (the paper's optional LN).
/// Reference: J. Lee et al., "Set Transformer: a framework for attention-based
/// permutation-invariant neural networks", ICML 2019, arXiv:1810.00825.
public struct SetAttentionBlock: PermutationEncoder {
    public static let key = "sab"
    public static let summary = "Set Transformer SAB blocks (multihead self-attention over neighbours, rFF, LN) refine G, O(N^2)"
    public static let costClass = CostClass.quadratic

    /// Block count, attention width and heads.
    public struct Options: StageOptions {
        public var layers = 2
        public var width = 32
        public var heads = 4
        public init() {}
        init(layers: Int, width: Int, heads: Int) {
            (self.layers, self.width, self.heads) = (layers, width, heads)
        }
        public static let fields: [OptionField<Options>] = [
            .integer("layers", \.layers, 1...16, "SAB blocks"),
            .integer("width", \.width, 1...4096, "attention and rFF width d"),
            .integer("heads", \.heads, 1...64, "attention heads; must divide width"),
        ]
        public static let presets: [String: Options] = ["small": Options(layers: 1, width: 16, heads: 2)]
        public func problems() -> [(option: String, message: String)] { Attention.headProblems(width: width, heads: heads) }
    }

    let blocks: [MultiheadBlock]

    public init(_ settings: StageSettings) throws {
        let o = Self.options(settings), rng = settings.randomSource(for: Self.key)
        blocks = (0..<o.layers).map { _ in MultiheadBlock(width: settings.embeddingWidth, hidden: o.width, heads: o.heads, rng: rng) }
    }

    public var parameters: [Tensor] { blocks.flatMap(\.parameters) }

    /// Values kept per slot for training, per block ≈ 1.5·H·nnei + 4·d + 3·M1. Calibrated with `MemoryEstimate` on peak RSS (release, 3 training steps on silicon-sw: 64 atoms, nnei 40):
    /// 566 MB.
    public static func activationsPerSlot(_ s: StageSettings) -> Double {
        let o = options(s)
        return Double(o.layers) * (1.5 * Double(o.heads * s.nnei) + 4 * Double(o.width) + 3 * Double(s.embeddingWidth))
    }

    public static func flopsPerCentre(_ s: StageSettings) -> Double {
        let o = options(s)
        return Double(o.layers) * MultiheadBlock.flops(queries: s.nnei, keys: s.nnei, width: s.embeddingWidth, hidden: o.width,
                                                       heads: o.heads, weighted: true)
            + DeepSetsSum.poolFlops(nnei: s.nnei, width: s.embeddingWidth)
    }

    public func callAsFunction(_ set: NeighbourSet) -> Tensor {
        let x = blocks.reduce(set.embedding) { $1($0, $0, keyWeights: set.switchWeight, queryWeights: set.switchWeight) }
        return DeepSetsSum.pool(x, set.env)
    }
}
