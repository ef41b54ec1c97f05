import Foundation
import Testing
import Yams
@testable import SymExperiment

@Suite("Suite specs: parsing, validation, expansion")
struct SuiteSpecTests {
    static let twoVariants = """
        name: demo
        base: base.yaml
        variants:
          - name: se_e2_a
          - name: dense
            model.descriptor.rotation: gram-dense
        grid:
          training.seed: [1, 2, 3]

        """

    @Test func expandsSeedsOutsideVariantsInWrittenOrder() throws {
        let plan = try SuiteFixtures.plan(Self.twoVariants)
        #expect(plan.runs.map(\.variant) == ["se_e2_a", "dense", "se_e2_a", "dense", "se_e2_a", "dense"])
        #expect(plan.runs.map(\.seed) == [1, 1, 2, 2, 3, 3])
        #expect(plan.runs.map(\.isBaseline) == [true, false, true, false, true, false])
        #expect(plan.baseline == "se_e2_a" && plan.variants == ["se_e2_a", "dense"])
        #expect(plan.runs[1].spec.training.model.descriptor.rotation == "gram-dense")
        #expect(plan.runs[1].spec.training.model.seed == 1 && plan.runs[4].spec.training.model.seed == 3)
        #expect(Set(plan.runs.map(\.id)).count == 6)
    }

    @Test func runIDsHashTheResolvedConfig() throws {
        let a = try SuiteFixtures.plan(Self.twoVariants), b = try SuiteFixtures.plan(Self.twoVariants)
        #expect(a.runs.map(\.id) == b.runs.map(\.id), "same spec, same IDs")
        let longer = try SuiteFixtures.plan(Self.twoVariants, overrides: [try Setting(commandLine: "training.steps", "13")])
        #expect(Set(longer.runs.map(\.id)).isDisjoint(with: a.runs.map(\.id)), "any config change gives new IDs")
        #expect(a.runs.allSatisfy { $0.id.count == 12 && $0.id.allSatisfy(\.isHexDigit) })
        // The baseline's runs are unpaired; the variant's name the baseline config they share nets with.
        #expect(a.runs[0].spec.pairedWith == nil && a.runs[1].spec.pairedWith == a.runs[0].spec.training.model)
    }

    @Test func precedenceIsDefaultsBaseSetVariantGridOverride() throws {
        let suite = """
            base: base.yaml
            set: {training.steps: 20, model.descriptor.axis_neuron: 3}
            variants:
              - {name: a}
              - {name: b, training.steps: 30}
            grid:
              training.seed: [5]
              model.fitting.neuron: [[8, 8]]

            """
        let plan = try SuiteFixtures.plan(suite, overrides: [try Setting(commandLine: "model.descriptor.axis_neuron", "2")])
        let a = plan.runs[0].spec.training, b = plan.runs[1].spec.training
        #expect(a.schedule.steps == 20 && b.schedule.steps == 30)  // set < variant
        #expect(a.model.descriptor.axisNeuron == 2)  // base < set < --set
        #expect(a.model.fitting.neuron == [8, 8] && a.schedule.seed == 5)  // grid
        #expect(a.model.descriptor.rcutSmooth == 1.0 && a.data.statFrames == 4)  // base
        #expect(a.schedule.validationFrames == 2 && a.loss.force.start == 1000)  // defaults
        #expect(plan.runs[0].variant == "a · neuron=[8, 8]")
    }

    @Test func gridWithoutNamedVariantsLabelsByValueAndSelectsTheBaseline() throws {
        let suite = """
            base: base.yaml
            grid:
              model.descriptor.rotation: [gram-dense, gram-factored]
              training.seed: [1, 2]
            baseline: {model.descriptor.rotation: gram-factored}

            """
        let plan = try SuiteFixtures.plan(suite)
        #expect(plan.runs.map(\.variant) == ["gram-dense", "gram-dense", "gram-factored", "gram-factored"])
        #expect(plan.baseline == "gram-factored" && plan.runs.filter(\.isBaseline).map(\.seed) == [1, 2])
    }

    @Test func dottedKeyOnAScalarMakesItAMappingWithType() throws {
        let root = try #require(try Yams.compose(yaml: "model: {descriptor: {permutation: sab}}"))
        let set = YAMLTree.setting(Node("4"), at: ["model", "descriptor", "permutation", "heads"], in: root)
        #expect(YAMLTree.display(set) == "{model: {descriptor: {permutation: {type: sab, heads: 4}}}}")
        let fresh = YAMLTree.setting(Node("2"), at: ["training", "threads"], in: root)
        #expect(YAMLTree.display(fresh) == "{model: {descriptor: {permutation: sab}}, training: {threads: 2}}")
    }

