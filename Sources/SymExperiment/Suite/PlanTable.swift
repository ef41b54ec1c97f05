import Foundation

/// The `--dry-run` listing: one line per run with its ID, variant, data, seed and state.
public enum PlanTable {
    /// A fixed-width table; the baseline's runs are marked with `*`.
    public static func render(_ plan: SuitePlan, states: [ResultStore.RunState]) -> String {
        let header = ["#", "run ID", "variant", "data", "seed", "state"]
        let rows = zip(plan.runs, states).map { run, state in
            [String(run.index + 1), run.id, run.variant + (run.isBaseline ? " *" : ""), run.dataset, String(run.seed), state.rawValue]
        }
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        let counts = Dictionary(grouping: states, by: { $0 }).mapValues(\.count)
        let summary = ResultStore.RunState.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)
                + ["(* baseline) \(summary)"]).joined(separator: "\n")
    }
}
