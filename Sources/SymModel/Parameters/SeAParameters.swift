import SymAtoms

/// All weights and hyper-parameters of a DeePMD `se_e2_a` (DeepPot-SE) energy model (spec §3–6),
/// as plain Float64 arrays shared by the reference oracle (`ReferenceSeA`) and the fast model.
///
/// Net indexing:
/// * `embedding`: with `typeOneSide` one net per **neighbour** type, index t_j (ntypes nets);
///   otherwise one net per (centre t_i, neighbour t_j), index `t_i * ntypes + t_j` (ntypes² nets).
///   Use `embeddingIndex(centre:neighbour:)`. (DeePMD stores the two-side nets at t_i + t_j·ntypes;
///   the fixture loader maps by the names, see `DeePMDFixture`.)
/// * `fitting`: one net per **centre** type, index t_i; input M1·M2, output 1.
///
/// Atomic energy E_i = F_{t_i}(D_i) + `energyBias[t_i]` (eV); E = Σ_i E_i.
public struct SeAParameters: Codable, Equatable, Sendable {
    /// Element names by type index, e.g. ["O", "H"].
    public var typeMap: [String]
    /// Cutoff r_c (Å): neighbours with r < r_c are kept.
    public var rcut: Double
    /// Start of the smooth switch r_s (Å), 0 ≤ r_s < r_c.
    public var rcutSmooth: Double
    /// Neighbour slots per neighbour type; nnei = Σ sel.
    public var sel: [Int]
    /// M2, the number of "axis" rows of T used in D = T·T<ᵀ.
    public var axisNeurons: Int
    /// true: embedding nets per neighbour type; false: per (centre, neighbour) pair.
    public var typeOneSide: Bool
    /// Embedding nets (1 → … → M1), indexed as described in the type comment.
    public var embedding: [MLPParameters]
    /// Fitting nets (M1·M2 → … → 1), index = centre type.
    public var fitting: [MLPParameters]
    /// davg, row-major [ntypes, nnei, 4], indexed by the **centre** type (spec §3.3).
    public var davg: [Double]
    /// dstd, row-major [ntypes, nnei, 4], indexed by the **centre** type (spec §3.3).
    public var dstd: [Double]
    /// Per-type energy shift b_t (eV); DeePMD's `bias_atom_e + out_bias`.
    public var energyBias: [Double]

    /// Creates parameters from explicit values (not validated; see `validate(source:)`).
    public init(typeMap: [String], rcut: Double, rcutSmooth: Double, sel: [Int], axisNeurons: Int,
                typeOneSide: Bool, embedding: [MLPParameters], fitting: [MLPParameters],
                davg: [Double], dstd: [Double], energyBias: [Double]) {
        self.typeMap = typeMap
        self.rcut = rcut
        self.rcutSmooth = rcutSmooth
        self.sel = sel
        self.axisNeurons = axisNeurons
        self.typeOneSide = typeOneSide
        self.embedding = embedding
        self.fitting = fitting
        self.davg = davg
        self.dstd = dstd
        self.energyBias = energyBias
    }

    /// nnei = Σ sel, the fixed number of neighbour slots (also the 1/nnei in T).
    public var nnei: Int { sel.reduce(0, +) }
    /// Number of element types.
    public var ntypes: Int { typeMap.count }
    /// M1, the embedding-net output width (0 without nets).
    public var embeddingWidth: Int { embedding.first?.outputs ?? 0 }
    /// M1·M2, the length of the per-atom descriptor D.
    public var descriptorWidth: Int { embeddingWidth * axisNeurons }
    /// First slot of each type block: [0, sel[0], sel[0]+sel[1], …] (ntypes + 1 entries).
    public var blockOffsets: [Int] { sel.reduce(into: [0]) { $0.append($0.last! + $1) } }
    /// Trainable scalars: W, b and idt of all embedding and fitting nets (not davg/dstd/bias).
    public var parameterCount: Int {
        (embedding + fitting).reduce(0) { $0 + $1.parameterCount }
    }

    /// Index into `embedding` of the net for centre type `centre` and neighbour type `neighbour`.
    public func embeddingIndex(centre: Int, neighbour: Int) -> Int {
        typeOneSide ? neighbour : centre * ntypes + neighbour
    }

