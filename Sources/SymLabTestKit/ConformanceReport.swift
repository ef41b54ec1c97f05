import SymModel

/// The measured outcome of one property check.
public struct PropertyResult: Sendable {
    /// Which property.
    public var property: ConformanceProperty
    /// Largest error per output field ("E", "F", "W", ...) with that field's pass threshold.
    public var fieldErrors: [FieldError]
    /// Nil when asserted; the variant's reason when the property is declared approximate
    /// (then the error is measured and recorded, not asserted).
    public var approximation: String?

    /// The largest error over all fields.
    public var maxError: Double { fieldErrors.map(\.error).max() ?? 0 }
    /// Every field within its tolerance.
    public var withinTolerance: Bool { fieldErrors.allSatisfy { $0.error <= $0.tolerance } }
    /// Asserted and within tolerance, or declared approximate.
    public var passed: Bool { approximation != nil || withinTolerance }
    /// "ok", "FAIL" or "approx".
    public var status: String { approximation != nil ? "approx" : (withinTolerance ? "ok" : "FAIL") }
    /// Per-field errors, e.g. "rotation: E 1.2e-15 (tol 1.0e-10), F 3.4e-14 (tol 1.0e-10) ok".
    public var summary: String {
        let fields = fieldErrors.map { "\($0.field) \(formatError($0.error)) (tol \(formatError($0.tolerance)))\($0.error > $0.tolerance ? " FAIL" : "")" }
        return "\(property.rawValue): \(fields.joined(separator: ", ")) \(status)" + (approximation.map { " [\($0)]" } ?? "")
    }
}

/// One field's measured error and its pass threshold.
public struct FieldError: Sendable {
    public var field: String
    public var error: Double
    public var tolerance: Double
}

/// All property results of one variant (pipeline).
public struct ConformanceReport: Sendable {
    /// e.g. "P_s deepsets-sum + R_s gram-factored".
    public var variant: String
    /// One result per checked property.
    public var results: [PropertyResult]
    /// Results of exact properties that failed.
    public var failures: [PropertyResult] { results.filter { !$0.passed } }
    /// True when every exact property passed.
    public var passed: Bool { failures.isEmpty }
    /// Result for one property.
    public func result(_ p: ConformanceProperty) -> PropertyResult? { results.first { $0.property == p } }
    /// Multi-line description with each field's error (used in test failure messages).
    public var description: String { ([variant] + results.map { "  " + $0.summary }).joined(separator: "\n") }
}

/// Scientific notation with two significant digits.
func formatError(_ x: Double) -> String {
    x == 0 ? "0" : String(format: "%.1e", x)
}

/// A table of measured errors: one row per report, one column per property.
public func conformanceTable(_ reports: [ConformanceReport]) -> String {
    let properties = ConformanceProperty.allCases
    let header = ["variant"] + properties.map(\.rawValue)
    let rows = reports.map { r in
        [r.variant] + properties.map { p in
            r.result(p).map { "\(formatError($0.maxError)) \($0.status)" } ?? "-"
        }
    }
    let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max()! }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
            .joined(separator: "  ")
    }
    return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
}
