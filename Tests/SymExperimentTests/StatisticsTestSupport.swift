import Testing

// Expected values are printed by Resources/statistics_expected.py (scipy 1.17.1, numpy 2.4.6)
// and pasted here as literals: the tests never run Python.

/// Relative tolerance for quantities computed exactly up to rounding (t-tests, exact null
/// distributions, normal tails, effect sizes): GSL's t tail and quantile agree with scipy's to a
/// few 1e-15 relative, sums of a few dozen terms differ by a few ulps.
let exactTolerance = 1e-12

/// Whether `actual` is within `relative` of `expected` (both nil counts as agreement; values at
/// or below 1e-300 in magnitude are compared absolutely, for exact zeros).
func isClose(_ actual: Double?, _ expected: Double?, relative: Double = exactTolerance) -> Bool {
    switch (actual, expected) {
    case (nil, nil): return true
    case let (a?, e?): return abs(a - e) <= relative * max(abs(a), abs(e)) || abs(a - e) <= 1e-300
    default: return false
    }
}

/// `#expect` that `actual` ≈ `expected`, naming the case and quantity on failure.
func expectClose(_ actual: Double?, _ expected: Double?, _ what: String,
                 relative: Double = exactTolerance,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(isClose(actual, expected, relative: relative),
            "\(what): got \(String(describing: actual)), expected \(String(describing: expected))",
            sourceLocation: sourceLocation)
}
