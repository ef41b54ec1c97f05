import SymModel

/// The paired design of a suite: a variant's run starts from the same initial nets as the
/// baseline's run with the same seed wherever the two have a net of the same shape (embedding
/// nets by index, fitting nets by centre type). Everything else (stage parameters, nets of other
/// shapes) is the variant's own seeded draw. Batches and validation frames are shared already:
/// both depend only on the seed and the data.
public enum PairedInitialisation {
    /// The variant's starting nets and what they share with the baseline's draw.
    public struct Start {
        /// Nets to start from (nil: the variant's own draw, for the baseline itself).
        public var nets: DeepPotWeights?
        /// e.g. ["embedding 2/2", "fitting 0/2"]: nets copied / nets the variant has.
        public var shared: [String]
        /// Digest of the starting embedding nets (equal across a seed's runs when all are shared).
        public var embeddingDigest: String
    }

    /// The starting nets of `variant` paired with `baseline` (nil = this is the baseline).
    /// - Throws: `ConfigError`/`PipelineError` when a config cannot be built.
    public static func start(variant: ModelConfig, baseline: ModelConfig?) throws -> Start {
        var own = try DeepPotModel(config: variant).weights
        guard let baseline else {
            return Start(nets: nil, shared: [], embeddingDigest: digest(own.embedding))
        }
        let theirs = try DeepPotModel(config: baseline).weights
        var copiedEmbedding = 0, copiedFitting = 0
        for i in own.embedding.indices where i < theirs.embedding.count && sameShape(own.embedding[i], theirs.embedding[i]) {
            own.embedding[i] = theirs.embedding[i]
            copiedEmbedding += 1
        }
        for i in own.fitting.indices where i < theirs.fitting.count && sameShape(own.fitting[i], theirs.fitting[i]) {
            own.fitting[i] = theirs.fitting[i]
            copiedFitting += 1
        }
        return Start(nets: own, shared: ["embedding \(copiedEmbedding)/\(own.embedding.count)", "fitting \(copiedFitting)/\(own.fitting.count)"],
                     embeddingDigest: digest(own.embedding))
    }

    /// Same layer widths, activations, skips and timestep presence.
    static func sameShape(_ a: MLPParameters, _ b: MLPParameters) -> Bool {
        a.layers.count == b.layers.count && zip(a.layers, b.layers).allSatisfy {
            $0.inputs == $1.inputs && $0.outputs == $1.outputs && $0.activation == $1.activation && $0.skip == $1.skip
                && ($0.timestep == nil) == ($1.timestep == nil)
        }
    }

    static func digest(_ nets: [MLPParameters]) -> String {
        Digest.hex(nets.flatMap { $0.layers.flatMap { $0.weight + $0.bias + ($0.timestep ?? []) } }.map { String($0.bitPattern, radix: 16) }
            .joined(separator: ","))
    }
}
