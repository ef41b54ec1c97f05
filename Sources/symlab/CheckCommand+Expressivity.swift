import Foundation
import SymLabTestKit
import SymModel

extension CheckCommand {
    /// The water-sized probe config of a registered stage (the baseline for the other stages).
    static func expressivityConfig(_ role: VariantRegistry.Role, _ key: String) -> ModelConfig {
        var c = ModelConfig(typeMap: ["O", "H"])
        c.fitting.neuron = [8]  // not probed
        if role == .permutation { c.descriptor.permutation = key } else { c.descriptor.rotation = key }
        return c
    }

    /// `symlab check --expressivity [KEYS]`: one row per variant.
    func checkExpressivity() throws {
        let entries = VariantRegistry.entries.filter { keys.isEmpty || keys.contains($0.key) }
        let sizes = self.sizes.filter { $0 > 0 }
        var header = ["variant", "(a) angles", "controls", "(b) 3-body-degenerate", "controls"]
        header += sizes.map { "(c) min M1, n=\($0)" }
        var table = TextTable(header: header)
        var widths: [String: [String: Double]] = [:]  // per P_s (with options): probe (c) depends on P_s only
        var seen: [ModelConfig] = []
        for entry in entries {
            let config = Self.expressivityConfig(entry.role, entry.key)
            if seen.contains(config) { continue }
            seen.append(config)
            print("probing \(ConformanceKit.pipelineName(config)) ...", to: &standardError)
            let p = try ExpressivityProbes.separations(config: config)
            let encoder = config.descriptor.permutation + "\(config.descriptor.permutationOptions.sorted { $0.key < $1.key })"
            if widths[encoder] == nil {
                widths[encoder] = try ExpressivityProbes.run(config: config, setSizes: sizes).filter { !$0.key.contains("-difference") }
            }
            func number(_ key: String) -> String { String(format: "%.1e", p[key] ?? .nan) }
            func verdict(_ name: String) -> [String] {
                let word = p[name + "-separated"].map { $0 == 1 ? "yes" : "no" } ?? "n/a"
                return [word + " " + number(name + "-difference"), number(name + "-rotated-copy") + " / " + number(name + "-separable-pair")]
            }
            var row = [ConformanceKit.pipelineName(config)] + verdict("angles") + verdict("three-body-degenerate")
            row += sizes.map { n in widths[encoder]?["min-width-n\(n)"].map { $0 < 0 ? "> \(4 * n)" : String(Int($0)) } ?? "-" }
            table.rows.append(row)
        }
        print(table.render())
        if !sizes.isEmpty { print("\n" + Self.widthTable(widths, sizes)) }
        print("""

        Separated ("yes") when ‖D₁ − D₂‖/max(‖D₁‖, ‖D₂‖) > \(ExpressivityProbes.threshold) (the number shown: the smallest over \
        the probe's pairs). Controls: largest difference of a rotated copy / smallest of a copy with one distance 10% \
        longer; "n/a" when they do not bracket the threshold (no rotation invariance, or a local frame at equidistant \
        neighbours). (c): smallest M1 at which P_s's invariant output \
        separates a set of n neighbour distances from the hardest set 0.1 Å away (bisection over 1…4n).
        """)
    }

    /// Probe (c) per P_s: the smallest width and the separation reached at widths n and 4n.
    static func widthTable(_ widths: [String: [String: Double]], _ sizes: [Int]) -> String {
        var table = TextTable(header: ["(c) P_s", "n", "min M1", "separation at M1 = n", "at M1 = 4n", "resolved at 4n", "uniform shift at 4n"])
        for (encoder, values) in widths.sorted(by: { $0.key < $1.key }) {
            for n in sizes where values["min-width-n\(n)"] != nil {
                func number(_ key: String) -> String { String(format: "%.1e", values[key] ?? .nan) }
                let width = values["min-width-n\(n)"].map { $0 < 0 ? "> \(4 * n)" : String(Int($0)) } ?? "-"
                table.rows.append([encoder.replacingOccurrences(of: "[]", with: ""), String(n), width, number("separation-n\(n)-width-n"),
                                   number("separation-n\(n)-width-4n"), values["resolved-n\(n)-width-4n"].map { "\(Int($0)) of \(n)" } ?? "-",
                                   number("uniform-shift-n\(n)-width-4n")])
            }
        }
        return table.render()
    }
}
