import Foundation

/// Wall-clock timing for benchmarks: runs `body` `repeats` times after `warmup` runs and
/// returns the sorted sample of seconds.
func measure(repeats: Int, warmup: Int = 1, _ body: () -> Void) -> [Double] {
    for _ in 0..<warmup { body() }
    let clock = ContinuousClock()
    return (0..<repeats).map { _ in
        let d = clock.measure(body)
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }.sorted()
}

extension Array where Element == Double {
    /// Median of a sorted sample.
    var median: Double { isEmpty ? .nan : (count % 2 == 1 ? self[count / 2] : (self[count / 2 - 1] + self[count / 2]) / 2) }
}

/// True in builds made without optimisation.
var isDebugBuild: Bool {
    #if DEBUG
    return true
    #else
    return false
    #endif
}

/// A fixed-width text table.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    func render() -> String {
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max()! }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, s in c == 0 ? s.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                : String(repeating: " ", count: widths[c] - s.count) + s }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .joined(separator: "\n")
    }
}
