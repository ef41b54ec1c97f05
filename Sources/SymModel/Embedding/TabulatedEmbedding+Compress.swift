import Foundation
import SymAtoms

/// Compression of a trained `per-type` model into a `tabulated` one (`symlab compress`), as
/// DeePMD-kit's `dp compress` does, and the interpolation error it reports.
extension TabulatedEmbedding {
    /// DeePMD-kit's table range (`_get_env_mat_range`): s̃ of an empty slot (s = 0) and of a
    /// neighbour at the smallest neighbour distance r_min (s = w(r_min)/r_min, w the switch function,
    /// spec §3.1), over the centre types t, rounded outward:
    ///
    ///     lower = ⌊min_{t,c} −μ_{t,c}/σ_{t,c}⌋,   upper = ⌈max_{t,c} (s − μ_{t,c})/σ_{t,c}⌉
    ///
    /// with μ = davg, σ = dstd [ntypes, 4]. The columns c run over all four, as in DeePMD-kit 3.2.0's
    /// PyTorch backend (`dp --pt compress`: its statistics are [ntypes, nnei, 4], so its `davg[:, 0]`
    /// is a slot's whole row): with σ_a < σ_s the angular columns widen upper to ⌈s/σ_a⌉ and lower
    /// includes 0. (Its TensorFlow backend reads the radial column only.) A wider table changes
    /// nothing but its size; with the same columns the tables are DeePMD-kit's.
    public static func range(davg: [Double], dstd: [Double], rcut: Double, rcutSmooth: Double,
                             minimumDistance r: Double) -> (lower: Double, upper: Double) {
        let u = (r - rcutSmooth) / (rcut - rcutSmooth)
        let w = r < rcutSmooth ? 1 : (r < rcut ? u * u * u * (-6 * u * u + 15 * u - 10) + 1 : 0)
        let columns = davg.indices
        let lower = columns.map { -davg[$0] / dstd[$0] }.min() ?? 0
        let upper = columns.map { (w / r - davg[$0]) / dstd[$0] }.max() ?? 0
        return (lower.rounded(.down), upper.rounded(.up))
    }

    /// The smallest distance between two atoms (or an atom and an image) closer than `rcut`, over
    /// every frame of `dataset` (DeePMD-kit's `min_nbor_dist` from its neighbour statistics);
    /// nil when no frame has such a pair.
    /// - Throws: `DataError` naming the system for frames the neighbour search rejects.
    public static func minimumNeighbourDistance(in dataset: Dataset, rcut: Double) throws -> Double? {
        var smallest: Double?
        for system in dataset.systems {
            for (f, frame) in system.frames.enumerated() {
                let pairs = try NeighbourPairs.build(frame: frame, rcut: rcut, frameIndex: f, source: system.name)
                if let d = pairs.distance.min() { smallest = min(smallest ?? d, d) }
            }
        }
        return smallest
    }

    /// The model of `file` with its `per-type` nets tabulated: same weights, embedding `tabulated`
    /// over `range(…)` for `minimumDistance` (Å), fine step `stride` in s̃, coarse table to
    /// `extrapolate`·upper. The provenance gains `compressed_from` (= `source`) and the settings.
    /// - Throws: `DataError` naming `source` for a model whose embedding is not `per-type`, a
    ///   distance outside (0, rcut), or settings the stage refuses.
    public static func compress(_ file: ModelFile, source: String, minimumDistance: Double, stride: Double = 0.01,
                                extrapolate: Double = 5) throws -> ModelFile {
        let d = file.config.descriptor
        guard d.embedding == PerTypeEmbedding.key else {
            let why = d.embedding == key ? "is already compressed" : "has embedding '\(d.embedding)'"
            throw DataError(file: source, "\(why); only per-type embedding nets (DeePMD-kit se_e2_a) can be tabulated")
        }
        guard minimumDistance > 0 && minimumDistance < d.rcut else {
            throw DataError(file: source, "the smallest neighbour distance must be in (0, rcut = \(d.rcut)) Å, got \(minimumDistance)")
        }
        let (lower, upper) = range(davg: file.weights.davg, dstd: file.weights.dstd, rcut: d.rcut, rcutSmooth: d.rcutSmooth,
                                   minimumDistance: minimumDistance)
        var config = file.config
        config.descriptor.embedding = key
        config.descriptor.embeddingOptions = ["lower": .number(lower), "upper": .number(upper), "stride": .number(stride),
                                              "extrapolate": .number(extrapolate)]
        let model: DeepPotModel
        do { model = try DeepPotModel(config: config, weights: file.weights) } catch let error as ConfigError {
            throw DataError(file: source, "cannot tabulate: \(error)")
        }
        var provenance = file.provenance
        provenance["compressed_from"] = source
        provenance["compress_min_neighbour_distance"] = "\(minimumDistance)"
        return ModelFile(model: model, provenance: provenance)
    }

