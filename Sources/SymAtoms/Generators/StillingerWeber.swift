/// The Stillinger-Weber parameters (energy scale ε, length scale σ and the dimensionless rest).
///
/// Source: F. H. Stillinger and T. A. Weber, "Computer simulation of local order in condensed phases
/// of silicon", Phys. Rev. B 31, 5262 (1985), doi:10.1103/PhysRevB.31.5262, Eqs. (2.3)-(2.5) and
/// the parameter table (their Eq. 2.6). ε = 50 kcal/mol = 2.1683 eV per bond, σ = 2.0951 Å.
public struct StillingerWeberParameters: Equatable, Sendable {
    /// Energy unit ε (eV).
    public var epsilon: Double
    /// Length unit σ (Å).
    public var sigma: Double
    /// Cutoff in units of σ: both terms vanish smoothly (all derivatives) at r = aσ.
    public var a: Double
    /// Three-body strength λ.
    public var lambda: Double
    /// Three-body cutoff-decay γ.
    public var gamma: Double
    /// Two-body prefactor A.
    public var bigA: Double
    /// Two-body repulsion weight B.
    public var bigB: Double
    /// Repulsive exponent p.
    public var p: Double
    /// Attractive exponent q.
    public var q: Double
    /// Preferred bond-angle cosine cos θ0 (−1/3: tetrahedral).
    public var cosTheta0: Double

    /// Creates a parameter set (units as documented on each property).
    public init(epsilon: Double, sigma: Double, a: Double, lambda: Double, gamma: Double, bigA: Double,
                bigB: Double, p: Double, q: Double, cosTheta0: Double) {
        self.epsilon = epsilon
        self.sigma = sigma
        self.a = a
        self.lambda = lambda
        self.gamma = gamma
        self.bigA = bigA
        self.bigB = bigB
        self.p = p
        self.q = q
        self.cosTheta0 = cosTheta0
    }

    /// The original silicon parameters of Stillinger & Weber, Phys. Rev. B 31, 5262 (1985):
    /// ε = 2.1683 eV, σ = 2.0951 Å, a = 1.80, λ = 21.0, γ = 1.20, A = 7.049556277,
    /// B = 0.6022245584, p = 4, q = 0, cos θ0 = −1/3.
    public static let silicon = StillingerWeberParameters(
        epsilon: 2.1683, sigma: 2.0951, a: 1.80, lambda: 21.0, gamma: 1.20,
        bigA: 7.049556277, bigB: 0.6022245584, p: 4, q: 0, cosTheta0: -1.0 / 3.0)

    /// Cutoff radius aσ (Å); 3.77118 Å for silicon.
    public var cutoff: Double { a * sigma }
}

/// The Stillinger-Weber potential (one species), Stillinger & Weber, Phys. Rev. B 31, 5262 (1985):
///
///     E = Σ_{i<j} φ2(r_ij) + Σ_i Σ_{j<k; j,k≠i} φ3(r_ij, r_ik, θ_jik)
///     φ2(r)         = A ε [B (σ/r)^p − (σ/r)^q] exp(σ / (r − aσ))                        (r < aσ)
///     φ3(r, s, θ)   = λ ε (cos θ − cos θ0)² exp(γσ / (r − aσ)) exp(γσ / (s − aσ))   (r, s < aσ)
///
/// Both terms are zero beyond r = aσ, with every derivative continuous there. Perfect diamond at
/// the nearest-neighbour distance 2^{1/6}σ (a0 = 4·2^{1/6}σ/√3 ≈ 5.431 Å) has φ2 = −ε per bond, no
/// three-body energy (tetrahedral angles) and hence E = −2ε = −4.3366 eV/atom, the model's
/// cohesive energy of the model (the experimental cohesive energy of silicon, 4.63 eV/atom, is not
/// what the model gives).
///
/// Forces are analytic: with g = ∂E/∂r_ij for the pair vector r_ij = r_j − r_i, F_i += g,
/// F_j −= g, and the virial is W_{αβ} = −Σ g_α (r_ij)_β (DeePMD, spec §7.2). Units Å, eV, eV/Å.
/// Neighbours come from the cell-list search (`NeighbourPairs`, explicit periodic images), so any
/// triclinic cell size works and positions need not be wrapped.
///
/// Deviations: none from the published functional form; the energy is not shifted.
public struct StillingerWeber: ClassicalPotential, Sendable {
    /// The parameters (default: silicon).
    public var parameters: StillingerWeberParameters

    /// A Stillinger-Weber potential with `parameters` (default: the 1985 silicon set).
    public init(_ parameters: StillingerWeberParameters = .silicon) {
        self.parameters = parameters
    }

    /// Two-body term φ2(r) (eV) and its derivative dφ2/dr (eV/Å); zero for r ≥ aσ.
    public func pairTerm(_ r: Double) -> (value: Double, derivative: Double) {
        let P = parameters
        let rc = P.cutoff
        guard r < rc else { return (0, 0) }
        let x = P.sigma / r
        let xp = pow(x, P.p), xq = pow(x, P.q)
        let cutoffDenominator = r - rc
        let e = exp(P.sigma / cutoffDenominator)
        let bracket = P.bigB * xp - xq
        // d/dr (σ/r)^n = −n (σ/r)^n / r;  d/dr exp(σ/(r − aσ)) = −σ/(r − aσ)² · exp(...)
        let dBracket = (-P.p * P.bigB * xp + P.q * xq) / r
        let dLogE = -P.sigma / (cutoffDenominator * cutoffDenominator)
        let scale = P.bigA * P.epsilon
        return (scale * bracket * e, scale * e * (dBracket + bracket * dLogE))
    }

