import SymAtoms

extension DeepPotModel {
    /// The baseline model (`deepsets-sum` + `gram-factored`) carrying DeePMD se_e2_a parameters,
    /// e.g. from a DeePMD-kit fixture. The statistics must be the same for every slot of a centre
    /// type (DeePMD's own statistics are, spec §3.3).
    /// - Throws: `DataError` naming `source` when they are not, or the nets do not fit.
    public convenience init(seA p: SeAParameters, source: String = "parameters") throws {
        let (config, weights) = try Self.seAModel(p, source: source)
        do { try self.init(config: config, weights: weights) } catch { throw DataError(file: source, "\(error)") }
    }

    /// The SymLab config and weights of validated se_e2_a parameters.
    static func seAModel(_ p: SeAParameters, source: String) throws -> (ModelConfig, DeepPotWeights) {
        try p.validate(source: source)
        var config = ModelConfig(typeMap: p.typeMap)
        config.descriptor.rcut = p.rcut
        config.descriptor.rcutSmooth = p.rcutSmooth
        config.descriptor.sel = p.sel
        config.descriptor.neuron = p.embedding[0].layers.map(\.outputs)
        config.descriptor.axisNeuron = p.axisNeurons
        config.descriptor.typeOneSide = p.typeOneSide
        config.descriptor.resnetDt = p.embedding[0].layers.contains { $0.timestep != nil }
        config.fitting.neuron = p.fitting[0].layers.dropLast().map(\.outputs)
        config.fitting.resnetDt = p.fitting[0].layers.contains { $0.timestep != nil }
        let (davg, dstd) = try perTypeStatistics(davg: p.davg, dstd: p.dstd, types: p.ntypes, nnei: p.nnei, source: source)
        return (config, DeepPotWeights(embedding: p.embedding, fitting: p.fitting, davg: davg, dstd: dstd, energyBias: p.energyBias))
    }

    /// DeePMD's statistics [ntypes, nnei, 4] as SymLab's [ntypes, 4] (one row per centre type).
    /// - Throws: `DataError` when two slots of one centre type differ, or the arrays are not
    ///   [types, nnei, 4] with nnei >= 1.
    static func perTypeStatistics(davg all: [Double], dstd allStd: [Double], types: Int, nnei: Int,
                                  source: String) throws -> (davg: [Double], dstd: [Double]) {
        let perType = nnei.multipliedReportingOverflow(by: 4), total = types.multipliedReportingOverflow(by: perType.partialValue)
        guard types >= 0, nnei >= 1, !perType.overflow, !total.overflow, all.count == total.partialValue, allStd.count == total.partialValue else {
            throw DataError(file: source, "davg/dstd hold \(all.count) and \(allStd.count) values, expected [\(types), \(nnei), 4] with at least one slot")
        }
        var davg: [Double] = [], dstd: [Double] = []
        for t in 0..<types {
            let base = t * nnei * 4
            let avg = Array(all[base..<(base + 4)]), std = Array(allStd[base..<(base + 4)])
            for slot in 0..<nnei where Array(all[(base + 4 * slot)..<(base + 4 * slot + 4)]) != avg
                || Array(allStd[(base + 4 * slot)..<(base + 4 * slot + 4)]) != std {
                throw DataError(file: source, "davg/dstd of type \(t) differ between slots 0 and \(slot); SymLab keeps one row per centre type")
            }
            davg += avg
            dstd += std
        }
        return (davg, dstd)
    }
}