    /// Interpolation error of one table against its net, over one grid region.
    public struct TableError: Sendable {
        /// Index of the net (storage order).
        public var net: Int
        /// "fine" ([lower, x₁)) or "coarse" ([x₁, x₂)).
        public var region: String
        /// Points compared.
        public var points: Int
        /// max |G_table − G_net| and the same divided by max |G_net| over the region.
        public var valueAbsolute: Double, valueRelative: Double
        /// max |G′_table − G′_net| (dG/ds̃) and the same divided by max |G′_net|.
        public var slopeAbsolute: Double, slopeRelative: Double
    }

    /// The tables against the exact nets at `samples` points inside every interval (at
    /// (j + ½)/samples of its width, never on a node, where both agree by construction).
    public func interpolationErrors(samples: Int = 8) -> [TableError] {
        var errors: [TableError] = []
        for (k, table) in tables.enumerated() {
            for (region, range) in [("fine", 0..<table.fineIntervals), ("coarse", table.fineIntervals..<table.intervals)] where !range.isEmpty {
                let xs = range.flatMap { i -> [Double] in
                    let (a, b) = (table.node(i), table.node(i + 1))
                    return (0..<samples).map { a + (Double($0) + 0.5) / Double(samples) * (b - a) }
                }
                let exact = nets[k].stored.scalarDerivatives(at: xs), m = table.width
                var dv = 0.0, dg = 0.0, v = 0.0, g = 0.0
                for (i, x) in xs.enumerated() {
                    let value = table.evaluate(x), slope = table.evaluate(x, derivative: 1)
                    for c in 0..<m {
                        dv = max(dv, abs(value[c] - exact.value[i * m + c]))
                        dg = max(dg, abs(slope[c] - exact.first[i * m + c]))
                        v = max(v, abs(exact.value[i * m + c]))
                        g = max(g, abs(exact.first[i * m + c]))
                    }
                }
                errors.append(TableError(net: k, region: region, points: xs.count, valueAbsolute: dv, valueRelative: dv / max(v, .leastNormalMagnitude),
                                         slopeAbsolute: dg, slopeRelative: dg / max(g, .leastNormalMagnitude)))
            }
        }
        return errors
    }
}

/// Energy and force differences of two models (e.g. compressed and exact) on the same frames, and
/// each model's force error against the labels where every frame has forces.
public struct PredictionDifference: Sendable {
    /// Frames compared.
    public var frames: Int
    /// Largest and root-mean-square |E_a − E_b| / N over the frames (eV/atom).
    public var energyPerAtomMax: Double, energyPerAtomRMS: Double
    /// Largest and root-mean-square |F_a − F_b| over all force components (eV/Å).
    public var forceMax: Double, forceRMS: Double
    /// Force RMSE of model a and of model b against the labels (eV/Å); nil without labels.
    public var labelForceRMSE: (a: Double, b: Double)?

    /// Predicts `frames` with both models.
    /// - Throws: `DataError` for a frame whose neighbours overflow a model's sel (`source` names it).
    public static func measure(_ a: DeepPotModel, _ b: DeepPotModel, frames: [Frame], source: String = "frame") throws -> PredictionDifference {
        var eMax = 0.0, eSum = 0.0, fMax = 0.0, fSum = 0.0, components = 0, labelA = 0.0, labelB = 0.0
        let labelled = !frames.isEmpty && frames.allSatisfy { $0.forces != nil }
        for (k, frame) in frames.enumerated() {
            let pa = a.predict(try a.batch(for: frame, source: "\(source) frame \(k)"))
            let pb = b.predict(try b.batch(for: frame, source: "\(source) frame \(k)"))
            let de = abs(pa.energy.scalars[0] - pb.energy.scalars[0]) / Double(frame.atomCount)
            (eMax, eSum) = (max(eMax, de), eSum + de * de)
            for (i, (fa, fb)) in zip(pa.forces.scalars, pb.forces.scalars).enumerated() {
                (fMax, fSum) = (max(fMax, abs(fa - fb)), fSum + (fa - fb) * (fa - fb))
                if labelled, let label = frame.forces?[i] {
                    labelA += (fa - label) * (fa - label)
                    labelB += (fb - label) * (fb - label)
                }
            }
            components += pa.forces.count
        }
        let n = Double(max(frames.count, 1)), c = Double(max(components, 1))
        return PredictionDifference(frames: frames.count, energyPerAtomMax: eMax, energyPerAtomRMS: (eSum / n).squareRoot(),
                                    forceMax: fMax, forceRMS: (fSum / c).squareRoot(),
                                    labelForceRMSE: labelled ? ((labelA / c).squareRoot(), (labelB / c).squareRoot()) : nil)
    }
}
