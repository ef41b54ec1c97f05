/// A type-erased `ClassicalPotential`, for code that picks the potential at run time (the
/// `symlab md` command: a learned model or the Stillinger-Weber reference).
public struct AnyPotential: ClassicalPotential {
    /// What the potential is, for messages (e.g. "Stillinger-Weber", "model.json").
    public let name: String
    let body: ([Double], [Double]?) -> PotentialEvaluation

    /// Wraps `potential` under `name`.
    public init<P: ClassicalPotential>(_ potential: P, name: String) {
        self.name = name
        body = { potential.evaluate(positions: $0, cell: $1) }
    }

    /// The wrapped potential's energy, forces and virial.
    public func evaluate(positions: [Double], cell: [Double]?) -> PotentialEvaluation { body(positions, cell) }
}
