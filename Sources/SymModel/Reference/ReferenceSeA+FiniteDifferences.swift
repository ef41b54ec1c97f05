import SymAtoms

/// Forces and virial of the oracle energy by central finite differences, for tests.
/// Accuracy is limited by round-off: with h = 1e-5 Å the DeePMD fixture forces are reproduced to
/// ≤ 1.2e-8 of max|F| and the virial to ≤ 4e-9 of max|W|. Exact derivatives are the fast model's job
/// (autodiff); these only cross-check conventions. Cost: one force row ≈ 6 energies of ~100 atoms.
///
/// Round-off is kept low by differencing atom by atom: E(+) − E(−) = Σ_i [E_i(+) − E_i(−)], where the
/// sum runs only over the atoms whose energy can change (for a force on atom m: m and every atom
/// with an image of m within r_c, found with a small safety margin). The biases cancel exactly and
/// are left out (fitting-net outputs only).
extension ReferenceSeA {
    /// Forces F_m = −∂E/∂r_m ≈ −[E(r_m + h e_α) − E(r_m − h e_α)] / (2h) for the atoms in `atoms`,
    /// row-major [atoms.count, 3] (eV/Å), in the order given. Periodic images move with their owner.
    public static func referenceForcesFD(_ frame: Frame, parameters p: SeAParameters, atoms: [Int],
                                         step h: Double = 1e-5) -> [Double] {
        precondition(h > 0 && h < 1e-3, "step must be in (0, 1e-3) Å")
        var forces: [Double] = []
        for m in atoms {
            // Atoms whose energy depends on r_m now or after a move by h: m and its neighbours.
            let margin = max(1e-3, 10 * h)
            let near = neighbours(of: m, in: frame, cutoff: p.rcut + margin).map(\.atom)
            let affected = Array(Set(near + [m])).sorted()
            for alpha in 0..<3 {
                var plus = frame
                var minus = frame
                plus.positions[3 * m + alpha] += h
                minus.positions[3 * m + alpha] -= h
                let ePlus = netEnergies(affected, in: plus, parameters: p)
                let eMinus = netEnergies(affected, in: minus, parameters: p)
                var delta = 0.0
                for k in affected.indices { delta += ePlus[k] - eMinus[k] }
                forces.append(-delta / (2 * h))
            }
        }
        return forces
    }

    /// `frame` deformed by I + ε C acting on column vectors: every position and every cell row v
    /// becomes v + ε C v. `direction` is C, row-major [3, 3].
    public static func strained(_ frame: Frame, direction c: [Double], by epsilon: Double) -> Frame {
        precondition(c.count == 9, "direction must be a 3x3 matrix")
        func deform(_ rows: [Double]) -> [Double] {
            var out = rows
            for i in 0..<(rows.count / 3) {
                for a in 0..<3 {
                    for b in 0..<3 { out[3 * i + a] += epsilon * c[3 * a + b] * rows[3 * i + b] }
                }
            }
            return out
        }
        var out = frame
        out.positions = deform(frame.positions)
        out.cell = frame.cell.map(deform)
        return out
    }

    /// dE/dε of E((I + ε C)·x) at ε = 0 by central differences (eV), C = `direction` row-major [3, 3].
    /// Since dE/dε = −Σ_{αβ} C_{αβ} W_{αβ}, this checks the virial projected on C in two evaluations.
    public static func referenceStrainDerivativeFD(_ frame: Frame, parameters p: SeAParameters,
                                                   direction c: [Double], step h: Double = 1e-5) -> Double {
        precondition(h > 0 && h < 1e-3, "step must be in (0, 1e-3)")
        let all = Array(0..<frame.atomCount)
        let ePlus = netEnergies(all, in: strained(frame, direction: c, by: h), parameters: p)
        let eMinus = netEnergies(all, in: strained(frame, direction: c, by: -h), parameters: p)
        var delta = 0.0
        for k in all.indices { delta += ePlus[k] - eMinus[k] }
        return delta / (2 * h)
    }

    /// Virial components W_{αβ} = Σ_e F_{e,α} x_{e,β} = −dE/dε for C = e_α e_βᵀ (x_α += ε x_β), by
    /// central differences, for each flat index 3α + β in `components` (eV), in the order given.
    /// For a non-periodic frame this is Σ_i F_{i,α} x_{i,β}, which equals DeePMD's −Σ g_ij,α r_ij,β.
    /// Costs two full energy evaluations per component.
    public static func referenceVirialFD(_ frame: Frame, parameters p: SeAParameters,
                                         components: [Int] = Array(0..<9), step h: Double = 1e-5) -> [Double] {
        components.map { component in
            var c = Array(repeating: 0.0, count: 9)
            c[component] = 1
            return -referenceStrainDerivativeFD(frame, parameters: p, direction: c, step: h)
        }
    }
}
