import Foundation
import SymAtoms

/// The slow, obvious reference ("oracle") for the DeePMD `se_e2_a` (DeepPot-SE) energy
/// (Zhang et al., NeurIPS 2018; spec §2–6). Plain per-atom, per-slot loops over `[Double]`;
/// the fast batched model is tested against it. For centre atom i with type t_i and nnei slots j:
///
///     w(r)   = 1 (r < r_s);  u³(−6u² + 15u − 10) + 1, u = (r − r_s)/(r_c − r_s) (r_s ≤ r < r_c);  0 beyond
///     R_j    = w(r)·(1/r, x/r², y/r², z/r²)      r_ij = (x, y, z) = neighbour − centre; 0 for padding
///     R̃_jk   = (R_jk − davg[t_i, j, k]) / dstd[t_i, j, k]           (centre type!)
///     G_j    = N_{t_j}(R̃_j0)  or  N_{t_i, t_j}(R̃_j0)                [nnei, M1]
///     T      = Gᵀ R̃ / nnei                                            [M1, 4]   (nnei = Σ sel, fixed)
///     D[a,b] = Σ_k T[a,k] T[b,k],  b < M2                             [M1, M2]  flattened a·M2 + b
///     E_i    = F_{t_i}(D) + energyBias[t_i],  E = Σ_i E_i              (eV)
///
/// Padded slots are kept in the sums with R̃ = (−davg/dstd, 0, 0, 0) exactly as DeePMD does.
/// Deviations from DeePMD (none affect the fixtures): neighbour overflow truncates per type (DeePMD's
/// C++ rule; its NumPy reference first keeps the Σ sel nearest of any type); exact distance ties are
/// ordered by search order. Cost: ~0.3 s for a 192-atom water frame in a debug build (nearly all in G).
/// Frames must be valid for the parameters (types in range, positions [atoms, 3]); violating this
/// is a programmer error here (the fixture loader validates its input).
public enum ReferenceSeA {
    /// Everything the oracle computes for one centre atom, in fixture layout.
    public struct AtomStages: Equatable, Sendable {
        /// The nnei slots in DeePMD order.
        public var slots: [Slot]
        /// w(r) per slot (0 on padding), [nnei].
        public var switchWeights: [Double]
        /// R before normalisation, row-major [nnei, 4].
        public var raw: [Double]
        /// R̃ after normalisation, row-major [nnei, 4].
        public var normalized: [Double]
        /// G, row-major [nnei, M1].
        public var g: [Double]
        /// T = Gᵀ R̃ / nnei, row-major [M1, 4].
        public var t: [Double]
        /// D = T·T<ᵀ, row-major [M1, M2] (= the flattened descriptor).
        public var d: [Double]
        /// F_{t_i}(D), the fitting-net output without the bias (eV).
        public var netEnergy: Double
        /// E_i = netEnergy + energyBias[t_i] (eV).
        public var energy: Double
    }

    /// The switch w(r) of spec §3.1 (1 below r_s, C² decay to 0 at r_c, 0 at and beyond r_c).
    public static func switchWeight(_ r: Double, rcut: Double, rcutSmooth: Double) -> Double {
        if r < rcutSmooth { return 1 }
        if r >= rcut { return 0 }
        let u = (r - rcutSmooth) / (rcut - rcutSmooth)
        return u * u * u * (-6 * u * u + 15 * u - 10) + 1
    }

    /// Raw env row R_j = w(r)·(1/r, x/r², y/r², z/r²) of one slot, [4]; (0, 0, 0, 0) for padding.
    public static func rawRow(_ slot: Slot, parameters p: SeAParameters) -> [Double] {
        guard let nb = slot.neighbour else { return [0, 0, 0, 0] }
        let r = nb.distance
        let w = switchWeight(r, rcut: p.rcut, rcutSmooth: p.rcutSmooth)
        return [w / r, w * nb.rij[0] / (r * r), w * nb.rij[1] / (r * r), w * nb.rij[2] / (r * r)]
    }

    /// Raw and normalised env matrices of a centre of type `centreType`, each row-major [nnei, 4]:
    /// R̃[j][k] = (R[j][k] − davg[t_i][j][k]) / dstd[t_i][j][k].
    public static func envMatrix(slots: [Slot], centreType ti: Int,
                                 parameters p: SeAParameters) -> (raw: [Double], normalized: [Double]) {
        precondition(slots.count == p.nnei, "need nnei slots")
        var raw: [Double] = []
        var normalized: [Double] = []
        for j in 0..<p.nnei {
            let row = rawRow(slots[j], parameters: p)
            for k in 0..<4 {
                let s = (ti * p.nnei + j) * 4 + k
                raw.append(row[k])
                normalized.append((row[k] - p.davg[s]) / p.dstd[s])
            }
        }
        return (raw, normalized)
    }

