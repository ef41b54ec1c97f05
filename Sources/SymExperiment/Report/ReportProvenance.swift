import Foundation

/// The provenance footer and runtime sentence of a report: which code, builds, machines and
/// libraries produced the results, with warnings when timings are not comparable.
public enum ReportProvenance {
    /// "The 12 finished runs spanned 14m32s of wall time (first start to last end), 27m CPU."
    public static func runtimeSentence(_ table: ResultTable) -> String {
        let results = table.rows.compactMap(\.result).filter { $0.status == .ok }
        let formatter = ISO8601DateFormatter()
        let spans = results.compactMap { r in r.provenance["date_utc"].flatMap(formatter.date).map { ($0, $0 + r.wallSeconds) } }
        guard !spans.isEmpty, let first = spans.map(\.0).min(), let last = spans.map(\.1).max() else { return "" }
        let cpu = results.reduce(0) { $0 + $1.cpuSeconds }, wall = results.reduce(0) { $0 + $1.wallSeconds }
        return "The \(results.count) finished run\(results.count == 1 ? "" : "s") spanned \(Format.duration(last.timeIntervalSince(first))) "
            + "of wall time (first start to last end; \(Format.duration(wall)) summed over runs, \(Format.duration(cpu)) CPU)."
    }

    /// The footer: one bullet per kind of provenance, then warnings.
    public static func render(_ table: ResultTable) -> String {
        let results = table.rows.compactMap(\.result).filter { !$0.provenance.isEmpty }
        var out = ""
        if results.isEmpty { out += "- No run recorded provenance (no finished run, or provenance removed).\n" }
        func values(_ keys: [String], _ join: String = ", ") -> [String] {
            unique(results.map { r in keys.compactMap { r.provenance[$0] }.joined(separator: join) }).filter { !$0.isEmpty }
        }
        let lines: [(String, [String])] = [
            ("code (git commit, dirty)", values(["git_commit", "git_dirty"])),
            ("binary (build commit, build)", values(["build_commit", "build"])),
            ("build flags", values(["build_flags"])),
            ("machines (host, CPU, cores, memory GiB)", values(["host", "cpu", "cores", "memory_gib"])),
            ("OpenBLAS", values(["openblas"])), ("GSL", values(["gsl"])), ("Swift", values(["swift"])), ("OS", values(["os"])),
        ]
        for (name, list) in lines where !list.isEmpty { out += "- \(name): " + list.map { "`\($0)`" }.joined(separator: "; ") + "\n" }
        let dates = results.compactMap { $0.provenance["date_utc"] }.sorted()
        if let first = dates.first, let last = dates.last { out += "- runs started between \(first) and \(last)\n" }
        let loads = results.compactMap { $0.provenance["load_1m"].flatMap(Double.init) }
        if let low = loads.min(), let high = loads.max() {
            out += "- 1-minute load average at the runs' starts: \(String(format: "%.1f", low))–\(String(format: "%.1f", high))\n"
        }
        out += "- suite plan: \(table.plan.runs.count) runs; working directory `\(table.plan.workingDirectory)`\n"
        let machines = values(["host", "cpu"])
        if machines.count > 1 {
            out += "\n**Warning:** the timing columns mix \(machines.count) machines (\(machines.joined(separator: "; "))); "
                + "compare ms/step and µs/atom only between runs of one machine.\n"
        }
        let cores = results.compactMap { $0.provenance["cores"].flatMap(Double.init) }.min() ?? 0
        if let worst = loads.max(), cores > 0, worst > cores + 1 {
            out += "\n**Warning:** runs started while the machine was busy (1-minute load average up to \(String(format: "%.1f", worst)) "
                + "on \(Int(cores)) cores, the suite's own workers included): timings are inflated and comparable only roughly.\n"
        }
        if values(["build"]).contains("debug") {
            out += "\n**Warning:** some runs used a debug build; their timings are not representative (use `make build`).\n"
        }
        if table.orphanResults > 0 {
            out += "\nThe run folder also holds \(table.orphanResults) result\(table.orphanResults == 1 ? "" : "s") of runs that are not in "
                + "this plan (the suite was edited); they are not reported.\n"
        }
        return out
    }
}
