import SymAtoms
import SymTensor

/// A DeepPot-SE-family energy model assembled from pluggable stages (spec §15):
///
///     R̃ = (R(r_ij) − davg[t_i]) / dstd[t_i]            environment rows   [A, nnei, 4]   (T_s: pair vectors only)
///     G = L(s̃, w, types)                               embedding stage     [A, nnei, M1]  invariant
///     T = P_s(G, R̃)                                     pooled, equivariant [A, rows, 4]
///     D = R_s(T)                                        invariant           [A, dim]
///     E_i = U_p,t_i(D_i) + b_{t_i};  E = Σ_i E_i         eV  (mixed types: U_p(D_i ⊕ T_{t_i}), one net)
///     F = −∂E/∂r, W = −Σ g_ij ⊗ r_ij                    U_f, by reverse mode (eV/Å, eV)
///
/// Stage contracts (shapes and symmetry of each field) are checked when the model is built.
public final class DeepPotModel {
    /// Hyper-parameters.
    public let config: ModelConfig
    /// Environment statistics per centre type, [ntypes, 4] row-major: davg = (μ_s, 0, 0, 0),
    /// dstd = (σ_s, σ_a, σ_a, σ_a) (spec §3.3).
    public var davg: [Double], dstd: [Double]
    /// Per-type energy bias b_t (eV).
    public var energyBias: [Double]
    let embedding: any EmbeddingStage
    let encoder: any PermutationEncoder
    let rotation: any RotationOperator
    let fittingNets: [MLP]
    let settings: StageSettings

    /// The settings P_s was built from (with its options).
    public var permutationSettings: StageSettings { settings.with(options: config.descriptor.permutationOptions) }
    /// The settings R_s was built from (with its options).
    public var rotationSettings: StageSettings { settings.with(options: config.descriptor.rotationOptions) }

    /// Number of element types.
    public var typeCount: Int { config.typeMap.count }
    /// Slots per centre.
    public var nnei: Int { settings.nnei }

    /// Builds a model; `weights` nil draws fresh parameters from `config.seed` (spec §4.1).
    /// `permutationEncoder` / `rotationOperator` override the registry lookup of the config's keys
    /// (for variants defined outside the registry, e.g. deliberately broken ones in tests).
    /// - Throws: `ConfigError` for an invalid config, `PipelineError` when stages do not fit.
    public init(config: ModelConfig, weights: DeepPotWeights? = nil,
                permutationEncoder: (any PermutationEncoder.Type)? = nil,
                rotationOperator: (any RotationOperator.Type)? = nil) throws {
        MemoryTuning.configure()
        let d = config.descriptor, ntypes = config.typeMap.count, dp = ["model", "descriptor"]
        // Stages given explicitly replace the registry lookup of the config's key (and its options' check).
        var problems = config.problems()
        if let p = permutationEncoder {
            problems.removeAll { $0.path.starts(with: dp + ["permutation"]) }
            problems += p.optionProblems(d.permutationOptions, path: dp + ["permutation"])
        }
        if let r = rotationOperator {
            problems.removeAll { $0.path.starts(with: dp + ["rotation"]) }
            problems += r.optionProblems(d.rotationOptions, path: dp + ["rotation"])
        }
        if let first = problems.first { throw first }
        self.config = config
        settings = StageSettings(nnei: d.sel.reduce(0, +), embeddingWidth: d.neuron.last!, axisNeurons: d.axisNeuron,
                                 seed: config.seed)
        encoder = try (permutationEncoder ?? VariantRegistry.permutationEncoder(d.permutation))
            .init(settings.with(options: d.permutationOptions))
        rotation = try (rotationOperator ?? VariantRegistry.rotationOperator(d.rotation)).init(settings.with(options: d.rotationOptions))
        let descriptorWidth = try Self.checkContracts(encoder, settings.with(options: d.permutationOptions),
                                                      rotation, settings.with(options: d.rotationOptions))

        let w = weights ?? DeepPotWeights.random(config: config, descriptorWidth: descriptorWidth)
        guard w.davg.count == 4 * ntypes, w.dstd.count == 4 * ntypes, w.energyBias.count == ntypes else {
            throw PipelineError(stage: "weights", field: "statistics", expected: "[\(ntypes), 4] statistics and \(ntypes) energy biases",
                                got: "\(w.davg.count / 4) statistics rows, \(w.energyBias.count) biases")
        }
        // Stored nets come from files: each must be consistent in itself before it becomes tensors.
        for (name, nets) in [("embedding", w.embedding), ("fitting", w.fitting)] {
            for (k, net) in nets.enumerated() {
                if let problem = net.problems().first { throw ConfigError(path: ["weights", "\(name)[\(k)]"], problem) }
            }
        }
        let embeddingType = try VariantRegistry.embeddingStage(d.embedding)
        embedding = try embeddingType.init(config: config, nets: w.embedding)
        let fittingInputs = descriptorWidth + (config.fitting.mixedTypes ? embeddingType.centreFeatureWidth(config) : 0)
        let fittingCount = config.fitting.mixedTypes ? 1 : ntypes
        guard w.fitting.count == fittingCount, w.fitting.allSatisfy({ $0.inputs == fittingInputs && $0.outputs == 1 }) else {
            throw PipelineError(stage: "U_p fitting", field: "descriptor",
                                expected: "\(fittingCount) net(s) [\(fittingInputs)] invariant -> 1",
                                got: "\(w.fitting.count) net(s) " + w.fitting.map { "\($0.inputs) -> \($0.outputs)" }.joined(separator: ", "))
        }
        fittingNets = w.fitting.map(MLP.init)
        davg = w.davg
        dstd = w.dstd
        energyBias = w.energyBias
        if !w.stageParameters.isEmpty {
            let own = stageParameters
            guard w.stageParameters.map(\.count) == own.map(\.count) else {
                throw PipelineError(stage: "P_s/R_s", field: "stage parameters", expected: "sizes \(own.map(\.count))",
                                    got: "sizes \(w.stageParameters.map(\.count))")
            }
            for (tensor, stored) in zip(own, w.stageParameters) { tensor.scalars = stored }
        }
    }

