import SymAtoms
import SymTensor

/// `three-body-sparse`: DeePMD-kit's se_e3 angle embedding (spec §10.2) restricted to the
/// neighbours inside a smaller inner cutoff r_in, alone or concatenated with `gram-factored`:
///
///     u_j   = w_in(r_j) · R̃_j[1:4]             (R̃ normalised, so u_j ≈ w_in s(r_j) r̂_j / σ_a)
///     θ_jk  = u_j · u_k,   G_jk = N(θ_jk) ∈ ℝ^M   (one net, 1 → M → M, tanh)
///     D3    = (1/sel_in²) Σ_{j,k ∈ inner} θ_jk G_jk
///     D     = D3  (gram false)   or   [D3, flatten(T T<ᵀ)]   (gram true)
///
/// w_in is the switch of spec §3.1 between `rcut_smth` and `rcut` (the inner ones), so neighbours
/// cross r_in smoothly; u_j also carries the outer switch through R̃. Only neighbours with
/// r_j < r_in are gathered (the rest have u_j = 0 exactly), so the pair sum costs O(k²·M) with k
/// the inner neighbour count, not O(nnei²·M). Shapes: R̃ [A, nnei, 4] → u [A, K, 3] (K = largest
/// inner count of the batch, padded with u = 0) → θ [A, K, K] → G [A, K², M] → D3 [A, M].
/// Cost per centre (FLOPs, with K = min(sel_in, nnei)): 18·nnei (distances and inner switch),
/// 6·K² (θ), K²·net, 2·K²·M (weighted sum), plus the Gram part. An r_in at or beyond the model's
/// r_c keeps every neighbour (plain se_e3 with one net).
///
/// Reference: DeePMD-kit `se_e3` (`se_t`), spec §10.2; Zhang et al., NeurIPS 2018. Deviations: one
/// net for all type pairs (DeePMD: one per pair t_a ≤ t_b), normalised by the option `sel`
/// (DeePMD: sel[t_a]·sel[t_b]).
public struct ThreeBodySparse: RotationOperator {
    public static let key = "three-body-sparse"
    public static let summary = "se_e3 angle embedding over pairs inside an inner cutoff, O(k²), alone or with gram-factored"
    public static let costClass = CostClass.quadratic

    /// Inner cutoff, net width, normalisation and whether the Gram product is appended.
    public struct Options: StageOptions {
        /// r_in (Å).
        public var rcut = 3.5
        /// Start of the inner switch (Å), below `rcut`.
        public var rcutSmooth = 3.0
        /// Expected neighbours inside r_in (normalisation 1/sel², and the cost model).
        public var sel = 16
        /// Output width M of the angle net.
        public var width = 8
        /// Append gram-factored's T T<ᵀ.
        public var gram = true
        public init() {}
        public static let fields: [OptionField<Options>] = [
            .number("rcut", \.rcut, 0.1...50, "inner cutoff r_in (Å); pairs of neighbours inside it enter"),
            .number("rcut_smth", \.rcutSmooth, 0...50, "start of the inner switch (Å), below rcut"),
            .integer("sel", \.sel, 1...4096, "expected neighbours inside r_in (normalisation 1/sel², cost model)"),
            .integer("width", \.width, 1...512, "output width M of the angle net 1 -> M -> M"),
            .boolean("gram", \.gram, "concatenate gram-factored's T T<ᵀ (false: the angle embedding alone)"),
        ]
        public static var presets: [String: Options] {
            var alone = Options()
            alone.gram = false
            var short = Options()
            (short.rcut, short.rcutSmooth, short.sel) = (2.0, 1.5, 6)
            return ["alone": alone, "short": short]
        }
        public func problems() -> [(option: String, message: String)] {
            rcutSmooth < rcut ? [] : [("rcut_smth", "must be below rcut (\(rcut) Å), got \(rcutSmooth)")]
        }
    }

    let options: Options, axisNeurons: Int
    let net: MLP

    public init(_ settings: StageSettings) throws {
        options = Self.options(settings)
        axisNeurons = settings.axisNeurons
        net = MLP(Self.netParameters(options, rng: settings.randomSource(for: Self.key)))
    }

    /// The angle net 1 → M → M (tanh, DeePMD skips), drawn from `rng`.
    static func netParameters(_ o: Options, rng: RandomSource) -> MLPParameters {
        MLPParameters.random(widths: [1, o.width, o.width], resnetDt: false, linearOutput: false, rng: rng)
    }

    public var parameters: [Tensor] { net.parameters }

    public static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double {
        let o = options(s), k = Double(min(o.sel, s.nnei))
        let net = FlopCount.net(netParameters(o, rng: RandomSource(seed: 0)))
        let gram = o.gram ? FlopCount.matmul(pooledRows, 4, s.axisNeurons) : 0
        return 18 * Double(s.nnei) + k * k * (6 + net + 2 * Double(o.width)) + Double(o.width) + gram
    }

    /// The K² pairs (K = min(sel, nnei)) with θ and the net's two layers (2M + 4 values each),
    /// spread over the nnei slots.
    public static func activationsPerSlot(_ s: StageSettings) -> Double {
        let o = options(s), k = Double(min(o.sel, s.nnei))
        return k * k * Double(2 * o.width + 4) / Double(max(1, s.nnei))
    }

    public func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec {
        FieldSpec("descriptor", [options.width + (options.gram ? pooledRows * axisNeurons : 0)], .invariant)
    }

    public func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor {
        let angles = angleEmbedding(set)
        return options.gram ? Tensor.concat([angles, GramFactored.gram(pooled, axis: axisNeurons)], axis: 1) : angles
    }

    /// D3 [A, M].
    func angleEmbedding(_ set: NeighbourSet) -> Tensor {
        let b = set.batch, a = b.rows, n = b.nnei, m = options.width
        let r = b.rij.scalars
        let inner: [[Int]] = (0..<a).map { centre in
            (0..<n).filter { s in
                let k = 3 * (centre * n + s)
                return set.valid[centre * n + s] && r[k] * r[k] + r[k + 1] * r[k + 1] + r[k + 2] * r[k + 2] < options.rcut * options.rcut
            }
        }
        let width = inner.map(\.count).max() ?? 0
        guard width > 0 else { return Tensor.zeros([a, m]) }
        // Gather K slots per centre; padding repeats slot 0 and is zeroed by the mask.
        let slots = (0..<a).flatMap { c in (0..<width).map { c * n + (inner[c].count > $0 ? inner[c][$0] : 0) } }
        let mask = Tensor(shape: [a * width, 1], scalars: (0..<a).flatMap { c in (0..<width).map { inner[c].count > $0 ? 1.0 : 0.0 } })
        let distance = b.rij.gather(rows: slots).squared().sum(axis: 1, keepDims: true).sqrt()  // [A·K, 1]
        let switchIn = EnvironmentMatrix.switchWeight(distance, rcut: options.rcut, rcutSmooth: options.rcutSmooth)
        let vectors = set.env.reshaped([a * n, 4]).gather(rows: slots).slice(axis: 1, 1..<4)  // [A·K, 3]
        let u = (vectors * (switchIn * mask)).reshaped([a, width, 3])
        let theta = Tensor.batchedMatmul(u, u, transposeB: true).reshaped([a * width * width, 1])  // θ_jk
        let weighted = (net(theta) * theta).reshaped([a, width * width, m]).sum(axis: 1)
        return weighted.scaled(by: 1 / Double(options.sel * options.sel))
    }
}
