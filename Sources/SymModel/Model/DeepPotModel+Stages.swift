import SymTensor

extension DeepPotModel {
    /// P_s alone: the pooled matrix T [A, rows, 4] of a neighbour set (for timing a stage).
    public func pooled(_ set: NeighbourSet) -> Tensor { encoder(set) }

    /// R_s alone: the descriptor D [A, dim] from a pooled matrix and its neighbour set.
    public func rotated(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor { rotation(pooled, set) }
}

extension DeepPotModel {
    /// L, the embedding stage (e.g. to read a `TabulatedEmbedding`'s tables and their errors).
    public var embeddingStage: any EmbeddingStage { embedding }
}
