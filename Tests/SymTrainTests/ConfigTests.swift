import SymModel
import Testing
@testable import SymTrain

@Suite("Training config validation")
struct ConfigTests {
    static let valid = """
    model:
      type_map: [O, H]
      descriptor: {rcut: 6.0, rcut_smth: 0.5, sel: [46, 92]}
    data:
      train: [a, b]
      validation: c
      batch_size: auto:64
    training: {steps: 10, seed: 4}
    """

    @Test func validConfigParses() throws {
        let c = try TrainingConfig.parse(yaml: Self.valid, source: "t.yaml")
        #expect(c.model.typeMap == ["O", "H"] && c.data.validation == ["c"] && c.data.autoAtoms == 64)
        #expect(c.schedule.steps == 10 && c.model.seed == 4 && c.model.descriptor.neuron == [25, 50, 100])
        #expect(c.data.batchSize(atoms: 192) == 1 && c.data.batchSize(atoms: 20) == 4)
    }

    @Test func everyProblemIsReportedWithPathValueChoicesAndSuggestion() throws {
        let yaml = """
        model:
          type_map: [O, H]
          descriptor: {rcut: -1, sel: [46, x], rotaton: gram-dense, permutation: deepset-sum}
          fiting: {neuron: [10]}
        data: {train: [a], overflow: drop, batch_size: zero}
        learning_rate: {start_lr: 1e-3, stop_lr: 1e-2}
        training: {steps: many}
        """
        let errors = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: yaml, source: "bad.yaml") }
        let text = errors.description
        for expected in ["[at `model.descriptor.rcut`] must be > 0.0, got -1.0",
                         "[at `model.descriptor.sel[1]`] expected a non-negative integer, got 'x'",
                         "[at `model.descriptor.rotaton`] unknown key 'rotaton'", "Did you mean 'rotation'?",
                         "[at `model.descriptor.permutation`] unknown value 'deepset-sum'; valid: deepsets-sum", "Did you mean 'deepsets-sum'?",
                         "[at `model.fiting`] unknown key", "Did you mean 'fitting'?",
                         "[at `data.overflow`] unknown value 'drop'; valid: error, drop-farthest.",
                         "[at `data.batch_size`] expected a positive integer, \"auto\" or \"auto:K\", got 'zero'",
                         "[at `learning_rate.stop_lr`] must be <= start_lr",
                         "[at `training.steps`] expected an integer, got 'many'"] {
            #expect(text.contains(expected), "missing: \(expected)\n\(text)")
        }
        #expect(errors.errors.count == 9)
    }

    @Test func missingRequiredKeysAndCrossFieldProblems() throws {
        let e1 = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: "training: {steps: 3}", source: "x") }
        #expect(e1.description.contains("model.type_map") && e1.description.contains("data.train"))
        let e2 = try #require(throws: ConfigErrors.self) {
            _ = try TrainingConfig.parse(yaml: "model: {type_map: [O], descriptor: {sel: [1, 2], rcut_smth: 9}}\ndata: {train: [a]}", source: "x")
        }
        #expect(e2.description.contains("model.descriptor.sel") && e2.description.contains("model.descriptor.rcut_smth"))
    }

    @Test func notYAMLIsOneClearError() throws {
        let e = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: "model: [unclosed", source: "x.yaml") }
        #expect(e.errors.count == 1 && e.description.contains("not valid YAML"))
    }

    /// Found by fuzzing (Fuzz/FuzzTrainingConfig, docs/fuzzing.md): Yams' message spans three
    /// lines (position, source line, caret) and quotes the control character; now one line, escaped.
    @Test func notYAMLWithAControlCharacterIsOneLine() throws {
        let e = try #require(throws: ConfigErrors.self) {
            _ = try TrainingConfig.parse(yaml: "model:\n  type_map: [Si\u{1}]\n", source: "x.yaml")
        }
        #expect(e.errors.count == 1 && e.description.contains("control characters are not allowed"), "\(e)")
        #expect(e.description.contains("[Si\\u{1}]") && !e.description.contains(where: \.isNewline), "\(e)")
    }

    /// A negative seed trapped converting to UInt64; now it is one of the reported problems.
    @Test func negativeSeedIsAProblemNotATrap() throws {
        let yaml = Self.valid.replacingOccurrences(of: "seed: 4", with: "seed: -1")
        let e = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: yaml, source: "x.yaml") }
        #expect(e.description.contains("[at `training.seed`] must be >= 0, got -1"), "\(e)")
    }

    /// Sizes near Int.max overflowed Σ sel (a trap); widths and slots are bounded by ModelConfig.maximumSize.
    @Test func absurdSizesAreProblemsNotOverflowTraps() throws {
        let yaml = Self.valid.replacingOccurrences(
            of: "sel: [46, 92]", with: "sel: [9223372036854775807, 9223372036854775807], neuron: [4, 4611686018427387904]")
        let e = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: yaml, source: "x.yaml") }
        #expect(e.description.contains("[at `model.descriptor.sel`] sum must be at most 1048576 neighbour slots"), "\(e)")
        #expect(e.description.contains("[at `model.descriptor.neuron`] widths must be at most 1048576"), "\(e)")
    }

    /// Yams composes recursively: 8 KB of `[[[[…` or `- - - …` overflowed the stack (found by
    /// fuzzing the DeePMD-kit model reader, which composes the same way). Refused before composing.
    @Test func deepNestingIsRefusedBeforeComposing() throws {
        for yaml in ["model: " + String(repeating: "[", count: 20000), "model:\n" + String(repeating: "- ", count: 10000) + "x\n"] {
            let e = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: yaml, source: "x.yaml") }
            #expect(e.errors.count == 1 && e.errors[0].description.hasPrefix(
                "[at `<document>`] nested deeper than 128 levels of lists and mappings (line "), "\(e)")
        }
    }

    /// Nested YAML aliases stand for 10^8 nodes in a few lines; describing such a key hung (found
    /// while writing Fuzz/FuzzTrainingConfig, docs/fuzzing.md). Refused by size before any walk.
    @Test func aliasBombIsRefusedBySize() throws {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1..<8 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let yaml = lines.joined(separator: "\n") + "\n? *a7\n: 1\n"
        let e = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: yaml, source: "x.yaml") }
        #expect(e.errors.map(\.description)
                == ["[at `<document>`] expands to more than 100000 nodes through YAML aliases (*name); write the repeated values out"])
    }
}

