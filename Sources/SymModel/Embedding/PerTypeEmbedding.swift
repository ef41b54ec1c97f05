import SymAtoms
import SymTensor

/// `per-type`: DeepPot-SE's embedding (DeePMD `se_e2_a`, spec §4.2): one net per neighbour type
/// (`type_one_side: true`) or per (centre, neighbour) type pair (`type_one_side: false`), applied
/// to the normalised radial column s̃ of every slot:
///
///     G_ij = N_{t_j}(s̃_ij)   or   N_{t_i, t_j}(s̃_ij)        s̃ [A, nnei] → G [A, nnei, M1]
///
/// Slots come in one block of sel[t] per neighbour type t (spec §2.2); a padded slot uses its
/// block's net, as DeePMD does. Nets in storage order: by neighbour type, or by t_i·ntypes + t_j.
/// Cost per centre: Σ_t sel[t] · FLOPs(net) (widths 1 → neuron).
/// Reference: Zhang et al., "End-to-end symmetry preserving inter-atomic potential energy model
/// for finite and extended systems", NeurIPS 2018.
public struct PerTypeEmbedding: EmbeddingStage {
    public static let key = "per-type"
    public static let summary = "DeepPot-SE: one embedding net per neighbour type (or type pair), slots blocked by type"
    public static let typeBlocks = true
    public let nets: [MLP]
    let sel: [Int], typeOneSide: Bool, typeCount: Int, width: Int

    public static func problems(_ config: ModelConfig, path: [String]) -> [ConfigError] {
        let sel = config.descriptor.sel, n = config.typeMap.count
        return sel.count == n ? [] : [ConfigError(path: path + ["sel"], "needs one entry per type (\(n)), got \(sel)")]
    }

    static func netCount(_ config: ModelConfig) -> Int {
        let n = config.typeMap.count
        return config.descriptor.typeOneSide ? n : n * n
    }

    public static func randomNets(_ config: ModelConfig, rng: RandomSource) -> [MLPParameters] {
        let d = config.descriptor
        return (0..<netCount(config)).map { _ in
            MLPParameters.random(widths: [1] + d.neuron, resnetDt: d.resnetDt, linearOutput: false, rng: rng)
        }
    }

    public init(config: ModelConfig, nets stored: [MLPParameters]) throws {
        let d = config.descriptor
        try Self.checkShapes(stored, Array(repeating: (1, d.neuron.last ?? 0), count: Self.netCount(config)))
        nets = stored.map(MLP.init)
        (sel, typeOneSide, typeCount, width) = (d.sel, d.typeOneSide, config.typeMap.count, d.neuron.last!)
    }

    /// Index into `nets` of the net for a (centre, neighbour) type pair.
    func netIndex(centre: Int, neighbour: Int) -> Int { typeOneSide ? neighbour : centre * typeCount + neighbour }

    public func callAsFunction(env: Tensor, switchWeight: Tensor, batch: EnvironmentBatch) -> Tensor {
        let a = env.shape[0], m1 = width
        let radial = env.slice(axis: 2, 0..<1).reshaped([a, env.shape[1]])
        var blocks: [Tensor] = [], offset = 0
        for (tj, count) in sel.enumerated() where count > 0 {
            let block = radial.slice(axis: 1, offset..<(offset + count))  // [A, sel_tj]
            offset += count
            if typeOneSide {
                blocks.append(nets[tj](block.reshaped([a * count, 1])).reshaped([a, count, m1]))
                continue
            }
            var placed: Tensor?
            for ti in 0..<typeCount {
                let rows = batch.centreTypes.indices.filter { batch.centreTypes[$0] == ti }
                guard !rows.isEmpty else { continue }
                let out = nets[netIndex(centre: ti, neighbour: tj)](block.gather(rows: rows).reshaped([rows.count * count, 1]))
                    .reshaped([rows.count, count * m1]).scatterAdd(rows: rows, extent: a)
                placed = placed.map { $0 + out } ?? out
            }
            blocks.append(placed!.reshaped([a, count, m1]))
        }
        return Tensor.concat(blocks, axis: 1)
    }

    /// Nets of all type pairs have the same shape, so the count does not depend on the centre's type.
    public func flopsPerCentre(sel: [Int]) -> Double { Double(sel.reduce(0, +)) * FlopCount.net(nets[0].stored) }
}
