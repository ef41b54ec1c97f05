import SymTensor

/// Evaluation split over blocks of centre atoms, one autodiff tape per block, blocks on
/// `Parallelism.threads` cores (and, for inference, blocks of bounded size: memory does not grow
/// with the atom count beyond the inputs and outputs).
///
/// E_i depends only on centre i's own environment, so with the batch's centre rows cut into
/// blocks B_1 … B_P (each with its own leaf r_ij of its slots):
///
///     E = Σ_p E_p,   F = Σ_p F_p,   W = Σ_p W_p,   with E_p = Σ_{i ∈ B_p} E_i,
///     F_p = scatter of g_p = ∂E_p/∂r_ij over centre and neighbour rows,  W_p = −Σ_{s ∈ B_p} g_s ⊗ r_s.
///
/// For training, a loss L(E, F, W) has ∂L/∂θ = Σ_p ⟨∂L/∂E, ∂E_p/∂θ⟩ + ⟨∂L/∂F, ∂F_p/∂θ⟩ + ⟨∂L/∂W, ∂W_p/∂θ⟩:
/// the cotangents come from the summed outputs, then each block pulls them back through its own
/// tape, again in parallel (`ParallelPrediction.parameterGradients`).
extension DeepPotModel {
    /// Centres per block at most, without a graph kept for training: inference memory then stays
    /// bounded by the blocks in flight (about 1.3 MB per centre at water's 138 slots), whatever
    /// the number of atoms. Training keeps every block's graph until its backward pass anyway.
    public static let inferenceBlockLimit = 256

    /// Centre-row blocks used for `batch`: one block per thread, at least 8 centres each; for
    /// inference also at most `inferenceBlockLimit` centres each.
    public func blocks(_ batch: EnvironmentBatch, training: Bool = false) -> [Range<Int>] {
        Parallelism.ranges(batch.rows, minimum: 8, maximum: training ? .max : Self.inferenceBlockLimit)
    }

    /// Energies, forces and virials of `batch` evaluated block by block (in parallel when
    /// `Parallelism.threads` > 1). With one block this is the whole batch on one tape.
    public func predictInBlocks(_ batch: EnvironmentBatch, createGraph: Bool = false) -> ParallelPrediction {
        let ranges = blocks(batch, training: createGraph)
        if ranges.count == 1 { return ParallelPrediction(parts: [predictWhole(batch, createGraph: createGraph)]) }
        let parts = Parallelism.map(ranges.count) { p in predictBlock(batch, rows: ranges[p], createGraph: createGraph) }
        return ParallelPrediction(parts: parts)
    }

    /// One block's contribution, every output at full size (zeros outside the block's rows and frames).
    func predictBlock(_ batch: EnvironmentBatch, rows: Range<Int>, createGraph: Bool) -> Prediction {
        let sub = batch.centreBlock(rows)
        let n = nnei, atoms = batch.atoms, frames = batch.frames, extent = batch.rows
        let slots = (rows.lowerBound * n)..<(rows.upperBound * n)
        let atomEnergy = atomicEnergies(sub).reshaped([rows.count, 1])
        let energy = atomEnergy.scatterAdd(rows: rows.map { $0 / atoms }, extent: frames).reshaped([frames])
        let g = gradients(of: atomEnergy.sum(), withRespectTo: [sub.rij], createGraph: createGraph)[0]  // [S_p, 3]
        let forces = g.scatterAdd(rows: Array(batch.centreRow[slots]), extent: extent)
            - g.scatterAdd(rows: Array(batch.neighbourRow[slots]), extent: extent)
        // W_f = −Σ g ⊗ r over the block's slots of frame f (slots of one frame are contiguous).
        let first = rows.lowerBound / atoms, last = (rows.upperBound - 1) / atoms
        let perFrame = (first...last).map { f -> Tensor in
            let lo = (max(rows.lowerBound, f * atoms) - rows.lowerBound) * n
            let hi = (min(rows.upperBound, (f + 1) * atoms) - rows.lowerBound) * n
            return Tensor.matmul(g.slice(axis: 0, lo..<hi), sub.rij.slice(axis: 0, lo..<hi), transposeA: true).reshaped([1, 3, 3])
        }
        let virial = -Tensor.concat(perFrame, axis: 0).padSlice(axis: 0, at: first, toExtent: frames)
        let placed = atomEnergy.padSlice(axis: 0, at: rows.lowerBound, toExtent: extent).reshaped([extent])
        guard createGraph else {
            // Constants: the outputs must not keep the block's forward graph alive (inference
            // memory would grow with the number of blocks, i.e. with the atoms).
            return Prediction(energy: energy.detached(), forces: forces.detached(), virial: virial.detached(), atomEnergy: placed.detached())
        }
        return Prediction(energy: energy, forces: forces, virial: virial, atomEnergy: placed)
    }
}

