import SymAtoms
import SymTensor

/// `tabulated`: DeePMD-kit's compressed se_e2_a (`dp compress`, Lu et al. 2022): each per-type
/// embedding net N_t of a trained `per-type` model replaced by a piecewise quintic table over s̃,
///
///     G_ij = P_{t_j}(s̃_ij)   or   P_{t_i, t_j}(s̃_ij)          s̃ [A, nnei] → G [A, nnei, M1]
///
/// with P the quintic Hermite interpolant of N (`QuinticTable.hermite`, DeePMD-kit's
/// `_build_lower`) through the value, first and second derivative of the net (forward mode,
/// `MLPParameters.scalarDerivatives`) at the nodes of two grids: step `stride` from `lower` to
/// `upper`, then step 10·`stride` up to `extrapolate`·`upper` (DeePMD-kit: `-s 0.01 -e 5`).
/// Outside the table G continues linearly with the value and slope of the table's end, as DeePMD-kit
/// 3.2.0 does (see `QuinticTable`). Slots, padding and net order are those of `per-type`.
///
/// Exactness: the table is C² in s̃ (C¹ at its two ends), and the lookup is the tensor op `tabulated`, whose pullback
/// is the next derivative of the same polynomials, so forces are the exact gradient of the
/// tabulated energy, and every symmetry holds exactly (G depends on s̃ and the types only). Its
/// difference from the exact net is the interpolation error, ≤ h⁶/46080 · max|N⁽⁶⁾| per interval
/// of width h (`symlab compress` prints it on a fine grid, and E and F against the exact model).
///
/// Storage: the model file keeps the exact nets (`DeepPotWeights.embedding`) and the table
/// settings (options); the tables are rebuilt from them when the model is built (milliseconds,
/// deterministic), so a compressed file is the size of the exact one and loads bit-identically.
/// `nets` are the source nets: they are saved with the model but not trained; the stage refuses
/// training (`trainingProblem`), as DeePMD-kit trains the exact net and compresses afterwards.
///
/// Cost per centre: Σ_t sel[t] · 10·M1 (a degree-5 Horner scheme per channel) instead of the net's
/// FLOPs. Deviations from DeePMD-kit: one range [lower, upper] for all nets (DeePMD-kit's
/// two-side nets use their centre type's range; this one contains it); the fine grid is extended to
/// a whole number of strides when stride does not divide upper − lower (DeePMD-kit's grid is then
/// inconsistent); no fused Gᵀ R̃ kernel (the table only replaces L; DeePMD-kit's kernel also
/// computes an empty slot's G once per centre).
/// Reference: Lu et al., "DP Compress: a model compression scheme for generating efficient deep
/// potential models", J. Chem. Theory Comput. 18, 5559 (2022).
public struct TabulatedEmbedding: EmbeddingStage {
    public static let key = "tabulated"
    public static let summary = "DeePMD-kit's compressed se_e2_a (dp compress): each per-type net as a quintic table over s̃; made by `symlab compress`"
    public static let typeBlocks = true
    public static let trainingProblem: String? =
        "'tabulated' is a table of trained nets and cannot be trained (DeePMD-kit does not train compressed models either): "
        + "train with embedding per-type, then run `symlab compress model.json -o compressed.json`"

    /// The table range and steps, in units of s̃ (the normalised radial column).
    public struct Options: StageOptions {
        /// Start of the fine table (`symlab compress`: the s̃ of an empty slot rounded down, see `range`).
        public var lower = -2.0
        /// End of the fine table (`symlab compress`: the s̃ of the closest neighbours rounded up).
        public var upper = 10.0
        /// Fine step (`dp compress -s`); the coarse step is 10·stride.
        public var stride = 0.01
        /// The coarse table runs from upper to extrapolate·upper (`dp compress -e`).
        public var extrapolate = 5.0
        public init() {}
        /// Most intervals one table may have (limits memory: K·6·M1 values per net).
        public static let maximumIntervals = 20_000

        public static let fields: [OptionField<Options>] = [
            .number("lower", \.lower, -1e6...1e6,
                    "start of the fine table in s̃ (symlab compress: the s̃ of an empty slot, min over types, rounded down)"),
            .number("upper", \.upper, -1e6...1e6,
                    "end of the fine table in s̃ (symlab compress: the s̃ of the closest neighbours of the data, max over types, rounded up)"),
            .number("stride", \.stride, 1e-6...1, "fine step in s̃ (dp compress -s); the coarse table uses 10*stride"),
            .number("extrapolate", \.extrapolate, 1...1000, "the coarse table runs from upper to extrapolate*upper (dp compress -e); beyond, G continues linearly"),
        ]

