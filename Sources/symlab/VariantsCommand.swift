import ArgumentParser
import Foundation
import SymLabTestKit
import SymModel
import SymTrain

/// `symlab variants [KEY]`: every registered stage from the registry tables, or one stage's options.
struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "List the registered stages (L embedding, P_s permutation encoders, R_s rotation operators), or one stage's options.",
        discussion: """
        Each variant is one Swift file plus one line in VariantRegistry. The key is what configs \
        use (model.descriptor.embedding / permutation / rotation). "exact" lists the properties \
        the conformance kit asserts at 1e-10 in Float64; "approximate" lists properties the variant \
        declares approximate (measured and recorded, not asserted). Run `symlab check` to measure them.

        With KEY: the stage's options (name, accepted values, default, meaning) and presets. In YAML, \
        `permutation: sab` takes the defaults and `permutation: {type: sab, preset: small, heads: 8}` \
        starts from a preset and overrides single options.
        """)

    @Argument(help: "A registry key to describe (default: list every stage).")
    var key: String?

    @Option(help: ArgumentHelp("A training config (YAML): print what each P_s encoder (at its defaults) costs in that model.",
                               discussion: "Trainable parameters and forward FLOPs per atom, in total and by stage (FlopCount conventions)."))
    var costs: String?

    func run() throws {
        if let costs { return print(try costTable(costs)) }
        guard let key else { return print(variantsTable()) }
        guard let text = variantDetails(key) else {
            let known = VariantRegistry.entries.map(\.key) + VariantRegistry.embeddingKeys
            throw ValidationError(ConfigError.unknownChoice(path: ["variants", "key"], value: key, valid: known, what: "variant").message)
        }
        print(text)
    }
}

/// The registry as a text table (also used by the docs).
func variantsTable() -> String {
    var table = TextTable(header: ["stage", "key", "cost", "options", "exact", "approximate", "description"])
    for e in VariantRegistry.embeddingEntries {
        table.rows.append(["L", e.key, "", optionNames(e.options, e.presets.map(\.name)), "", "", e.summary])
    }
    for e in VariantRegistry.entries {
        let exact = e.approximate.isEmpty ? "all" : "all but " + e.approximate.keys.map(\.rawValue).sorted().joined(separator: ", ")
        let approx = e.approximate.isEmpty ? "-" : e.approximate.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { "\($0.key.rawValue) (\($0.value))" }.joined(separator: ", ")
        table.rows.append([e.role == .permutation ? "P_s" : "R_s", e.key, e.costClass.rawValue,
                           optionNames(e.options, e.presets.map(\.name)), exact, approx, e.summary])
    }
    return table.render() + "\n\n`symlab variants KEY` shows a stage's options and presets."
}

/// "heads, layers; presets small, dpa1" or "-".
func optionNames(_ options: [OptionSpec], _ presets: [String]) -> String {
    if options.isEmpty { return "-" }
    return options.map(\.name).joined(separator: ", ") + (presets.isEmpty ? "" : "; presets " + presets.joined(separator: ", "))
}

/// One stage's summary, options and presets, or nil for an unknown key.
func variantDetails(_ key: String) -> String? {
    let found: (role: String, summary: String, options: [OptionSpec], presets: [(name: String, values: OptionValues)])
    if let e = VariantRegistry.entries.first(where: { $0.key == key }) {
        found = (e.role.rawValue, e.summary, e.options, e.presets)
    } else if let e = VariantRegistry.embeddingEntries.first(where: { $0.key == key }) {
        found = ("L embedding stage", e.summary, e.options, e.presets)
    } else {
        return nil
    }
    var lines = ["\(key): \(found.role)", found.summary, ""]
    if found.options.isEmpty {
        lines.append("No options.")
    } else {
        var table = TextTable(header: ["option", "values", "default", "meaning"])
        for o in found.options { table.rows.append([o.name, o.kind.description, o.defaultValue.description, o.help]) }
        lines.append(table.render())
    }
    if !found.presets.isEmpty {
        lines.append("")
        lines.append("Presets (explicit options override them):")
        for p in found.presets {
            let values = p.values.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            lines.append("  \(p.name): \(values.isEmpty ? "the defaults" : values)")
        }
    }
    let example = found.options.first.map { "{type: \(key), \($0.name): \($0.defaultValue)}" } ?? key
    let configKey = found.role.hasPrefix("L") ? "embedding" : (found.role.hasPrefix("P_s") ? "permutation" : "rotation")
    lines += ["", "In YAML: model.descriptor.\(configKey): \(example)"]
    return lines.joined(separator: "\n")
}

/// Parameters and FLOPs per atom of the model in `path` with each P_s encoder at its defaults,
/// plus the model as configured.
func costTable(_ path: String) throws -> String {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch { throw ValidationError("\(path): cannot read the config file") }
    let model = try TrainingConfig.parse(yaml: text, source: path).model
    var table = TextTable(header: ["model", "parameters", "FLOPs/atom", "L", "P_s", "R_s", "U_p"])
    func row(_ name: String, _ config: ModelConfig) throws {
        let m = try DeepPotModel(config: config)
        let stages = Dictionary(m.flopsPerAtomByStage.map { ($0.stage.split(separator: " ").first.map(String.init) ?? $0.stage, $0.flops) },
                                uniquingKeysWith: +)
        func f(_ x: Double) -> String { String(format: "%.3g", x) }
        table.rows.append([name, "\(m.parameterCount)", f(m.flopsPerAtom), f(stages["L"] ?? 0), f(stages["P_s"] ?? 0),
                           f(stages["R_s"] ?? 0), f(stages["U_p"] ?? 0)])
    }
    try row("as configured: " + ConformanceKit.pipelineName(model), model)
    for entry in VariantRegistry.entries where entry.role == .permutation {
        var c = model
        (c.descriptor.permutation, c.descriptor.permutationOptions) = (entry.key, [:])
        try row("P_s \(entry.key)", c)
    }
    return "\(path): forward cost per atom (environment included in the total)\n\n" + table.render()
}
