import SymLabTestKit
import SymModel
import Testing

@Suite("Conformance kit over the registry")
struct ConformanceTests {
    static let pipelines = Dictionary(uniqueKeysWithValues: ConformanceKit.registryConfigs().map { (ConformanceKit.pipelineName($0), $0) })

    @Test("every registered stage passes every exact property, at its defaults and at each preset",
          arguments: ConformanceKit.registryConfigs().map(ConformanceKit.pipelineName))
    func registeredVariantConforms(_ name: String) throws {
        let report = try ConformanceKit.check(config: try #require(Self.pipelines[name]), trials: 2)
        #expect(report.passed, "\(report.description)")
        #expect(report.results.count == ConformanceProperty.allCases.count)
    }

    @Test func twoSideEmbeddingConforms() throws {
        let report = try ConformanceKit.check(config: TestStructures.smallConfig(typeOneSide: false), trials: 1)
        #expect(report.passed, "\(report.description)")
    }

    @Test func registryKeysAreUnique() {
        #expect(VariantRegistry.duplicateKeys.isEmpty)
    }

    @Test func everyRegisteredKeyIsCoveredByAPipeline() {
        let configs = ConformanceKit.registryConfigs()
        for entry in VariantRegistry.entries {
            #expect(configs.contains { $0.descriptor.permutation == entry.key || $0.descriptor.rotation == entry.key })
            for preset in entry.presets where !preset.values.isEmpty {
                #expect(configs.contains { [$0.descriptor.permutationOptions, $0.descriptor.rotationOptions].contains(["preset": .string(preset.name)]) })
            }
        }
        for key in VariantRegistry.embeddingKeys { #expect(configs.contains { $0.descriptor.embedding == key }) }
    }

    @Test func waterBaselineHasDeePMDsParameterCount() throws {
        // DeePMD-kit 3.2.0 on the water example: 12,900 descriptor + 1,001,282 fitting (anchors/deepmd.md).
        let model = try DeepPotModel(config: ModelConfig(typeMap: ["O", "H"]))
        #expect(model.parameterCount == 1_014_182)
        #expect(model.declaredFields.descriptor.shape == [1600])
    }

    @Test func configErrorsNameKeyPathValueChoicesAndSuggestion() {
        var config = ModelConfig(typeMap: ["O", "H"])
        config.descriptor.rotation = "gram-factord"
        config.descriptor.sel = [46]
        let problems = config.problems()
        #expect(problems.count == 2)
        let rotation = problems.first { $0.path.last == "rotation" }?.description ?? ""
        #expect(rotation.contains("[at `model.descriptor.rotation`]") && rotation.contains("'gram-factord'")
                && rotation.contains("gram-dense") && rotation.contains("Did you mean 'gram-factored'?"))
        #expect(throws: ConfigError.self) { _ = try DeepPotModel(config: config) }
    }

    @Test func maxPoolingOfCovariantChannelIsCaught() throws {
        let report = try ConformanceKit.check(config: TestStructures.smallConfig(), permutationEncoder: SoftMaxPooling.self, trials: 1)
        let rotation = try #require(report.result(.rotation))
        #expect(!rotation.passed && rotation.maxError > 1e-6, "\(rotation.summary)")
        #expect(report.result(.translation)?.passed == true)
        #expect(!report.passed)
    }

    @Test func absoluteCoordinatesAreCaught() throws {
        let report = try ConformanceKit.check(config: TestStructures.smallConfig(), permutationEncoder: AbsolutePositionLeak.self, trials: 1)
        #expect(report.result(.translation)?.passed == false, "\(report.description)")
        #expect(report.result(.rotation)?.passed == false)
        #expect(report.result(.permutation)?.passed == true)
    }

    @Test func declaredApproximationIsMeasuredNotAsserted() throws {
        let report = try ConformanceKit.check(config: TestStructures.smallConfig(), permutationEncoder: DeclaredApproximate.self, trials: 1)
        let rotation = try #require(report.result(.rotation))
        #expect(rotation.status == "approx" && rotation.maxError > 1e-6)
        #expect(report.passed)
    }

    @Test func incompatibleContractFailsAtBuildTime() {
        #expect(throws: PipelineError.self) {
            _ = try DeepPotModel(config: TestStructures.smallConfig(), permutationEncoder: WrongContract.self)
        }
    }

    @Test func tableListsEveryProperty() throws {
        let report = try ConformanceKit.check(config: TestStructures.smallConfig(), trials: 1)
        let table = conformanceTable([report])
        for p in ConformanceProperty.allCases { #expect(table.contains(p.rawValue)) }
        #expect(table.contains("deepsets-sum"))
    }
}