@Suite("Stage choices in YAML")
struct StageChoiceConfigTests {
    static func yaml(_ descriptor: String) -> String {
        "model:\n  type_map: [O, H]\n  descriptor: \(descriptor)\ndata: {train: [a]}\n"
    }

    @Test func scalarAndMappingFormsAreAccepted() throws {
        let scalar = try TrainingConfig.parse(yaml: Self.yaml("{permutation: deepsets-sum, rotation: gram-dense}"), source: "t")
        #expect(scalar.model.descriptor.rotation == "gram-dense" && scalar.model.descriptor.rotationOptions.isEmpty)
        let mapping = try TrainingConfig.parse(yaml: Self.yaml("{rotation: {type: gram-dense}}"), source: "t")
        #expect(mapping.model.descriptor.rotation == "gram-dense")
    }

    @Test func mappingProblemsNameTheirKeyPaths() throws {
        let yaml = Self.yaml("{permutation: {type: deepsets-sum, heads: 4}, rotation: {axis: 2}}")
        let errors = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: yaml, source: "x") }
        let text = errors.description
        #expect(text.contains("[at `model.descriptor.permutation.heads`] 'deepsets-sum' has no options"), "\(text)")
        #expect(text.contains("[at `model.descriptor.rotation.type`] is required in the mapping form"), "\(text)")
        #expect(errors.errors.count == 2)
        let nested = try #require(throws: ConfigErrors.self) {
            _ = try TrainingConfig.parse(yaml: Self.yaml("{permutation: {type: deepset-sum, heads: [1, 2]}}"), source: "x")
        }
        #expect(nested.description.contains("[at `model.descriptor.permutation.heads`] expected a single value, got a list"))
        #expect(nested.description.contains("Did you mean 'deepsets-sum'?"))
    }
}

@Suite("Embedding stage and mixed-type fitting in YAML")
struct EmbeddingConfigTests {
    @Test func dpa1LayoutParses() throws {
        let yaml = """
        model:
          type_map: [O, H]
          descriptor: {sel: 120, embedding: {type: type-embedding, tebd_dim: 8}, type_one_side: false}
          fitting: {mixed_types: true}
        data: {train: [a]}
        """
        let c = try TrainingConfig.parse(yaml: yaml, source: "t")
        #expect(c.model.descriptor.embedding == "type-embedding" && c.model.descriptor.embeddingOptions == ["tebd_dim": .int(8)])
        #expect(c.model.descriptor.sel == [120] && !c.model.descriptor.typeBlocks && c.model.fitting.mixedTypes)
    }

    @Test func misspeltOptionOfTheEmbeddingStage() throws {
        let yaml = "model:\n  type_map: [O, H]\n  descriptor: {sel: [46, 92], embedding: {type: type-embedding, tebd_dims: 8}}\ndata: {train: [a]}\n"
        let errors = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: yaml, source: "t") }
        #expect(errors.description.contains("[at `model.descriptor.embedding.tebd_dims`] unknown type-embedding option 'tebd_dims'; valid: tebd_dim."))
        #expect(errors.description.contains("Did you mean 'tebd_dim'?"))
    }
}
