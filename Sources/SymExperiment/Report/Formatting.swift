import Foundation
import SymTrain

/// Number formats of the reports (fixed, so that reports are byte-identical across runs).
enum Format {
    /// About 3–4 significant digits: 1234.5 → "1235", 89.34 → "89.3", 4.0712 → "4.07", 0.012 → "0.012".
    static func value(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        let a = abs(x)
        if a >= 1000 { return String(format: "%.0f", x) }
        if a >= 10 { return String(format: "%.1f", x) }
        if a >= 1 { return String(format: "%.2f", x) }
        return a == 0 ? "0" : String(format: "%.3g", x)
    }

    /// "245.3 ± 12.1": mean ± half-width of its t-interval ("245.3 ± –" for one value).
    static func meanWithInterval(_ s: Summary?) -> String {
        guard let s else { return "–" }
        return "\(value(s.mean)) ± \(value(s.meanInterval.map { ($0.upper - $0.lower) / 2 }))"
    }

    /// A signed value: "+1.23", "−4.5".
    static func signed(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return x == 0 ? "0" : (x > 0 ? "+" : "−") + value(abs(x))
    }

    /// A signed percentage of a fraction: 0.0523 → "+5.2%".
    static func percent(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return abs(x) < 0.0005 ? "0.0%" : (x > 0 ? "+" : "−") + String(format: "%.1f%%", abs(100 * x))
    }

    /// A p-value: "0.25", "0.031", "0.004", "2.1e-05", "1".
    static func p(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        if x >= 0.995 { return "1" }
        if x >= 0.1 { return String(format: "%.2f", x) }
        if x >= 0.001 { return String(format: "%.3f", x) }
        return String(format: "%.1e", x)
    }

    /// A count with a k/M/G suffix: 881 → "881", 21793 → "21.8k", 2.3e6 → "2.30M".
    static func count(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        let a = abs(x)
        if a < 1e3 { return String(format: "%.0f", x) }
        if a < 1e6 { return String(format: "%.1fk", x / 1e3) }
        if a < 1e9 { return String(format: "%.2fM", x / 1e6) }
        return String(format: "%.2fG", x / 1e9)
    }

    /// A relative error in scientific notation: "3.1e-15".
    static func error(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return x == 0 ? "0" : String(format: "%.1e", x)
    }

    /// "6m24s" style durations.
    static func duration(_ s: Double) -> String { formatDuration(s) }

    /// A Markdown table.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let rule = header.indices.map { rightAligned.contains($0) ? "---:" : "---" }
        return ([header, rule] + rows).map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n") + "\n"
    }
}
