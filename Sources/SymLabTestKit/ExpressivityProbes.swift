import Foundation
import SymAtoms
import SymModel

/// What a model's descriptor can tell apart, measured on its freshly initialised nets (a function
/// of the config only, so the same for every seed of a suite). Separation of two environments is
///
///     ‖D₁ − D₂‖ / max(‖D₁‖, ‖D₂‖)   (D the centre's descriptor)   against   threshold = 1e-8,
///
/// a threshold that must be passed by a known-separable pair (one distance 10% longer) and failed
/// by a rotated copy (the same environment), each probe with its own controls. Where the controls
/// do not bracket the threshold (a descriptor that is not rotation invariant, augmented-none; a
/// local frame at equidistant neighbours) the probe's `-separated` value is left out. Probes:
///
/// - (a) `angles-separated`: environments with equal neighbour-distance multisets and different
///   angles (three random pairs of 6 neighbours); a radial-only descriptor must fail.
/// - (b) `three-body-degenerate-separated`: the three-body-degenerate pairs of
///   `ProbeEnvironments.threeBodyDegenerate` (Pozdnyakov et al., PRL 125, 166001 (2020)), which
///   every descriptor built from distances and angles maps to the same value.
/// - (c) `min-width-n<n>`: `SetWidthProbe`'s smallest embedding width at which P_s separates
///   neighbour sets of size n, for n = 8 … 128 up to the model's slot count (−1: none up to 4n),
///   with the relative differences reached at widths n and 4n (`separation-n<n>-width-n`,
///   `separation-n<n>-width-4n`), the number of set directions resolved above the threshold at
///   4n (`resolved-n<n>-width-4n`, at most n) and the control (`uniform-shift-n<n>-width-4n`:
///   every distance ε/√n longer, which must pass the threshold).
///
/// Also returned: the measured differences and controls (see `separations`), so reports can show
/// how far from the threshold each is.
public enum ExpressivityProbes {
    /// The separation threshold.
    public static let threshold = 1e-8
    /// Set sizes of probe (c).
    public static let setSizes = [8, 16, 32, 64, 128]

    /// Every probe for `config` (its P_s, R_s, embedding and cutoff; nets drawn from its seed).
    /// `setSizes` limits probe (c) (empty: skip it).
    public static func run(config: ModelConfig, setSizes sizes: [Int] = setSizes) throws -> [String: Double] {
        var out = try separations(config: config)
        for n in sizes where n <= config.descriptor.sel.reduce(0, +) {
            guard let largest = SetWidthProbe.largestWidth(config, setSize: n),
                  let top = try SetWidthProbe.measure(config, setSize: n, width: largest, threshold: threshold) else { continue }
            let minimal = try SetWidthProbe.minimalWidth(config, setSize: n, threshold: threshold, atLargest: top)
            out["min-width-n\(n)"] = Double(minimal ?? -1)
            out["resolved-n\(n)-width-4n"] = Double(top.resolved)
            out["separation-n\(n)-width-4n"] = top.separation
            out["uniform-shift-n\(n)-width-4n"] = top.uniformShift
            if let atN = try SetWidthProbe.separation(config, setSize: n, width: n) { out["separation-n\(n)-width-n"] = atN }
        }
        return out
    }

    /// Probes (a) and (b), each with its own controls: `<probe>-difference` (smallest over the
    /// probe's pairs), `<probe>-rotated-copy` (largest over rotated copies of the pairs' first
    /// environments), `<probe>-separable-pair` (smallest over their 10%-changed copies) and, when
    /// the controls bracket the threshold, `<probe>-separated` (1 or 0).
    public static func separations(config: ModelConfig) throws -> [String: Double] {
        let model = try DeepPotModel(config: config), rc = config.descriptor.rcut, sel = config.descriptor.sel
        let rng = RandomSource(seed: config.seed &+ 12)
        // Neighbours of the type with the most slots (one block of all types: type 0); a probe
        // whose environments do not fit the slots is left out.
        let (type, slots) = sel.count == config.typeMap.count ? sel.enumerated().max { $0.element < $1.element }.map { ($0.offset, $0.element) }!
            : (0, sel.reduce(0, +))
        var probes: [(String, [ProbeEnvironments.Pair])] = []
        if slots >= 2 {
            probes.append(("angles", (0..<3).map { _ in ProbeEnvironments.sameDistancesOtherAngles(rcut: rc, count: min(6, slots), type: type, rng: rng) }))
        }
        if slots >= ProbeEnvironments.largestDegenerateSet {
            probes.append(("three-body-degenerate", ProbeEnvironments.threeBodyDegenerate(rcut: rc, type: type)))
        }
        var out: [String: Double] = [:]
        for (name, pairs) in probes {
            let rotated = pairs.map { ProbeEnvironments.rotatedCopy($0.first, rng: rng) }, separable = pairs.map { ProbeEnvironments.separableCopy($0.first) }
            let d = try differences(model, pairs + rotated + separable), k = pairs.count
            let (difference, turned, changed) = (d[0..<k].min()!, d[k..<(2 * k)].max()!, d[(2 * k)...].min()!)
            out[name + "-difference"] = difference
            out[name + "-rotated-copy"] = turned
            out[name + "-separable-pair"] = changed
            if turned < threshold && changed > threshold { out[name + "-separated"] = difference > threshold ? 1 : 0 }
        }
        return out
    }

    /// Sets the model's environment statistics (spec §3.4) to those of `batch`, as training would
    /// on data made of these environments (fresh nets otherwise see unnormalised inputs).
    static func normalise(_ model: DeepPotModel, to batch: EnvironmentBatch) {
        let d = model.config.descriptor
        (model.davg, model.dstd) = EnvironmentStatistics.compute(batches: [batch], typeCount: model.typeCount, rcut: d.rcut,
                                                                 rcutSmooth: d.rcutSmooth, setDavgZero: d.setDavgZero)
    }

    /// ‖D₁ − D₂‖ / max(‖D₁‖, ‖D₂‖) of each pair, from one batch of isolated environments (whose
    /// statistics normalise the model).
    static func differences(_ model: DeepPotModel, _ pairs: [ProbeEnvironments.Pair]) throws -> [Double] {
        let batch = try model.isolatedBatch(pairs.flatMap { [$0.first, $0.second] })
        normalise(model, to: batch)
        let d = model.descriptor(model.neighbourSet(batch)), width = d.shape[1]
        return pairs.indices.map { p in
            let x = d.scalars[(2 * p * width)..<((2 * p + 1) * width)], y = d.scalars[((2 * p + 1) * width)..<((2 * p + 2) * width)]
            let difference = zip(x, y).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
            func norm<C: Collection>(_ v: C) -> Double where C.Element == Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
            let scale = max(norm(x), norm(y))
            return scale > 0 ? difference / scale : difference
        }
    }
}
