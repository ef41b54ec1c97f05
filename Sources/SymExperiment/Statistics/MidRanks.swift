/// Ranks 1…n of a sample with ties given their average ("mid") rank, and the tie term used by
/// the normal approximations of the rank tests.
///
/// For values sorted ascending, a group of t equal values occupying positions i+1 … i+t gets
/// rank i + (t + 1)/2. Ties are exact floating-point equality (as scipy's `rankdata`).
struct MidRanks {
    /// `ranks[i]` is the mid-rank of `values[i]`.
    var ranks: [Double]
    /// Σ (t³ − t) over the groups of tied values (0 without ties).
    var tieTerm: Double
    /// Whether any two values are equal.
    var hasTies: Bool { tieTerm > 0 }

    init(_ values: [Double]) {
        let order = GSLStatistics.sortIndex(values)
        ranks = [Double](repeating: 0, count: values.count)
        tieTerm = 0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            let rank = Double(start + end + 1) / 2  // mean of start+1 … end
            for k in start..<end { ranks[order[k]] = rank }
            let t = Double(end - start)
            tieTerm += t * t * t - t
            start = end
        }
    }
}