    /// One dense layer (spec §4.1): z = φ(x·W + b); z ⊙= idt; y = z, x + z or concat(x, x) + z.
    public static func apply(_ layer: DenseLayer, to x: [Double]) -> [Double] {
        precondition(x.count == layer.inputs, "layer input width mismatch")
        let (nIn, nOut, w) = (layer.inputs, layer.outputs, layer.weight)
        var y = Array(repeating: 0.0, count: nOut)
        for o in 0..<nOut {
            var z = layer.bias.isEmpty ? 0 : layer.bias[o]
            for i in 0..<nIn { z += x[i] * w[i * nOut + o] }
            switch layer.activation {
            case .tanh: z = Foundation.tanh(z)
            case .linear: break
            }
            if let d = layer.timestep { z *= d[o] }
            switch layer.skip {
            case .none: y[o] = z
            case .identity: y[o] = x[o] + z
            case .concat: y[o] = x[o % nIn] + z
            }
        }
        return y
    }

    /// A whole net: the layers applied in order.
    public static func apply(_ net: MLPParameters, to x: [Double]) -> [Double] {
        net.layers.reduce(x) { apply($1, to: $0) }
    }

    /// G, row-major [nnei, M1]: row j = embedding net of (t_i, type of slot j's block) at R̃[j][0].
    /// The net is chosen by the slot's block, so padded slots use their block's net (as DeePMD).
    public static func embeddingMatrix(normalized: [Double], centreType ti: Int,
                                       parameters p: SeAParameters) -> [Double] {
        var g: [Double] = []
        let offsets = p.blockOffsets
        for tj in 0..<p.ntypes {
            let net = p.embedding[p.embeddingIndex(centre: ti, neighbour: tj)]
            for j in offsets[tj]..<offsets[tj + 1] {
                g += apply(net, to: [normalized[j * 4]])
            }
        }
        return g
    }

    /// T = Gᵀ R̃ / nnei, row-major [M1, 4]: T[a][k] = (1/nnei) Σ_j G[j][a] R̃[j][k] over all slots.
    public static func tMatrix(g: [Double], normalized: [Double], parameters p: SeAParameters) -> [Double] {
        let m1 = p.embeddingWidth
        var t = Array(repeating: 0.0, count: m1 * 4)
        for a in 0..<m1 {
            for k in 0..<4 {
                var s = 0.0
                for j in 0..<p.nnei { s += g[j * m1 + a] * normalized[j * 4 + k] }
                t[a * 4 + k] = s / Double(p.nnei)
            }
        }
        return t
    }

    /// D = T·T<ᵀ, row-major [M1, M2]: D[a][b] = Σ_{k<4} T[a][k] T[b][k], b < M2.
    public static func descriptor(t: [Double], parameters p: SeAParameters) -> [Double] {
        let (m1, m2) = (p.embeddingWidth, p.axisNeurons)
        var d = Array(repeating: 0.0, count: m1 * m2)
        for a in 0..<m1 {
            for b in 0..<m2 {
                var s = 0.0
                for k in 0..<4 { s += t[a * 4 + k] * t[b * 4 + k] }
                d[a * m2 + b] = s
            }
        }
        return d
    }

    /// Every stage for a centre of type `ti` with the given slots.
    public static func stages(slots: [Slot], centreType ti: Int, parameters p: SeAParameters) -> AtomStages {
        let (raw, normalized) = envMatrix(slots: slots, centreType: ti, parameters: p)
        let g = embeddingMatrix(normalized: normalized, centreType: ti, parameters: p)
        let t = tMatrix(g: g, normalized: normalized, parameters: p)
        let d = descriptor(t: t, parameters: p)
        let net = apply(p.fitting[ti], to: d)[0]
        let w = slots.map { $0.isValid ? switchWeight($0.distance, rcut: p.rcut, rcutSmooth: p.rcutSmooth) : 0 }
        return AtomStages(slots: slots, switchWeights: w, raw: raw, normalized: normalized, g: g, t: t,
                          d: d, netEnergy: net, energy: net + p.energyBias[ti])
    }

    /// Every stage for atom `atom` of `frame`.
    public static func stages(atom: Int, in frame: Frame, parameters p: SeAParameters) -> AtomStages {
        stages(slots: slots(of: atom, in: frame, parameters: p), centreType: frame.types[atom], parameters: p)
    }

    /// Fitting-net outputs F_{t_i}(D_i) (no bias) of the atoms listed in `atoms`, eV, in that order.
    public static func netEnergies(_ atoms: [Int], in frame: Frame, parameters p: SeAParameters) -> [Double] {
        let x = wrappedPositions(frame)
        let layers = imageLayers(frame, cutoff: p.rcut)
        return atoms.map { i in
            let s = slots(of: i, wrapped: x, frame: frame, parameters: p, layers: layers)
            return stages(slots: s, centreType: frame.types[i], parameters: p).netEnergy
        }
    }

    /// Atomic energies E_i including the bias, [atoms] (eV).
    public static func atomEnergies(_ frame: Frame, parameters p: SeAParameters) -> [Double] {
        let net = netEnergies(Array(0..<frame.atomCount), in: frame, parameters: p)
        return (0..<frame.atomCount).map { net[$0] + p.energyBias[frame.types[$0]] }
    }

    /// Total energy E = Σ_i E_i (eV).
    public static func energy(_ frame: Frame, parameters p: SeAParameters) -> Double {
        atomEnergies(frame, parameters: p).reduce(0, +)
    }
}
