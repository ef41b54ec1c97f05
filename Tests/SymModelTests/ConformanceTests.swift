import SymLabTestKit
import SymModel
import Testing

@Suite("Conformance kit over the registry")
struct ConformanceTests {
    @Test("every registered variant passes every exact property",
          arguments: VariantRegistry.entries.map(\.key))
    func registeredVariantConforms(_ key: String) throws {
        let entry = VariantRegistry.entries.first { $0.key == key }!
        let config = entry.role == .permutation ? TestStructures.smallConfig(permutation: key)
            : TestStructures.smallConfig(rotation: key)
        let report = try ConformanceKit.check(config: config, trials: 2)
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