/// The per-block predictions of `DeepPotModel.predictInBlocks` and their sum.
public struct ParallelPrediction {
    /// One prediction per block, each at full size.
    public let parts: [Prediction]
    /// The summed outputs as constants (the prediction itself when there is one block).
    public let total: Prediction

    init(parts: [Prediction]) {
        self.parts = parts
        guard parts.count > 1 else { total = parts[0]; return }
        func sum(_ pick: (Prediction) -> Tensor) -> Tensor { Self.sumInOrder(parts.map(pick)) }
        total = Prediction(energy: sum(\.energy), forces: sum(\.forces), virial: sum(\.virial), atomEnergy: sum(\.atomEnergy))
    }

    /// The elementwise sum of same-shaped tensors as a constant, added in the order given (so the
    /// result depends only on the block order, never on which thread finished first).
    static func sumInOrder(_ tensors: [Tensor]) -> Tensor {
        var s = tensors[0].scalars
        for t in tensors.dropFirst() { for (k, v) in t.scalars.enumerated() { s[k] += v } }
        return Tensor(shape: tensors[0].shape, scalars: s)
    }

    /// ∂L/∂θ for a scalar loss of the summed outputs: `loss` is applied to differentiable copies of
    /// the totals, and its cotangents are pulled back through every block's tape (in parallel).
    /// The parts must have been made with `createGraph: true`. Returns the loss and one gradient
    /// per parameter (block gradients summed in block order).
    public func parameterGradients(_ parameters: [Tensor], loss: (Prediction) -> Tensor) -> (loss: Tensor, gradients: [Tensor]) {
        if parts.count == 1 {
            let l = loss(parts[0])
            return (l, gradients(of: l, withRespectTo: parameters))
        }
        let leaves = [total.energy, total.forces, total.virial].map { Tensor.variable(shape: $0.shape, scalars: $0.scalars) }
        let l = loss(Prediction(energy: leaves[0], forces: leaves[1], virial: leaves[2], atomEnergy: total.atomEnergy))
        let seeds = gradients(of: l, withRespectTo: leaves)
        let used = seeds.map { $0.scalars.contains { $0 != 0 } }
        let perBlock = Parallelism.map(parts.count) { p -> [Tensor] in
            let outputs = [parts[p].energy, parts[p].forces, parts[p].virial]
            var objective: Tensor?
            for k in 0..<3 where used[k] {
                let term = (outputs[k] * seeds[k]).sum()
                objective = objective.map { $0 + term } ?? term
            }
            guard let objective else { return parameters.map { Tensor.zeros($0.shape) } }
            return gradients(of: objective, withRespectTo: parameters)
        }
        return (Tensor(l.scalar), parameters.indices.map { i in Self.sumInOrder(perBlock.map { $0[i] }) })
    }
}

extension EnvironmentBatch {
    /// Centre rows `rows` as a batch of their own: one pseudo-frame of `rows.count` centres with
    /// their slots and a fresh leaf r_ij. `centreRow` / `neighbourRow` keep the full batch's row
    /// numbers (stages read only types, validity and r_ij).
    func centreBlock(_ rows: Range<Int>) -> EnvironmentBatch {
        let n = nnei, slots = (rows.lowerBound * n)..<(rows.upperBound * n)
        return EnvironmentBatch(
            frames: 1, atoms: rows.count, sel: sel, centreTypes: Array(centreTypes[rows]), slotTypes: slotTypes,
            typeBlocks: typeBlocks, neighbourTypes: Array(neighbourTypes[slots]), valid: Array(valid[slots]),
            centreRow: Array(centreRow[slots]), neighbourRow: Array(neighbourRow[slots]),
            rij: .variable(shape: [slots.count, 3], scalars: Array(rij.scalars[(3 * slots.lowerBound)..<(3 * slots.upperBound)])),
            centrePositions: Tensor(shape: [rows.count, 3],
                                    scalars: Array(centrePositions.scalars[(3 * rows.lowerBound)..<(3 * rows.upperBound)])),
            rcut: rcut, droppedNeighbours: 0)
    }
}