    @Test(arguments: [
        ("base: base.yaml\ngrid: {training.seed: [1]}\nvariant: []\n", "[at `variant`] unknown key 'variant'", "Did you mean 'variants'?"),
        ("grid: {training.seed: [1]}\n", "[at `base`] is required", ""),
        ("base: nowhere.yaml\n", "cannot read the training config", "nowhere.yaml"),
        ("base: base.yaml\ngrid: {model.descriptor.rotation: [gram-dens]}\n", "grid.model.descriptor.rotation[0]: [at `model.descriptor.rotation`] unknown value 'gram-dens'", "Did you mean 'gram-dense'?"),
        ("base: base.yaml\ngrid: {model.descriptor.rotaton: [gram-dense]}\n", "[at `model.descriptor.rotaton`] unknown key 'rotaton'", "Did you mean 'rotation'?"),
        ("base: base.yaml\nvariants:\n  - {name: a, training.steps: -3}\n", "variants[0].training.steps: [at `training.steps`] must be >= 1, got -3", ""),
        ("base: base.yaml\nvariants:\n  - {training.steps: 3}\n", "[at `variants[0]`] needs a `name`", ""),
        ("base: base.yaml\nvariants:\n  - {name: a}\n  - {name: a}\n", "'a' is used twice", ""),
        ("base: base.yaml\nvariants:\n  - {name: se_e2_a}\nbaseline: se_e2a\n", "unknown variant 'se_e2a'", "Did you mean 'se_e2_a'?"),
        ("base: base.yaml\ngrid: {training.seed: 3}\n", "[at `grid.training.seed`] expected a non-empty list", ""),
        ("base: base.yaml\ngrid: {training.seed: [1, 1]}\n", "lists a value twice", ""),
        ("base: base.yaml\nmetrics: [validation, symetry]\n", "unknown metric group 'symetry'", "Did you mean 'symmetry'?"),
        ("base: base.yaml\nmetrics: [test]\n", "lists `test` but the suite has no `test` data", ""),
        ("base: base.yaml\nprimary_metric: validation.force_rmes\n", "unknown value 'validation.force_rmes'", "Did you mean 'validation.force_rmse'?"),
        ("base: base.yaml\nresources: {threads: 0}\n", "[at `resources.threads`] must be >= 1, got 0", ""),
        ("base: base.yaml\nvariants:\n  - {name: a}\n  - {name: b, training.seed: 1}\n", "resolve to the same config", ""),
        ("base: base.yaml\ngrid: {training..seed: [1]}\n", "is not a dotted key", ""),
        ("base: [1\n", "not valid YAML", ""),
        // Found by fuzzing (Fuzz/FuzzSuiteSpec, docs/fuzzing.md): control characters and line breaks
        // from the file are escaped in the one-line message; a negative seed trapped in UInt64().
        ("name: a\u{1}b\nbase: base.yaml\n", "control characters are not allowed", "a\\u{1}b"),
        ("base: base.yaml\n\"a\\nb\": 1\n", "[at `a\\nb`] unknown key 'a\\nb'", ""),
        ("base: base.yaml\nevaluation: {symmetry_seed: -1}\n", "[at `evaluation.symmetry_seed`] must be >= 0, got -1", ""),
    ])
    func badSuitesGetOneLineNamingTheKey(suite: String, phrase: String, hint: String) {
        let problems = SuiteFixtures.problems(suite)
        let line = problems.first { $0.contains(phrase) }
        #expect(line != nil, "no problem contains \(phrase); got \(problems)")
        #expect(line.map { (hint.isEmpty || $0.contains(hint)) && !$0.contains("\n") } ?? false, "\(line ?? "") lacks \(hint)")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let problems = SuiteFixtures.problems("""
            base: base.yaml
            grid: {model.descriptor.rotation: [gram-dens, gram-factord], training.seed: [1, 2]}
            resources: {threads: 0}
            metrics: [symetry]

            """)
        #expect(problems.count == 4, "\(problems)")  // each bad grid value once, not once per seed
    }

    @Test func commandLineOverridesNeedADottedKeyAndValue() {
        #expect(throws: SuiteErrors.self) { try Setting(commandLine: "training..steps", "3") }
        #expect(throws: SuiteErrors.self) { try Setting(commandLine: "training.steps", "") }
        #expect((try? Setting(commandLine: "model.descriptor.sel", "[40]"))?.value == Node([Node("40")]))
    }

    /// Yams composes recursively: deeply nested text overflowed the stack. The suite, its base
    /// config and command-line values are checked before composing.
    @Test func deepNestingIsRefusedBeforeComposing() {
        let deep = "[" + String(repeating: "[", count: 20000)
        let problems = SuiteFixtures.problems("base: base.yaml\nset: {training.steps: " + deep + "}\n")
        #expect(problems == ["[at `<document>`] nested deeper than 128 levels of lists and mappings (line 2); SymLab reads at most 128"],
                "\(problems)")
        #expect(throws: SuiteErrors.self) { try Setting(commandLine: "training.steps", deep) }
    }

    /// Aliases nested eight deep in `set` stand for 10^8 nodes; hashing and serialising the grid
    /// value hung. A grid of long lists (a few lines can multiply to more than Int.max runs) hung in
    /// the expansion. Both are refused before anything is expanded (docs/fuzzing.md).
    @Test func aliasBombsAndHugeGridsAreRefusedUpFront() {
        var lines = ["  l0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1..<8 { lines.append("  l\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let bomb = SuiteFixtures.problems("base: base.yaml\nset:\n" + lines.joined(separator: "\n") + "\ngrid:\n  training.seed: [*a7, 2]\n")
        #expect(bomb == ["[at `<document>`] expands to more than 100000 nodes through YAML aliases (*name); write the repeated values out"])
        let values = "[" + (1...10).map(String.init).joined(separator: ", ") + "]"
        let keys = ["training.seed", "training.steps", "learning_rate.decay_steps"]
        let grid = SuiteFixtures.problems("base: base.yaml\nvariants: [{name: a}, {name: b}]\ngrid:\n"
            + keys.map { "  \($0): \(values)\n" }.joined())
        #expect(grid == ["[at `grid`] the suite expands to 2000 runs (variants × grid values: 2 × 10 × 10 × 10), more than 1000; "
            + "split it into smaller suites"])
        let huge = SuiteFixtures.problems("base: base.yaml\ngrid:\n" + (0..<20).map { "  k\($0): \(values)\n" }.joined())
        #expect(huge.last?.hasPrefix("[at `grid`] the suite expands to more than 9223372036854775807 runs") == true, "\(huge)")
    }
}