    /// Energy, analytic forces and virial for `positions` (row-major [atoms, 3], Å) in `cell`
    /// (rows = lattice vectors, Å; nil = non-periodic).
    ///
    /// Geometry the neighbour search rejects (non-finite positions, e.g. from a blown-up MD run,
    /// two atoms closer than 10⁻⁶ Å, a degenerate cell) gives NaN energy, forces and virial, as the
    /// formulas themselves would for non-finite or coincident positions.
    public func evaluate(positions: [Double], cell: [Double]?) -> PotentialEvaluation {
        let P = parameters
        let rc = P.cutoff
        let n = positions.count / 3
        let frame = Frame(types: [Int](repeating: 0, count: n), positions: positions, cell: cell)
        guard let list = try? NeighbourPairs.build(frame: frame, rcut: rc, source: "StillingerWeber") else {
            return PotentialEvaluation(energy: .nan, forces: [Double](repeating: .nan, count: positions.count),
                                       virial: [Double](repeating: .nan, count: 9))
        }
        var energy = 0.0
        var forces = [Double](repeating: 0, count: 3 * n)
        var virial = [Double](repeating: 0, count: 9)

        // Accumulates g = ∂E/∂r_ij for the entry e of centre i (r_ij = entry vector).
        func addGradient(_ i: Int, _ e: Int, _ g: (Double, Double, Double)) {
            let j = list.neighbour[e]
            let r = (list.vector[3 * e], list.vector[3 * e + 1], list.vector[3 * e + 2])
            forces[3 * i] += g.0; forces[3 * i + 1] += g.1; forces[3 * i + 2] += g.2
            forces[3 * j] -= g.0; forces[3 * j + 1] -= g.1; forces[3 * j + 2] -= g.2
            virial[0] -= g.0 * r.0; virial[1] -= g.0 * r.1; virial[2] -= g.0 * r.2
            virial[3] -= g.1 * r.0; virial[4] -= g.1 * r.1; virial[5] -= g.1 * r.2
            virial[6] -= g.2 * r.0; virial[7] -= g.2 * r.1; virial[8] -= g.2 * r.2
        }

        // Radial factor of φ3 for one leg: exp(γσ/(r − aσ)) and its log-derivative.
        func leg(_ r: Double) -> (value: Double, dLog: Double) {
            let d = r - rc
            return (exp(P.gamma * P.sigma / d), -P.gamma * P.sigma / (d * d))
        }

        for i in 0..<n {
            let entries = list.entries(of: i)
            // Two-body: the full list holds each pair twice, so each entry carries half.
            for e in entries {
                let r = list.distance[e]
                let (phi, dphi) = pairTerm(r)
                energy += 0.5 * phi
                let s = 0.5 * dphi / r
                let v = (list.vector[3 * e], list.vector[3 * e + 1], list.vector[3 * e + 2])
                addGradient(i, e, (s * v.0, s * v.1, s * v.2))
            }
            // Three-body, centred on i: every unordered pair of neighbour entries (images included).
            let legs = entries.map { leg(list.distance[$0]) }
            for (m, e1) in entries.enumerated() {
                let u = (list.vector[3 * e1], list.vector[3 * e1 + 1], list.vector[3 * e1 + 2])
                let ru = list.distance[e1]
                for (l, e2) in entries.enumerated() where l > m {
                    let v = (list.vector[3 * e2], list.vector[3 * e2 + 1], list.vector[3 * e2 + 2])
                    let rv = list.distance[e2]
                    let c = (u.0 * v.0 + u.1 * v.1 + u.2 * v.2) / (ru * rv)
                    let dc = c - P.cosTheta0
                    let radial = legs[m].value * legs[l].value
                    let h = P.lambda * P.epsilon * dc * dc * radial
                    energy += h
                    // ∂h/∂u = λε [2 Δc ∂c/∂u + Δc² dlogE(ru)/dru û] E_u E_v,
                    // ∂c/∂u = v/(ru rv) − c u/ru²  (and u ↔ v for ∂h/∂v).
                    let angular = 2 * P.lambda * P.epsilon * dc * radial
                    let ku = angular * -c / (ru * ru) + h * legs[m].dLog / ru
                    let kv = angular * -c / (rv * rv) + h * legs[l].dLog / rv
                    let cross = angular / (ru * rv)
                    addGradient(i, e1, (cross * v.0 + ku * u.0, cross * v.1 + ku * u.1, cross * v.2 + ku * u.2))
                    addGradient(i, e2, (cross * u.0 + kv * v.0, cross * u.1 + kv * v.1, cross * u.2 + kv * v.2))
                }
            }
        }
        return PotentialEvaluation(energy: energy, forces: forces, virial: virial)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