    /// Every inconsistency between the arrays and the hyper-parameters (empty when usable).
    public func problems() -> [String] {
        var p: [String] = []
        let nt = ntypes
        if nt == 0 { p.append("typeMap is empty") }
        if sel.count != nt { p.append("sel has \(sel.count) entries for \(nt) types") }
        if sel.contains(where: { $0 < 0 }) { p.append("sel has a negative entry") }
        if !(rcut.isFinite && rcutSmooth.isFinite && rcutSmooth >= 0 && rcutSmooth < rcut) {
            p.append("need 0 <= rcutSmooth < rcut, got rcutSmooth \(rcutSmooth), rcut \(rcut)")
        }
        let wantEmbedding = typeOneSide ? nt : nt * nt
        if embedding.count != wantEmbedding {
            p.append("\(embedding.count) embedding nets, expected \(wantEmbedding)")
        }
        for (k, net) in embedding.enumerated() {
            p += net.problems().map { "embedding \(k): \($0)" }
            if net.inputs != 1 { p.append("embedding \(k) takes \(net.inputs) inputs, expected 1") }
            if net.outputs != embeddingWidth {
                p.append("embedding \(k) gives \(net.outputs) outputs, net 0 gives \(embeddingWidth)")
            }
        }
        if axisNeurons < 1 || axisNeurons > embeddingWidth {
            p.append("axisNeurons \(axisNeurons) must be in 1...\(embeddingWidth)")
        }
        if fitting.count != nt { p.append("\(fitting.count) fitting nets for \(nt) types") }
        for (k, net) in fitting.enumerated() {
            p += net.problems().map { "fitting \(k): \($0)" }
            if net.inputs != descriptorWidth {
                p.append("fitting \(k) takes \(net.inputs) inputs, descriptor has \(descriptorWidth)")
            }
            if net.outputs != 1 { p.append("fitting \(k) gives \(net.outputs) outputs, expected 1") }
        }
        let statCount = nt * nnei * 4
        if davg.count != statCount { p.append("davg has \(davg.count) values, expected \(statCount)") }
        if dstd.count != statCount { p.append("dstd has \(dstd.count) values, expected \(statCount)") }
        if dstd.contains(where: { !($0 > 0) || !$0.isFinite }) { p.append("dstd must be positive and finite") }
        if energyBias.count != nt { p.append("energyBias has \(energyBias.count) values for \(nt) types") }
        let all = davg + energyBias + (embedding + fitting).flatMap { net in
            net.layers.flatMap { $0.weight + $0.bias + ($0.timestep ?? []) }
        }
        if all.contains(where: { !$0.isFinite }) { p.append("non-finite weight or statistic") }
        return p
    }

    /// Throws `DataError(file: source, …)` listing all `problems()` on one line.
    public func validate(source: String) throws {
        let p = problems()
        if !p.isEmpty { throw DataError(file: source, "invalid se_e2_a parameters: " + p.joined(separator: "; ")) }
    }

    /// Freshly initialised parameters as DeePMD does before training (spec §4.1):
    /// embedding nets over [1] + `embeddingWidths` (tanh, skips by `SkipKind.rule`, idt only with
    /// `resnetDtEmbedding`), fitting nets over [M1·M2] + `fittingWidths` + [1] (linear output layer,
    /// idt on skipping hidden layers when `resnetDtFitting`). W ~ N(0, 1/√(n_in+n_out)), b ~ N(0, 1),
    /// idt ~ N(0.1, 0.001), all from one `RandomSource(seed:)`, drawn net by net (embedding nets in
    /// index order, then fitting nets by type), layer by layer (W, b, idt).
    /// Statistics start neutral: davg = 0, dstd = 1; energyBias = 0.
    public static func random(typeMap: [String], rcut: Double, rcutSmooth: Double, sel: [Int],
                              embeddingWidths: [Int], axisNeurons: Int, fittingWidths: [Int],
                              typeOneSide: Bool, resnetDtEmbedding: Bool = false,
                              resnetDtFitting: Bool, seed: UInt64) -> SeAParameters {
        precondition(!embeddingWidths.isEmpty, "embeddingWidths must not be empty")
        let rng = RandomSource(seed: seed)
        let nt = typeMap.count
        let m1 = embeddingWidths.last!
        let embedding = (0..<(typeOneSide ? nt : nt * nt)).map { _ in
            MLPParameters.random(widths: [1] + embeddingWidths, resnetDt: resnetDtEmbedding,
                                 linearOutput: false, rng: rng)
        }
        let fitting = (0..<nt).map { _ in
            MLPParameters.random(widths: [m1 * axisNeurons] + fittingWidths + [1],
                                 resnetDt: resnetDtFitting, linearOutput: true, rng: rng)
        }
        let stats = nt * sel.reduce(0, +) * 4
        return SeAParameters(typeMap: typeMap, rcut: rcut, rcutSmooth: rcutSmooth, sel: sel,
                             axisNeurons: axisNeurons, typeOneSide: typeOneSide, embedding: embedding,
                             fitting: fitting, davg: Array(repeating: 0, count: stats),
                             dstd: Array(repeating: 1, count: stats),
                             energyBias: Array(repeating: 0, count: nt))
    }
}
