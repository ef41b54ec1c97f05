/// Why a statistic could not be computed from its input.
///
/// Input rule shared by every public entry point of the statistics layer: samples must be
/// non-empty and every value finite. NaN and ±∞ are *rejected*, never filtered out: a diverged or
/// missing run must be removed from the result table explicitly, not silently dropped here.
public enum StatisticsError: Error, CustomStringConvertible, Sendable {
    /// The named sample has no values.
    case empty(sample: String)
    /// `sample[index]` is NaN or ±∞.
    case nonFinite(sample: String, index: Int, value: Double)
    /// Paired samples must have the same length.
    case lengthMismatch(x: Int, y: Int)
    /// A confidence level must lie strictly between 0 and 1.
    case invalidConfidenceLevel(Double)
    /// A bootstrap needs at least one resample.
    case invalidResampleCount(Int)
    /// A p-value must lie in [0, 1].
    case invalidPValue(index: Int, value: Double)

    /// One line naming the offending input and value.
    public var description: String {
        switch self {
        case .empty(let sample):
            return "sample '\(sample)' is empty"
        case .nonFinite(let sample, let index, let value):
            return "sample '\(sample)' has the non-finite value \(value) at index \(index); "
                + "statistics reject NaN and ±∞ (remove failed runs explicitly)"
        case .lengthMismatch(let x, let y):
            return "paired samples differ in length: \(x) values against a baseline of \(y)"
        case .invalidConfidenceLevel(let level):
            return "confidence level \(level) is not strictly between 0 and 1"
        case .invalidResampleCount(let count):
            return "bootstrap resample count \(count) is not positive"
        case .invalidPValue(let index, let value):
            return "p-value \(value) at index \(index) is not in [0, 1]"
        }
    }
}

/// Input checks shared by the public entry points.
enum Validate {
    /// Throws unless `values` is non-empty and every value is finite.
    static func sample(_ values: [Double], name: String) throws {
        guard !values.isEmpty else { throw StatisticsError.empty(sample: name) }
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw StatisticsError.nonFinite(sample: name, index: index, value: values[index])
        }
    }

    /// Throws unless both samples are valid and have the same length.
    static func pairs(_ x: [Double], _ y: [Double]) throws {
        try sample(x, name: "x")
        try sample(y, name: "baseline")
        guard x.count == y.count else {
            throw StatisticsError.lengthMismatch(x: x.count, y: y.count)
        }
    }

    /// Throws unless 0 < level < 1.
    static func level(_ level: Double) throws {
        guard level > 0, level < 1 else { throw StatisticsError.invalidConfidenceLevel(level) }
    }
}
