import ArgumentParser
import Foundation
import SymModel

extension VariantScaffold.Kind: ExpressibleByArgument {}

/// `symlab new-variant NAME --kind permutation|rotation [--options a,b]`: writes a compiling
/// skeleton of a new P_s or R_s variant and registers it.
struct NewVariantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-variant",
        abstract: "Write the skeleton of a new permutation encoder (P_s) or rotation operator (R_s) and register it.",
        discussion: """
        Run from the package root. Writes Sources/SymModel/Permutation/<Name>.swift (or Rotation/) with \
        the doc header to fill in (equations, shapes, cost, reference, deviations), an options struct for \
        the listed options (integers defaulting to 1) and a placeholder computation (the baseline \
        deepsets-sum or gram-factored, so it builds and conforms at once), and adds <Name>.self to \
        VariantRegistry. Refuses a key that is already registered or a file that exists.

        Example: symlab new-variant my-encoder --kind permutation --options heads,inducing_points
        See docs/adding-a-variant.md.
        """)

    @Argument(help: "The registry key: lowercase words joined by hyphens, e.g. my-encoder.")
    var name: String

    @Option(help: "permutation (P_s) or rotation (R_s).")
    var kind: VariantScaffold.Kind

    @Option(help: "Comma-separated option names (snake_case), e.g. heads,inducing_points.")
    var options: String?

    @Option(help: "The package root (default: the current folder).")
    var root = "."

    func run() throws {
        let optionNames = options.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
        var problems = VariantScaffold.problems(key: name, options: optionNames)
        let file = URL(fileURLWithPath: root).appendingPathComponent(VariantScaffold.path(key: name, kind: kind)).path
        let registry = URL(fileURLWithPath: root).appendingPathComponent("Sources/SymModel/Pipeline/VariantRegistry.swift").path
        if FileManager.default.fileExists(atPath: file) { problems.append("\(file) exists; choose another NAME or remove it") }
        guard FileManager.default.fileExists(atPath: registry) else {
            throw ValidationError("\(registry) not found: run from the package root or pass --root")
        }
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "\n")) }
        let edited: String
        do {
            edited = try VariantScaffold.registryEdit(try String(contentsOfFile: registry, encoding: .utf8), key: name, kind: kind)
        } catch let e as ConfigError { throw ValidationError(e.message) }
        try VariantScaffold.source(key: name, kind: kind, options: optionNames).write(toFile: file, atomically: true, encoding: .utf8)
        try edited.write(toFile: registry, atomically: true, encoding: .utf8)
        let type = VariantScaffold.typeName(for: name)
        print("""
        wrote \(file)
        registered \(type).self in \(registry)

        Next:
          1. fill in the doc header, the computation and flopsPerCentre in \(file)
          2. swift build && .build/debug/symlab variants \(name)
          3. .build/debug/symlab check \(name)      (rotation, permutation, padding, forces, cutoff ... at 1e-10)
          4. swift test --disable-xctest --filter Conformance
        """)
    }
}
