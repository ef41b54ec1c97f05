import Foundation
import SymAtoms
import SymModel

/// The environment pairs of the expressivity probes: a centre of type 0 with neighbours of one
/// type (`type`), distances as fractions of the cutoff r_c.
public enum ProbeEnvironments {
    /// A pair of environments.
    public struct Pair: Sendable {
        /// What the pair shows, e.g. "Z8 [0, 1, 2, 5] vs [0, 1, 3, 4]".
        public var name: String
        /// The two environments compared.
        public var first: IsolatedEnvironment, second: IsolatedEnvironment
    }

    static func environment(_ vectors: [[Double]], type: Int) -> IsolatedEnvironment {
        IsolatedEnvironment(centreType: 0, neighbours: vectors.map { (type, $0) })
    }

    static func randomDirection(_ rng: RandomSource) -> [Double] {
        let v = (0..<3).map { _ in rng.gaussian() }, norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / norm }
    }

    /// (a) Equal neighbour-distance multisets, different angles: `count` distances uniform in
    /// [0.3, 0.7]·r_c, each environment with its own Gaussian-random directions.
    public static func sameDistancesOtherAngles(rcut: Double, count: Int, type: Int = 0, rng: RandomSource) -> Pair {
        let distances = (0..<count).map { _ in rcut * (0.3 + 0.4 * rng.uniform()) }
        func draw() -> IsolatedEnvironment { environment(distances.map { r in randomDirection(rng).map { $0 * r } }, type: type) }
        return Pair(name: "same distances, other angles", first: draw(), second: draw())
    }

    /// Most neighbours of one type in a degenerate pair.
    public static var largestDegenerateSet: Int { homometricSets.map(\.a.count).max()! }

    /// Subsets of the cyclic group Z_N with equal multisets of cyclic differences that no
    /// rotation or reflection of the N-gon maps onto each other ("homometric" pairs, found by
    /// exhaustive search over Z_8…Z_13; `ProbeEnvironmentsTests` re-checks both properties).
    public static let homometricSets: [(n: Int, a: [Int], b: [Int])] = [
        (8, [0, 1, 2, 5], [0, 1, 3, 4]),
        (12, [0, 1, 2, 4, 7], [0, 1, 3, 5, 6]),
        (13, [0, 1, 2, 3, 6, 10], [0, 1, 2, 4, 5, 8]),
    ]

    /// (b) Three-body-degenerate pairs (the phenomenon of Pozdnyakov et al., PRL 125, 166001
    /// (2020); their coordinates were not available to us, so we build such pairs ourselves):
    /// neighbours at the vertices `a` (resp. `b`) of a regular N-gon on a circle of the cone
    /// around the z axis (all at distance d = 0.5·r_c from the centre, at height h = 0.35·d). The
    /// angle between two neighbours depends only on their cyclic distance on the N-gon, so equal
    /// difference multisets give equal multisets of (r_j, r_k, θ_jk): every descriptor built from
    /// distances and angles maps both to the same value. The pairs are not congruent: an
    /// orthogonal map fixing the centre that takes one set onto the other would map the circle to
    /// itself, i.e. act as a rotation or reflection of the N-gon, which `homometricSets` exclude.
    public static func threeBodyDegenerate(rcut: Double, type: Int = 0) -> [Pair] {
        let d = 0.5 * rcut, h = 0.35 * d, rho = (d * d - h * h).squareRoot()
        func ring(_ n: Int, _ vertices: [Int]) -> IsolatedEnvironment {
            environment(vertices.map { k in
                let phi = 2 * Double.pi * Double(k) / Double(n)
                return [rho * cos(phi), rho * sin(phi), h]
            }, type: type)
        }
        return homometricSets.map { Pair(name: "Z\($0.n) \($0.a) vs \($0.b)", first: ring($0.n, $0.a), second: ring($0.n, $0.b)) }
    }

    /// Control that every invariant descriptor fails: the environment and a Haar-random rotation of it.
    public static func rotatedCopy(_ e: IsolatedEnvironment, rng: RandomSource) -> Pair {
        let q = randomRotation(rng)
        let turned = e.neighbours.map { n in (n.type, (0..<3).map { a in (0..<3).reduce(0.0) { $0 + q[3 * a + $1] * n.vector[$1] } }) }
        return Pair(name: "rotated copy", first: e, second: IsolatedEnvironment(centreType: e.centreType, neighbours: turned))
    }

    /// Control that every descriptor passes: the environment with its first neighbour 10% farther.
    public static func separableCopy(_ e: IsolatedEnvironment) -> Pair {
        var moved = e
        moved.neighbours[0].vector = moved.neighbours[0].vector.map { $0 * 1.1 }
        return Pair(name: "one distance 10% longer", first: e, second: moved)
    }

    /// The multiset of (r_j, r_k, cos θ_jk) over ordered neighbour pairs j ≠ k, rounded to 1e-9 and
    /// sorted: what a three-body descriptor can see (for checking degenerate pairs).
    public static func threeBodyMultiset(_ e: IsolatedEnvironment) -> [[Double]] {
        func round(_ x: Double) -> Double { (x * 1e9).rounded() / 1e9 }
        let v = e.neighbours.map(\.vector)
        func norm(_ a: [Double]) -> Double { a.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        var out: [[Double]] = []
        for j in v.indices { for k in v.indices where k != j {
            let cosine = zip(v[j], v[k]).reduce(0) { $0 + $1.0 * $1.1 } / (norm(v[j]) * norm(v[k]))
            out.append([round(norm(v[j])), round(norm(v[k])), round(cosine)])
        } }
        return out.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
