/// How a field transforms under a rotation Q of the structure.
public enum FieldSymmetry: String, Codable, CaseIterable, Sendable {
    /// Unchanged by rotations.
    case invariant
    /// Rows of 4 columns (radial, x, y, z): column 0 is invariant, columns 1–3 rotate as a vector.
    case covariantRows = "covariant-rows"
}

/// A named per-centre field flowing between pipeline stages, with its per-centre shape.
/// Shapes exclude the leading centre axis A: the env matrix is `[nnei, 4]`, a descriptor `[dim]`.
public struct FieldSpec: Equatable, CustomStringConvertible, Sendable {
    /// Field name: "env", "embedding", "pooled", "descriptor", "atomEnergy".
    public var name: String
    /// Per-centre shape.
    public var shape: [Int]
    /// Transformation under rotations.
    public var symmetry: FieldSymmetry

    /// Creates a spec.
    public init(_ name: String, _ shape: [Int], _ symmetry: FieldSymmetry) {
        self.name = name
        self.shape = shape
        self.symmetry = symmetry
    }

    public var description: String { "\(name) \(shape) \(symmetry.rawValue)" }
}

/// A pipeline that cannot be built: stage contracts do not fit together.
public struct PipelineError: Error, CustomStringConvertible, Equatable {
    /// The stage whose input is wrong.
    public var stage: String
    /// The field it expected.
    public var field: String
    /// What it needs and what it got.
    public var expected: String, got: String
    public var description: String {
        "pipeline: stage '\(stage)' needs field '\(field)' as \(expected), but the stage before produces \(got)"
    }
}

/// A property the conformance kit checks for every variant: the symmetries, the physics
/// identities and the plumbing (serialisation, declared sizes).
public enum ConformanceProperty: String, CaseIterable, Codable, Sendable {
    case rotation, translation, permutation
    case neighbourOrder = "neighbour-order"
    case padding
    case forcesAreGradient = "forces-fd"
    /// E and F continuous when a neighbour crosses r_c, and E continuous when two neighbours swap
    /// distance rank (the jump of an order-dependent encoder).
    case cutoffContinuity = "cutoff"
    case saveLoad = "save-load"
    case outputSizes = "sizes"
}

/// How expensive a variant is per centre atom (N = nnei, M = embedding width).
public enum CostClass: String, Codable, CaseIterable, Sendable {
    case linear = "O(N·M)"
    case quadratic = "O(N²·M)"
}