        /// Intervals of the fine and coarse grids: n₀ = ⌈(upper − lower)/h⌉, n₁ = ⌈(e·upper − x₁)/10h⌉ (at least 0),
        /// with x₁ = lower + n₀·h (a relative 1e-9 absorbs rounding when h divides the range).
        public var intervals: (fine: Int, coarse: Int) {
            let fine = max(1, Int(((upper - lower) / stride - 1e-9).rounded(.up)))
            let x1 = lower + Double(fine) * stride
            return (fine, max(0, Int(((extrapolate * upper - x1) / (10 * stride) - 1e-9).rounded(.up))))
        }

        public func problems() -> [(option: String, message: String)] {
            if !(lower < upper) { return [("upper", "must be greater than lower (\(lower)), got \(upper)")] }
            if !(upper > 0) { return [("upper", "must be > 0 (s̃ of the closest neighbours; the coarse table ends at extrapolate*upper), got \(upper)")] }
            let (fine, coarse) = intervals
            if fine + coarse > Self.maximumIntervals {
                return [("stride", "gives \(fine) + \(coarse) intervals per table (at most \(Self.maximumIntervals)): raise stride or narrow lower..upper")]
            }
            return []
        }
    }

    public let nets: [MLP]
    /// One table per net, in net order.
    public let tables: [QuinticTable]
    /// The table index of each slot of a centre of type 0 (type_one_side: of every centre), [nnei].
    let slotTable: [Int]
    let typeOneSide: Bool, typeCount: Int, width: Int

    public static func problems(_ config: ModelConfig, path: [String]) -> [ConfigError] {
        PerTypeEmbedding.problems(config, path: path)
    }

    public static func randomNets(_ config: ModelConfig, rng: RandomSource) -> [MLPParameters] {
        PerTypeEmbedding.randomNets(config, rng: rng)
    }

    public init(config: ModelConfig, nets stored: [MLPParameters]) throws {
        let d = config.descriptor
        try Self.checkShapes(stored, Array(repeating: (1, d.neuron.last ?? 0), count: PerTypeEmbedding.netCount(config)))
        nets = stored.map(MLP.init)
        let options = Self.options(d.embeddingOptions)
        tables = stored.map { Self.table(of: $0, options) }
        slotTable = d.sel.enumerated().flatMap { t, count in repeatElement(t, count: count) }
        (typeOneSide, typeCount, width) = (d.typeOneSide, config.typeMap.count, d.neuron.last!)
    }

    /// The table of one net (1 → M1) on the grid of `options`.
    public static func table(of net: MLPParameters, _ options: Options) -> QuinticTable {
        let (fine, coarse) = options.intervals
        let grid = QuinticTable(start: options.lower, fineStride: options.stride, fineIntervals: fine, coarseStride: 10 * options.stride,
                                coarseIntervals: coarse, width: 1, coefficients: [Double](repeating: 0, count: 6 * (fine + coarse)))
        let (value, first, second) = net.scalarDerivatives(at: grid.nodes)
        return .hermite(start: grid.start, fineStride: grid.fineStride, fineIntervals: fine, coarseStride: grid.coarseStride,
                        coarseIntervals: coarse, width: net.outputs, values: value, first: first, second: second)
    }

    public func callAsFunction(env: Tensor, switchWeight: Tensor, batch: EnvironmentBatch) -> Tensor {
        let a = env.shape[0], nnei = env.shape[1]
        let radial = env.slice(axis: 2, 0..<1).reshaped([a, nnei])  // s̃ [A, nnei]
        var index = [Int](repeating: 0, count: a * nnei)
        for i in 0..<a {
            let offset = typeOneSide ? 0 : batch.centreTypes[i] * typeCount
            for j in 0..<nnei { index[i * nnei + j] = offset + slotTable[j] }
        }
        return radial.tabulated(tables, table: index).reshaped([a, nnei, width])
    }

    /// A degree-5 Horner scheme per channel: 5 multiply-adds, 10 FLOPs (the interval lookup is not counted).
    public func flopsPerCentre(sel: [Int]) -> Double { Double(sel.reduce(0, +)) * Double(10 * width) }
}
