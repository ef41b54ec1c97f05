import Foundation

/// `results.csv`: one tidy row per planned run (missing runs included, with empty metrics), the
/// grid point as columns, every metric in the catalogue's units, and the provenance that matters
/// for reading timings (host, CPU, commit).
public enum CSVReport {
    /// The whole file.
    public static func render(_ table: ResultTable) -> String {
        let pointKeys = unique(table.rows.flatMap { $0.run.point.map(\.key) })
        let metrics = MetricCatalogue.all + (table.measuresMD ? MetricCatalogue.md : [])
        let header = ["run_id", "suite", "dataset", "variant", "baseline", "seed", "status", "reason", "steps"] + pointKeys
            + metrics.map { $0.unit.isEmpty ? $0.key : "\($0.key) [\($0.unit)]" }
            + ["wall_s", "cpu_s", "host", "cpu", "git_commit", "build"]
        var lines = [header.map(field).joined(separator: ",")]
        for row in table.rows {
            let r = row.result
            var cells = [row.run.id, table.plan.name, row.run.dataset, row.run.variant, row.run.isBaseline ? "true" : "false",
                         String(row.run.seed), r?.status.rawValue ?? "missing", r?.reason ?? "", r.map { String($0.steps) } ?? ""]
            cells += pointKeys.map { key in row.run.point.first { $0.key == key }?.value ?? "" }
            cells += metrics.map { m in r.flatMap { $0.status == .ok ? m.value($0) : nil }.map(number) ?? "" }
            cells += [r.map { number($0.wallSeconds) } ?? "", r.map { number($0.cpuSeconds) } ?? ""]
            cells += ["host", "cpu", "git_commit", "build"].map { r?.provenance[$0] ?? "" }
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shortest round-trip text of a number.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }

    /// A CSV field, quoted when it holds a comma, quote or line break ("" escapes a quote).
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
