import Foundation
import SymLabTestKit
import Testing
@testable import SymModel

/// A test-only options type exercising every option kind, presets and a cross-field rule.
struct ToyOptions: StageOptions {
    enum Pooling: String, CaseIterable { case sum, mean }
    var heads = 4
    var width = 32
    var epsilon = 1.0
    var gate = true
    var pooling = Pooling.sum
    init() {}
    init(heads: Int, width: Int) {
        self.heads = heads
        self.width = width
    }
    static let fields: [OptionField<ToyOptions>] = [
        .integer("heads", \.heads, 1...16, "heads"), .integer("width", \.width, 1...512, "width"),
        .number("epsilon", \.epsilon, 1e-6...10, "epsilon"), .boolean("gate", \.gate, "gate"),
        .choice("pooling", \.pooling, "pooling"),
    ]
    static let presets: [String: ToyOptions] = ["small": ToyOptions(heads: 1, width: 8), "wide": ToyOptions(heads: 8, width: 128)]
    func problems() -> [(option: String, message: String)] {
        width % heads == 0 ? [] : [("width", "must be divisible by heads (\(heads)), got \(width)")]
    }
}

@Suite("Stage options")
struct StageOptionsTests {
    let path = ["model", "descriptor", "permutation"]

    @Test func defaultsPresetThenExplicitFields() {
        let defaults = ToyOptions.resolve([:], path: path, stage: "toy")
        #expect(defaults.options == ToyOptions() && defaults.problems.isEmpty)
        let preset = ToyOptions.resolve(["preset": .string("small")], path: path, stage: "toy")
        #expect(preset.problems.isEmpty && preset.options.heads == 1 && preset.options.width == 8)
        let overridden = ToyOptions.resolve(["preset": .string("small"), "width": .int(16), "pooling": .string("mean"),
                                             "epsilon": .int(2), "gate": .bool(false)], path: path, stage: "toy")
        #expect(overridden.problems.isEmpty)
        #expect(overridden.options.heads == 1 && overridden.options.width == 16 && overridden.options.pooling == .mean)
        #expect(overridden.options.epsilon == 2 && !overridden.options.gate)
    }

    @Test func everyProblemHasItsKeyPathAndASuggestion() {
        let (_, problems) = ToyOptions.resolve(["preset": .string("smal"), "haeds": .int(2), "width": .string("x"),
                                                "epsilon": .number(20), "gate": .int(1), "pooling": .string("max")],
                                               path: path, stage: "toy")
        let text = problems.map(\.description)
        for expected in ["[at `model.descriptor.permutation.preset`] unknown toy preset 'smal'; valid: small, wide. Did you mean 'small'?",
                         "[at `model.descriptor.permutation.haeds`] unknown toy option 'haeds'", "Did you mean 'heads'?",
                         "[at `model.descriptor.permutation.width`] expected an integer, got 'x'",
                         "[at `model.descriptor.permutation.epsilon`] must be in 1e-06...10.0, got 20.0",
                         "[at `model.descriptor.permutation.gate`] expected true or false, got '1'",
                         "[at `model.descriptor.permutation.pooling`] unknown value 'max'; valid: sum, mean."] {
            #expect(text.contains { $0.contains(expected) }, "missing \(expected) in \(text)")
        }
        #expect(problems.count == 6)
    }

    @Test func crossFieldProblemsComeAfterTheFieldsResolve() {
        let (_, problems) = ToyOptions.resolve(["heads": .int(3), "width": .int(16)], path: path, stage: "toy")
        #expect(problems.map(\.description) == ["[at `model.descriptor.permutation.width`] must be divisible by heads (3), got 16"])
    }

    @Test func specsAndPresetsAreDerivedFromTheStruct() {
        #expect(ToyOptions.specs.map(\.name) == ["heads", "width", "epsilon", "gate", "pooling"])
        #expect(ToyOptions.specs[0].defaultValue == .int(4) && ToyOptions.specs[4].kind == .choice(["sum", "mean"]))
        #expect(ToyOptions.presets["small"]!.changedValues == ["heads": .int(1), "width": .int(8)])
        #expect(ToyOptions().values.count == 5)
    }

    @Test func optionsOfAStageWithoutOptionsAreRejected() {
        var config = TestStructures.smallConfig()
        config.descriptor.permutationOptions = ["heads": .int(4)]
        #expect(config.problems().map(\.description) == ["[at `model.descriptor.permutation.heads`] 'deepsets-sum' has no options"])
        #expect(throws: ConfigError.self) { _ = try DeepPotModel(config: config) }
    }

    @Test func scalarsParseLikeYAML() {
        #expect(OptionValue(parsing: "4") == .int(4) && OptionValue(parsing: "1e-3") == .number(1e-3))
        #expect(OptionValue(parsing: "true") == .bool(true) && OptionValue(parsing: "small") == .string("small"))
    }

    /// Stage choices are coded like the YAML: a bare key without options, a mapping with `type` otherwise;
    /// format-1 descriptors (string keys only) still decode.
    @Test func stageChoicesRoundTripThroughJSON() throws {
        var d = DescriptorConfig()
        d.permutationOptions = ["heads": .int(4), "preset": .string("small"), "epsilon": .number(0.5)]
        let json = String(decoding: try JSONEncoder().encode(d), as: UTF8.self)
        #expect(json.contains(#""rotation":"gram-factored""#) && json.contains(#""type":"deepsets-sum""#))
        #expect(try JSONDecoder().decode(DescriptorConfig.self, from: Data(json.utf8)) == d)
        let old = #"{"rcut": 5, "rcut_smth": 1, "sel": [3], "neuron": [4], "axis_neuron": 2, "type_one_side": true, "resnet_dt": false, "#
            + #""permutation": "deepsets-sum", "rotation": "gram-dense", "set_davg_zero": false}"#
        let decoded = try JSONDecoder().decode(DescriptorConfig.self, from: Data(old.utf8))
        #expect(decoded.rotation == "gram-dense" && decoded.permutationOptions.isEmpty && decoded.rcut == 5)
    }
}
