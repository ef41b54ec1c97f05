/// A two-sided confidence interval [lower, upper] at confidence `level` (e.g. 0.95).
public struct ConfidenceInterval: Equatable, Sendable {
    /// Lower end.
    public var lower: Double
    /// Upper end.
    public var upper: Double
    /// Nominal coverage, strictly between 0 and 1.
    public var level: Double

    /// An interval from its ends and level.
    public init(lower: Double, upper: Double, level: Double) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    /// Whether `value` lies in the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// `upper − lower`.
    public var width: Double { upper - lower }
}