    /// Registry keys of the stages actually used.
    public var stageKeys: (permutation: String, rotation: String) { (type(of: encoder).key, type(of: rotation).key) }

    /// Every option of the stages actually used, resolved (defaults < preset < explicit fields).
    public var stageOptions: (permutation: OptionValues, rotation: OptionValues) {
        (type(of: encoder).resolvedValues(config.descriptor.permutationOptions),
         type(of: rotation).resolvedValues(config.descriptor.rotationOptions))
    }

    /// The config with the stage keys and fully resolved options actually used (what a model file
    /// stores, so that it rebuilds the same model even if defaults change).
    public var resolvedConfig: ModelConfig {
        var c = config
        c.descriptor.embeddingOptions = type(of: embedding).resolvedValues(config.descriptor.embeddingOptions)
        (c.descriptor.permutation, c.descriptor.rotation) = stageKeys
        (c.descriptor.permutationOptions, c.descriptor.rotationOptions) = stageOptions
        return c
    }

    /// Properties declared approximate by the stages, with reasons.
    public var approximateProperties: [ConformanceProperty: String] {
        type(of: encoder).approximateProperties.merging(type(of: rotation).approximateProperties) { a, b in a + "; " + b }
    }

    /// Checks that P_s produces what R_s consumes and R_s gives an invariant descriptor; returns its width.
    static func checkContracts(_ p: any PermutationEncoder, _ ps: StageSettings, _ r: any RotationOperator,
                               _ s: StageSettings) throws -> Int {
        let pooled = p.output(for: ps)
        let needed = r.input(for: s, pooledRows: pooled.shape.first ?? 0)
        guard pooled == needed else {
            throw PipelineError(stage: "R_s \(type(of: r).key)", field: needed.name, expected: needed.description, got: pooled.description)
        }
        let descriptor = r.output(for: s, pooledRows: pooled.shape[0])
        guard descriptor.symmetry == .invariant, descriptor.shape.count == 1 else {
            throw PipelineError(stage: "U_p fitting", field: "descriptor", expected: "[dim] invariant", got: descriptor.description)
        }
        return descriptor.shape[0]
    }

    /// Trainable tensors of the pluggable stages (P_s, then R_s).
    var stageParameters: [Tensor] { encoder.parameters + rotation.parameters }

    /// Every trainable tensor: embedding nets, stage parameters, fitting nets (fixed order).
    public var parameters: [Tensor] { embedding.nets.flatMap(\.parameters) + stageParameters + fittingNets.flatMap(\.parameters) }

    /// Number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The current weights, for saving.
    public var weights: DeepPotWeights {
        DeepPotWeights(embedding: embedding.nets.map(\.stored), fitting: fittingNets.map(\.stored), davg: davg, dstd: dstd,
                       energyBias: energyBias, stageParameters: stageParameters.map(\.scalars))
    }

    /// Builds the neighbour set (R̃, G, w) of a batch.
    public func neighbourSet(_ batch: EnvironmentBatch) -> NeighbourSet {
        let a = batch.rows, n = nnei, d = config.descriptor
        let (raw, weight) = EnvironmentMatrix.rows(batch.rij, rcut: d.rcut, rcutSmooth: d.rcutSmooth)
        let env = EnvironmentMatrix.normalised(raw.reshaped([a, n, 4]), centreTypes: batch.centreTypes, davg: davg, dstd: dstd)
        let w = weight.reshaped([a, n])
        return NeighbourSet(env: env, embedding: embedding(env: env, switchWeight: w, batch: batch),
                            switchWeight: w, valid: batch.valid, batch: batch)
    }

