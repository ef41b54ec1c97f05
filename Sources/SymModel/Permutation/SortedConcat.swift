import Foundation
import SymTensor

/// `sorted-concat`: the non-smooth baseline. Sort each centre's slots by distance and concatenate
/// the covariant rows of the K nearest instead of pooling them:
///
///     π = slots ordered by (r_ij, slot), empty slots last;   T = (1/K) [G_π(1) ⊗ R̃_π(1); …; G_π(K) ⊗ R̃_π(K)]
///
/// The 1/K makes the blocks add up to the mean of the K nearest rows, the scale of the pooling
/// encoders' T (unscaled, single-neighbour products of ~10 gave D ~ 100 and a saturated fitting
/// net: zero forces on silicon). T [K·M1, 4] is equivariant (each block is an invariant vector times a covariant row), so D is
/// rotation invariant, and it is a function of the neighbour set apart from ties. But the order is
/// piecewise constant: when two neighbours swap distance rank the blocks swap and E jumps. That is
/// why DeepPot-SE pools (spec §12.1 lists the same flaw for local frames). The variant declares:
/// - `cutoff` (continuity) approximate: the kit's probe moves a neighbour through r_c (continuous
///   here: its block tends to an empty slot's) and through another neighbour's distance (a jump);
/// - `neighbour-order` approximate: exactly equal distances (e.g. periodic images, perfect
///   crystals) are ordered by slot, so reordering the slots can reorder the blocks.
///
/// Shapes: G [A, nnei, M1], R̃ [A, nnei, 4] → T [A, K·M1, 4]. Cost per centre: the sort
/// (≈ nnei·log₂ nnei comparisons, counted as FLOPs), K·M1·4 products and the 1/K scaling.
/// Reference: the sorted-neighbour inputs of the original DeePMD (Zhang et al., Phys. Rev. Lett.
/// 120, 143001 (2018)) and Behler–Parrinello-style fixed orderings; see spec §12.1.
public struct SortedConcat: PermutationEncoder {
    public static let key = "sorted-concat"
    public static let summary = "baseline: concatenate G_j x R~_j of the K nearest neighbours in distance order (not smooth)"
    public static let approximateProperties: [ConformanceProperty: String] = [
        .cutoffContinuity: "E jumps when two neighbours swap distance rank",
        .neighbourOrder: "exact distance ties are ordered by slot",
    ]

    /// The number of neighbours kept.
    public struct Options: StageOptions {
        public var neighbours = 4
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .integer("neighbours", \.neighbours, 1...1024, "K nearest neighbours concatenated (pooled rows K*M1; at most nnei)"),
        ]
    }

    let keep: Int

    public static func problems(_ settings: StageSettings) -> [(option: String, message: String)] {
        let k = options(settings).neighbours
        return k <= settings.nnei ? [] : [("neighbours", "must be at most the slot count nnei = \(settings.nnei), got \(k)")]
    }

    public init(_ settings: StageSettings) throws {
        keep = Self.options(settings).neighbours
        if let p = Self.problems(settings).first { throw ConfigError(path: ["model", "descriptor", "permutation", p.option], p.message) }
    }

    public func output(for settings: StageSettings) -> FieldSpec {
        FieldSpec("pooled", [Self.options(settings).neighbours * settings.embeddingWidth, 4], .covariantRows)
    }

    public static func flopsPerCentre(_ s: StageSettings) -> Double {
        let n = Double(s.nnei)
        return n * log2(max(n, 2)) + 2 * Double(options(s).neighbours * s.embeddingWidth * 4)
    }

    public func callAsFunction(_ set: NeighbourSet) -> Tensor {
        let a = set.env.shape[0], n = set.env.shape[1], m = set.embedding.shape[2]
        let r = set.batch.rij.scalars
        var order: [Int] = []
        order.reserveCapacity(a * keep)
        for centre in 0..<a {
            let slots = (centre * n)..<((centre + 1) * n)
            func distance(_ s: Int) -> Double { set.valid[s] ? (r[3 * s] * r[3 * s] + r[3 * s + 1] * r[3 * s + 1] + r[3 * s + 2] * r[3 * s + 2]) : .infinity }
            order += slots.sorted { (distance($0), $0) < (distance($1), $1) }.prefix(keep)
        }
        let g = set.embedding.reshaped([a * n, m]).gather(rows: order).reshaped([a * keep, m, 1])
        let rows = set.env.reshaped([a * n, 4]).gather(rows: order).reshaped([a * keep, 1, 4])
        return (g * rows).scaled(by: 1 / Double(keep)).reshaped([a, keep * m, 4])
    }
}
