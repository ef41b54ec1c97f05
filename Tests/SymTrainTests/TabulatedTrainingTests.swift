import SymModel
import Testing
@testable import SymTrain

/// A `tabulated` embedding is a table of trained nets: training it is refused, in the YAML and in code.
@Suite("Training refuses tabulated embeddings")
struct TabulatedTrainingTests {
    @Test func yamlConfigWithTabulatedEmbeddingIsAConfigError() throws {
        let yaml = ConfigTests.valid.replacingOccurrences(of: "sel: [46, 92]}", with: "sel: [46, 92], embedding: tabulated}")
        let errors = try #require(throws: ConfigErrors.self) { _ = try TrainingConfig.parse(yaml: yaml, source: "t.yaml") }
        #expect(errors.errors.map(\.description) == ["[at `model.descriptor.embedding`] " + TabulatedEmbedding.trainingProblem!])
        #expect(errors.description.contains("train with embedding per-type, then run `symlab compress model.json -o compressed.json`"))
    }

    @Test func trainerRefusesATabulatedConfigBuiltInCode() throws {
        var config = TrainingFixtures.config(steps: 1)
        config.model.descriptor.embedding = TabulatedEmbedding.key
        let out = TrainingFixtures.temporaryFolder("tabulated")
        let error = try #require(throws: ConfigError.self) { try Trainer(config: config, output: out, log: { _ in }).run() }
        #expect(error.path == ["model", "descriptor", "embedding"])
    }
}