    /// Per-centre descriptors D [A, dim].
    public func descriptor(_ set: NeighbourSet) -> Tensor { stageOutputs(set).descriptor }

    /// The pooled matrix T [A, rows, 4] and descriptor D [A, dim].
    public func stageOutputs(_ set: NeighbourSet) -> (pooled: Tensor, descriptor: Tensor) {
        let pooled = encoder(set)
        return (pooled, rotation(pooled, set))
    }

    /// The per-centre shapes the stages declare.
    public var declaredFields: (pooled: FieldSpec, descriptor: FieldSpec) {
        let pooled = encoder.output(for: permutationSettings)
        return (pooled, rotation.output(for: rotationSettings, pooledRows: pooled.shape[0]))
    }

    /// The fitting nets' input [A, width]: D, or D ⊕ T_{t_i} for mixed-type fitting.
    public func fittingInput(_ set: NeighbourSet) -> Tensor {
        let d = descriptor(set)
        guard config.fitting.mixedTypes, let t = embedding.centreFeatures(set.batch) else { return d }
        return Tensor.concat([d, t], axis: 1)
    }

    /// Atomic energies E_i [A] (eV, bias included).
    public func atomicEnergies(_ batch: EnvironmentBatch) -> Tensor {
        let d = fittingInput(neighbourSet(batch))
        let a = batch.rows
        if config.fitting.mixedTypes {
            return (fittingNets[0](d) + Tensor(shape: [a, 1], scalars: batch.centreTypes.map { energyBias[$0] })).reshaped([a])
        }
        var total: Tensor?
        for t in 0..<typeCount {
            let rows = batch.centreTypes.indices.filter { batch.centreTypes[$0] == t }
            guard !rows.isEmpty else { continue }
            let input = rows.count == a ? d : d.gather(rows: rows)
            let e = fittingNets[t](input) + energyBias[t]
            let placed = rows.count == a ? e : e.scatterAdd(rows: rows, extent: a)
            total = total.map { $0 + placed } ?? placed
        }
        return total!.reshaped([a])
    }

    /// The environment batch of `frames` (one system) with this model's cutoff and sel.
    public func batch(for frames: [Frame], overflow: OverflowPolicy = .error, source: String = "batch") throws -> EnvironmentBatch {
        try EnvironmentBatch.build(frames: frames, rcut: config.descriptor.rcut, sel: config.descriptor.sel, typeCount: typeCount,
                                   overflow: overflow, source: source, typeBlocks: type(of: embedding).typeBlocks)
    }

    /// The environment batch of one frame with this model's cutoff and sel.
    public func batch(for frame: Frame, overflow: OverflowPolicy = .error, source: String = "frame") throws -> EnvironmentBatch {
        try batch(for: [frame], overflow: overflow, source: source)
    }

    /// Energies, forces and virials of a batch. With `createGraph` the outputs stay differentiable
    /// with respect to the parameters (for training on forces and virials: see `predictInBlocks`
    /// for the parallel form). Without it the batch is evaluated in blocks of centres on
    /// `Parallelism.threads` cores.
    public func predict(_ batch: EnvironmentBatch, createGraph: Bool = false) -> Prediction {
        createGraph ? predictWhole(batch, createGraph: true) : predictInBlocks(batch).total
    }

    /// The whole batch on one tape.
    func predictWhole(_ batch: EnvironmentBatch, createGraph: Bool) -> Prediction {
        let atomEnergy = atomicEnergies(batch)
        let energy = atomEnergy.reshaped([batch.frames, batch.atoms]).sum(axis: 1)
        let g = gradients(of: energy.sum(), withRespectTo: [batch.rij], createGraph: createGraph)[0]  // ∂E/∂r_ij [S, 3]
        let forces = g.scatterAdd(rows: batch.centreRow, extent: batch.rows) - g.scatterAdd(rows: batch.neighbourRow, extent: batch.rows)
        let perFrame = [batch.frames, batch.atoms * nnei, 3]
        let virial = -Tensor.batchedMatmul(g.reshaped(perFrame), batch.rij.reshaped(perFrame), transposeA: true)
        return Prediction(energy: energy, forces: forces, virial: virial, atomEnergy: atomEnergy)
    }
}

/// A model's outputs for a batch of F frames of N atoms.
public struct Prediction {
    /// Total energies [F] (eV).
    public var energy: Tensor
    /// Forces [F·N, 3] (eV/Å).
    public var forces: Tensor
    /// Virials [F, 3, 3] (eV), W[α][β] = −Σ g_α r_β.
    public var virial: Tensor
    /// Atomic energies [F·N] (eV).
    public var atomEnergy: Tensor

    public init(energy: Tensor, forces: Tensor, virial: Tensor, atomEnergy: Tensor) {
        (self.energy, self.forces, self.virial, self.atomEnergy) = (energy, forces, virial, atomEnergy)
    }
}
