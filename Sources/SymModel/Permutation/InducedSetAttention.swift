import SymAtoms
import SymTensor

/// `isab`: Set Transformer induced set attention blocks refining G in O(nnei·m) (Lee et al. 2019;
/// spec §11.1, placement §11.2 item 1). With m learned inducing points I [m, M1] per block and
/// X₀ = G [nnei, M1]:
///
///     H = MAB(I, X_l)            the inducing points summarise the neighbours (keys weighted by w)
///     X_{l+1} = MAB(X_l, H)      each neighbour reads the m summaries (its update scaled by its w)
///     T = (1/nnei) X_Lᵀ R̃         [M1, 4]
///
/// Smooth at r_c and rotation invariant for the reasons given in `SetAttentionBlock`: H depends
/// on a neighbour only through weights that carry its w, and a neighbour at r_c gets the same
/// row as an empty slot.
///
/// Shapes: G [A, nnei, M1] → T [A, M1, 4]. Cost per centre and block O(nnei·m·d): two
/// `MultiheadBlock`s with (m queries, nnei keys) and (nnei queries, m keys).
/// Deviations from the paper: as `SetAttentionBlock` (sink key and w weights on the neighbour
/// keys; the m summaries are always present, so the second block uses a plain softmax).
/// Reference: J. Lee et al., "Set Transformer", ICML 2019, arXiv:1810.00825 (ISAB, eq. 9–10).
public struct InducedSetAttention: PermutationEncoder {
    public static let key = "isab"
    public static let summary = "Set Transformer ISAB blocks: m inducing points attend over neighbours and back, O(N m)"

    /// Block count, inducing points, attention width and heads.
    public struct Options: StageOptions {
        public var layers = 1
        public var inducing = 8
        public var width = 32
        public var heads = 4
        public init() {}
        init(layers: Int, inducing: Int, width: Int, heads: Int) {
            (self.layers, self.inducing, self.width, self.heads) = (layers, inducing, width, heads)
        }
        public static let fields: [OptionField<Options>] = [
            .integer("layers", \.layers, 1...16, "ISAB blocks"),
            .integer("inducing", \.inducing, 1...1024, "inducing points m per block (cost O(nnei m))"),
            .integer("width", \.width, 1...4096, "attention and rFF width d"),
            .integer("heads", \.heads, 1...64, "attention heads; must divide width"),
        ]
        public static let presets: [String: Options] = ["small": Options(layers: 1, inducing: 4, width: 16, heads: 2)]
        public func problems() -> [(option: String, message: String)] { Attention.headProblems(width: width, heads: heads) }
    }

    /// One block's inducing points and its two attention blocks.
    struct Block {
        let points: Tensor, summarise: MultiheadBlock, read: MultiheadBlock
        var parameters: [Tensor] { [points] + summarise.parameters + read.parameters }
    }

    let blocks: [Block]

    public init(_ settings: StageSettings) throws {
        let o = Self.options(settings), rng = settings.randomSource(for: Self.key), m = settings.embeddingWidth
        blocks = (0..<o.layers).map { _ in
            Block(points: .variable(shape: [o.inducing, m], scalars: (0..<(o.inducing * m)).map { _ in rng.gaussian() }),
                  summarise: MultiheadBlock(width: m, hidden: o.width, heads: o.heads, rng: rng),
                  read: MultiheadBlock(width: m, hidden: o.width, heads: o.heads, rng: rng))
        }
    }

    public var parameters: [Tensor] { blocks.flatMap(\.parameters) }

    /// Values kept per slot for training, per block ≈ 3·H·m (both attentions) + 4·d + 4·M1.
    /// Calibrated with `MemoryEstimate` on peak RSS (release, 3 training steps on silicon-sw: 64 atoms, nnei 40): 369 MB.
    public static func activationsPerSlot(_ s: StageSettings) -> Double {
        let o = options(s)
        return Double(o.layers) * (3 * Double(o.heads * o.inducing) + 4 * Double(o.width) + 4 * Double(s.embeddingWidth))
    }

    public static func flopsPerCentre(_ s: StageSettings) -> Double {
        let o = options(s), m = s.embeddingWidth
        let summarise = MultiheadBlock.flops(queries: o.inducing, keys: s.nnei, width: m, hidden: o.width, heads: o.heads, weighted: true)
        let read = MultiheadBlock.flops(queries: s.nnei, keys: o.inducing, width: m, hidden: o.width, heads: o.heads, weighted: false)
        return Double(o.layers) * (summarise + read) + DeepSetsSum.poolFlops(nnei: s.nnei, width: m)
    }

    public func callAsFunction(_ set: NeighbourSet) -> Tensor {
        let a = set.embedding.shape[0], m = set.embedding.shape[2]
        let x = blocks.reduce(set.embedding) { x, block in
            let points = block.points.reshaped([1, block.points.shape[0], m]).broadcast(to: [a, block.points.shape[0], m])
            let h = block.summarise(points, x, keyWeights: set.switchWeight, queryWeights: nil)
            return block.read(x, h, keyWeights: nil, queryWeights: set.switchWeight)
        }
        return DeepSetsSum.pool(x, set.env)
    }
}
