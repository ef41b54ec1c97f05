import SymAtoms
import SymTensor

/// L: the embedding stage. It turns each neighbour slot's invariant inputs (the normalised radial
/// column s̃ of R̃, the switch weight w and the atom types) into the per-neighbour features
/// G [A, nnei, M1] that P_s pools, and it decides how neighbour slots are laid out (one block per
/// neighbour type, or one block of all types). It may also give each centre a type feature that a
/// mixed-type fitting net reads (`model.fitting.mixed_types`).
///
/// Its trainable nets are stored in `DeepPotWeights.embedding` in the order `nets` lists them.
/// Registered in `VariantRegistry.embeddingStages`; configs choose it with
/// `model.descriptor.embedding: KEY` (or `{type: KEY, option: value}`).
public protocol EmbeddingStage: RegisteredStage {
    /// true: one block of sel[t] slots per neighbour type (`sel` has one entry per type);
    /// false: one block of `sel[0]` slots of all types sorted by distance.
    static var typeBlocks: Bool { get }
    /// Problems of `config` specific to this stage (e.g. how many `sel` entries), with key paths
    /// under `path` (= ["model", "descriptor"]). Options are checked by the caller.
    static func problems(_ config: ModelConfig, path: [String]) -> [ConfigError]
    /// Freshly initialised nets for `config`, drawn from `rng`, in storage order.
    static func randomNets(_ config: ModelConfig, rng: RandomSource) -> [MLPParameters]
    /// Width of the per-centre type feature offered to a mixed-type fitting net (0 = none).
    static func centreFeatureWidth(_ config: ModelConfig) -> Int
    /// Why a model with this stage cannot be trained (one sentence with the fix), nil when it can
    /// (e.g. a table of trained nets). Training configs report it at `model.descriptor.embedding`.
    static var trainingProblem: String? { get }
    /// The stage with stored nets.
    /// - Throws: `PipelineError` when the nets do not have the shapes `config` needs.
    init(config: ModelConfig, nets: [MLPParameters]) throws
    /// The trainable nets, in storage order.
    var nets: [MLP] { get }
    /// G [A, nnei, M1] from the normalised environment rows `env` [A, nnei, 4] and switch weights
    /// `switchWeight` [A, nnei] of `batch`.
    func callAsFunction(env: Tensor, switchWeight: Tensor, batch: EnvironmentBatch) -> Tensor
    /// The per-centre type features [A, centreFeatureWidth], nil when the width is 0.
    func centreFeatures(_ batch: EnvironmentBatch) -> Tensor?
    /// Forward FLOPs per centre atom (see `FlopCount`), for `sel` slots.
    func flopsPerCentre(sel: [Int]) -> Double
}

extension EmbeddingStage {
    public func centreFeatures(_ batch: EnvironmentBatch) -> Tensor? { nil }
    public static func centreFeatureWidth(_ config: ModelConfig) -> Int { 0 }
    public static var trainingProblem: String? { nil }

    /// Throws the stage's `PipelineError` when `nets` are not the shapes listed in `expected`
    /// as (inputs, outputs) pairs.
    static func checkShapes(_ nets: [MLPParameters], _ expected: [(inputs: Int, outputs: Int)]) throws {
        let got = nets.map { "\($0.inputs) -> \($0.outputs)" }, want = expected.map { "\($0.inputs) -> \($0.outputs)" }
        guard got == want else {
            throw PipelineError(stage: "L \(key)", field: "embedding nets", expected: want.joined(separator: ", "),
                                got: got.isEmpty ? "no nets" : got.joined(separator: ", "))
        }
    }

    /// The radial column s̃ of `env`, flattened to one row per slot: [A·nnei, 1].
    static func radialRows(_ env: Tensor) -> Tensor {
        env.slice(axis: 2, 0..<1).reshaped([env.shape[0] * env.shape[1], 1])
    }
}
