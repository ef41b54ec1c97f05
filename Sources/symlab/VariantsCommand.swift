import ArgumentParser
import SymModel

/// `symlab variants`: every registered P_s and R_s variant, from the registry table.
struct VariantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "variants",
        abstract: "List the registered permutation encoders (P_s) and rotation operators (R_s).",
        discussion: """
        Each variant is one Swift file plus one line in VariantRegistry. The key is what configs \
        use (model.descriptor.permutation / model.descriptor.rotation). "exact" lists the properties \
        the conformance kit asserts at 1e-10 in Float64; "approximate" lists properties the variant \
        declares approximate (measured and recorded, not asserted). Run `symlab check` to measure them.
        """)

    func run() throws {
        print(variantsTable())
    }
}

/// The registry as a text table (also used by the docs).
func variantsTable() -> String {
    var table = TextTable(header: ["stage", "key", "cost", "exact", "approximate", "description"])
    for e in VariantRegistry.entries {
        let exact = e.exact.count == ConformanceProperty.allCases.count ? "all" : e.exact.map(\.rawValue).joined(separator: ",")
        let approx = e.approximate.isEmpty ? "-" : e.approximate.map { "\($0.key.rawValue) (\($0.value))" }.joined(separator: ", ")
        table.rows.append([e.role == .permutation ? "P_s" : "R_s", e.key, e.costClass.rawValue, exact, approx, e.summary])
    }
    return table.render()
}
