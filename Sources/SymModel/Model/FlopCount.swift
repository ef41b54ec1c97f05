/// Floating-point operation counts of one forward energy evaluation, the cost measure reports put
/// accuracy against. Conventions: a multiply-add counts 2, every other elementwise operation
/// (bias add, activation, timestep product, residual add) counts 1; transcendental functions count
/// 1 like any other elementwise operation (their true cost depends on the library, so they are
/// not weighted). Forces, virials and training steps cost a roughly constant multiple of this.
public enum FlopCount {
    /// [m, k] · [k, n]: 2·m·k·n.
    public static func matmul(_ m: Int, _ k: Int, _ n: Int) -> Double { 2 * Double(m) * Double(k) * Double(n) }

    /// One row through a dense layer: x·W (2·in·out), + b, φ, ⊙ d, + skip (1 each per output).
    public static func layer(_ l: DenseLayer) -> Double {
        let elementwise = (l.bias.isEmpty ? 0 : 1) + (l.activation == .linear ? 0 : 1) + (l.timestep == nil ? 0 : 1) + (l.skip == .none ? 0 : 1)
        return matmul(1, l.inputs, l.outputs) + Double(elementwise * l.outputs)
    }

    /// One row through a net.
    public static func net(_ p: MLPParameters) -> Double { p.layers.reduce(0) { $0 + layer($1) } }

    /// The environment matrix per neighbour slot: distance (3 products, 2 adds, a square root),
    /// switch polynomial (~10), four scaled components (4) and the normalisation (8).
    public static let environmentPerSlot = 28.0
}

extension DeepPotModel {
    /// Forward FLOPs of one energy evaluation per atom, by stage (environment, L embedding, P_s,
    /// R_s, U_p fitting). Embedding nets of all type pairs have the same shape and fitting nets of
    /// all centre types too, so the count does not depend on the centre's type.
    public var flopsPerAtomByStage: [(stage: String, flops: Double)] {
        let pooledRows = declaredFields.pooled.shape.first ?? settings.embeddingWidth
        return [("environment", Double(nnei) * FlopCount.environmentPerSlot),
                ("L embedding", embedding.flopsPerCentre(sel: config.descriptor.sel)),
                ("P_s \(stageKeys.permutation)", type(of: encoder).flopsPerCentre(permutationSettings)),
                ("R_s \(stageKeys.rotation)", type(of: rotation).flopsPerCentre(rotationSettings, pooledRows: pooledRows)),
                ("U_p fitting", fittingNets.map { FlopCount.net($0.stored) }.max() ?? 0)]
    }

    /// Forward FLOPs of one energy evaluation per atom (sum of `flopsPerAtomByStage`).
    public var flopsPerAtom: Double { flopsPerAtomByStage.reduce(0) { $0 + $1.flops } }
}

extension DeepPotModel {
    /// Values the P_s and R_s stages keep per neighbour slot (see `Variant.activationsPerSlot`).
    public var stageActivationsPerSlot: Double {
        type(of: encoder).activationsPerSlot(permutationSettings) + type(of: rotation).activationsPerSlot(rotationSettings)
    }
}
