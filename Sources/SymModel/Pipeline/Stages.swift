import SymAtoms
import SymTensor

/// Everything a stage may read about a batch of neighbour sets (A centres, nnei slots).
public struct NeighbourSet {
    /// Normalised environment rows R̃, [A, nnei, 4], covariant rows.
    public var env: Tensor
    /// Invariant per-neighbour features G from the embedding stage L, [A, nnei, M1].
    public var embedding: Tensor
    /// Switch weights w(r_ij), [A, nnei] (0 on empty slots).
    public var switchWeight: Tensor
    /// Slot holds a neighbour, [A·nnei].
    public var valid: [Bool]
    /// The batch it came from (types, rows, absolute positions).
    public var batch: EnvironmentBatch
}

/// Settings a stage is built from (the descriptor hyper-parameters, spec §13.1) and the stage's
/// own options as given in the config (`model.descriptor.permutation: {type: sab, heads: 4}` gives
/// `options = ["heads": 4]`; resolve them with `Stage.options(settings)`).
public struct StageSettings: Sendable {
    /// Slots per centre, Σ sel.
    public var nnei: Int
    /// Width M1 of the embedding features.
    public var embeddingWidth: Int
    /// Axis neurons M2 (the G< columns of the Gram contraction).
    public var axisNeurons: Int
    /// Seed for any parameters a stage initialises.
    public var seed: UInt64
    /// The stage's options as given (defaults for missing ones; `preset` selects a preset).
    public var options: OptionValues

    /// Settings for any neighbour count and widths (e.g. to plot a variant's cost against nnei).
    public init(nnei: Int, embeddingWidth: Int, axisNeurons: Int, seed: UInt64, options: OptionValues = [:]) {
        self.nnei = nnei
        self.embeddingWidth = embeddingWidth
        self.axisNeurons = axisNeurons
        self.seed = seed
        self.options = options
    }

    /// The same settings with other stage options.
    public func with(options: OptionValues) -> StageSettings {
        var s = self
        s.options = options
        return s
    }

    /// A random stream for the parameters of stage `key`, derived from `seed` and the key so that
    /// different stages (and the nets drawn from `seed` itself) get independent draws.
    public func randomSource(for key: String) -> RandomSource {
        var h: UInt64 = 0xcbf29ce484222325  // FNV-1a over the key, mixed with the seed
        for byte in key.utf8 { h = (h ^ UInt64(byte)) &* 0x100000001b3 }
        return RandomSource(seed: (seed &* 0x9E3779B97F4A7C15) ^ h)
    }
}

/// Common description of a registered P_s or R_s variant.
public protocol Variant: RegisteredStage {
    /// Cost per centre atom.
    static var costClass: CostClass { get }
    /// Properties that hold only approximately, with the reason; the kit then measures and
    /// records them instead of asserting.
    static var approximateProperties: [ConformanceProperty: String] { get }
    /// Problems of the stage's options that depend on the descriptor sizes (e.g. "at most nnei"),
    /// as (option name, message); `ModelConfig.problems()` reports them with their key paths.
    static func problems(_ settings: StageSettings) -> [(option: String, message: String)]
    /// Builds the stage.
    init(_ settings: StageSettings) throws
    /// Trainable tensors owned by the stage.
    var parameters: [Tensor] { get }
    /// Values the stage keeps per neighbour slot of a centre in one forward pass (its
    /// intermediates, e.g. nnei for an nnei × nnei matrix), for the memory estimate of training;
    /// 0 by default (stages whose intermediates are no larger than the embedding's).
    static func activationsPerSlot(_ settings: StageSettings) -> Double
}

extension Variant {
    /// The typed options of a stage built from `settings`.
    public static func options(_ settings: StageSettings) -> Options { options(settings.options) }
    public static func problems(_ settings: StageSettings) -> [(option: String, message: String)] { [] }
    public static var costClass: CostClass { .linear }
    public static var approximateProperties: [ConformanceProperty: String] { [:] }
    public var parameters: [Tensor] { [] }
    public static func activationsPerSlot(_ settings: StageSettings) -> Double { 0 }
    /// Properties the variant makes exact.
    public static var exactProperties: [ConformanceProperty] {
        ConformanceProperty.allCases.filter { approximateProperties[$0] == nil }
    }
}

/// P_s: pools the set of neighbours into a permutation-invariant, rotation-covariant matrix
/// T [A, rows, 4] from invariant features G and covariant rows R̃.
public protocol PermutationEncoder: Variant {
    /// Floating-point operations of one forward pass of this stage per centre atom, as a function
    /// of the slot count `settings.nnei` and the widths (a multiply-add counts 2; see `FlopCount`).
    /// Reports call it to put accuracy against cost and to plot cost against neighbour count.
    static func flopsPerCentre(_ settings: StageSettings) -> Double
    /// Per-centre output: `pooled` [rows, 4] covariant rows.
    func output(for settings: StageSettings) -> FieldSpec
    /// T [A, rows, 4].
    func callAsFunction(_ set: NeighbourSet) -> Tensor
}

/// R_s: turns the pooled covariant matrix into a rotation-invariant descriptor D [A, dim].
public protocol RotationOperator: Variant {
    /// Floating-point operations of one forward pass of this stage per centre atom, given the rows
    /// of the pooled matrix it receives (a multiply-add counts 2; see `FlopCount`).
    static func flopsPerCentre(_ settings: StageSettings, pooledRows: Int) -> Double
    /// Per-centre input it needs (`pooled` [rows, 4] covariant rows).
    func input(for settings: StageSettings, pooledRows: Int) -> FieldSpec
    /// Per-centre output `descriptor` [dim], invariant.
    func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec
    /// D [A, dim] from T [A, rows, 4] (variants may also read the neighbour set).
    func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor
}

extension PermutationEncoder {
    public func output(for settings: StageSettings) -> FieldSpec {
        FieldSpec("pooled", [settings.embeddingWidth, 4], .covariantRows)
    }
}

extension RotationOperator {
    public func input(for settings: StageSettings, pooledRows: Int) -> FieldSpec {
        FieldSpec("pooled", [pooledRows, 4], .covariantRows)
    }
}
