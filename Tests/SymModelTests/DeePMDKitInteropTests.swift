import Foundation
import SymAtoms
import Testing
@testable import SymModel

/// The DeePMD-kit interop fixture (scripts/deepmd-interop/make-fixtures.sh): SymLab models, their
/// export, a DeePMD-kit-native model, input frames, and DeePMD-kit 3.2.0's energies, forces and
/// virials for every model (after `dp convert-backend X.yaml X.pth`, the file LAMMPS loads).
enum InteropFixture {
    struct InputFrame: Decodable {
        var name: String, types: [Int], positions: [Double], cell: [Double]?
        var frame: Frame { Frame(types: types, positions: positions, cell: cell) }
    }
    struct Output: Decodable { var name: String, energy: Double, forces: [Double], virial: [Double] }
    struct Outputs: Decodable { var deepmd_kit: String, frames: [Output] }

    static func url(_ file: String) throws -> URL {
        let name = (file as NSString).deletingPathExtension, ext = (file as NSString).pathExtension
        return try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures/deepmd-interop"),
                            "\(file) not in the test bundle")
    }
    static func text(_ file: String) throws -> String { try String(contentsOf: url(file), encoding: .utf8) }
    static func frames() throws -> [InputFrame] {
        struct File: Decodable { var frames: [InputFrame] }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url("frames.json"))).frames
    }
    static func outputs(_ model: String) throws -> Outputs {
        try JSONDecoder().decode(Outputs.self, from: Data(contentsOf: url("\(model).deepmd.json")))
    }
}

@Suite("DeePMD-kit model export and import (fixture from DeePMD-kit 3.2.0)")
struct DeePMDKitInteropTests {
    static let symlabModels = ["tiny-one-side", "tiny-two-side", "tiny-dpa1"]
    static let nativeModels = ["native", "native-dpa1"]
    static let tolerance = 1e-10

    /// Largest relative error of E, F and W of `model` on the fixture frames against DeePMD-kit's.
    func compare(_ model: DeepPotModel, with outputs: InteropFixture.Outputs) throws -> (energy: Double, force: Double, virial: Double) {
        let frames = try InteropFixture.frames()
        #expect(frames.map(\.name) == outputs.frames.map(\.name))
        var worst = (energy: 0.0, force: 0.0, virial: 0.0)
        for (input, reference) in zip(frames, outputs.frames) {
            let p = model.predict(try model.batch(for: input.frame))
            worst.energy = max(worst.energy, abs(p.energy.scalars[0] - reference.energy) / abs(reference.energy))
            worst.force = max(worst.force, relativeError(p.forces.scalars, reference.forces))
            if input.cell != nil { worst.virial = max(worst.virial, relativeError(p.virial.scalars, reference.virial)) }
        }
        return worst
    }

    @Test("SymLab's models give DeePMD-kit's E, F, W on the exported files to 1e-10 relative", arguments: symlabModels)
    func exportedModelsAgree(name: String) throws {
        let file = try ModelFile.read(from: InteropFixture.url("\(name).model.json").path)
        let e = try compare(try file.makeModel(), with: InteropFixture.outputs(name))
        print("[\(name)] vs DeePMD-kit: E \(e.energy), F \(e.force), W \(e.virial)")
        #expect(e.energy <= Self.tolerance && e.force <= Self.tolerance && e.virial <= Self.tolerance, "\(e)")
    }

    @Test("the export is byte-identical to the file DeePMD-kit evaluated", arguments: symlabModels)
    func exportUnchanged(name: String) throws {
        let file = try ModelFile.read(from: InteropFixture.url("\(name).model.json").path)
        let text = try DeePMDKitModel.export(file)
        #expect(text == (try InteropFixture.text("\(name).yaml")), "export of \(name) changed: regenerate the fixture with DeePMD-kit")
    }

    @Test("importing the exported file gives the same weights and config", arguments: symlabModels)
    func importRoundTrip(name: String) throws {
        let original = try ModelFile.read(from: InteropFixture.url("\(name).model.json").path)
        let imported = try DeePMDKitModel.importModel(InteropFixture.text("\(name).yaml"), source: name)
        #expect(imported.weights == original.weights)
        #expect(imported.config.descriptor == original.config.descriptor && imported.config.fitting == original.config.fitting)
        #expect(imported.config.typeMap == original.config.typeMap)
    }

    @Test("DeePMD-kit-native models (se_e2_a, se_atten_v2) import and give DeePMD-kit's E, F, W to 1e-10 relative", arguments: nativeModels)
    func nativeModelImports(name: String) throws {
        let file = try DeePMDKitModel.importModel(InteropFixture.text("\(name).yaml"), source: "\(name).yaml")
        #expect(!file.config.descriptor.typeOneSide)
        #expect(DeePMDKitModel.descriptorName(file.config) == (name == "native" ? "se_e2_a" : "se_atten_v2"))
        let e = try compare(try file.makeModel(), with: InteropFixture.outputs(name))
        print("[\(name)] vs DeePMD-kit: E \(e.energy), F \(e.force), W \(e.virial)")
        #expect(e.energy <= Self.tolerance && e.force <= Self.tolerance && e.virial <= Self.tolerance, "\(e)")
    }

    @Test("variants DeePMD-kit cannot represent are refused with their name")
    func refusesOtherVariants() throws {
        var file = try ModelFile.read(from: InteropFixture.url("tiny-one-side.model.json").path)
        file.config.descriptor.permutation = "attention-pooling"
        #expect(throws: InteropError.self) { try DeePMDKitModel.export(file, name: "m.json") }
        let message = DeePMDKitModel.unsupported(file.config) ?? ""
        #expect(message.contains("permutation encoder 'attention-pooling' has no DeePMD-kit equivalent"), "\(message)")
        file.config.descriptor.permutation = DeepSetsSum.key
        file.config.descriptor.rotation = "local-frame"
        #expect(DeePMDKitModel.unsupported(file.config)?.contains("rotation operator 'local-frame'") == true)
        file.config.descriptor.rotation = GramDense.key
        #expect(DeePMDKitModel.unsupported(file.config) == nil, "gram-dense is se_e2_a's function")
        var dpa1 = try ModelFile.read(from: InteropFixture.url("tiny-dpa1.model.json").path)
        #expect(DeePMDKitModel.unsupported(dpa1.config) == nil)
        dpa1.config.descriptor.permutationOptions["heads"] = .int(2)
        #expect(DeePMDKitModel.unsupported(dpa1.config)?.contains("gated-attention with 2 heads (se_atten_v2 has one)") == true)
        dpa1.config.descriptor.permutationOptions["heads"] = .int(1)
        dpa1.config.fitting.mixedTypes = false
        #expect(DeePMDKitModel.unsupported(dpa1.config)?.contains("per-type fitting is not one DeePMD-kit has") == true)
    }

    @Test("bad files get one line with the key path")
    func badFilesAreNamed() throws {
        let text = try InteropFixture.text("native.yaml")
        let cases = [
            (text.replacingOccurrences(of: "type: se_e2_a", with: "type: se_atten"), "[at `model.descriptor.type`] descriptor 'se_atten'"),
            (text.replacingOccurrences(of: "activation_function: tanh", with: "activation_function: gelu"), "activation 'gelu' is not supported"),
            ("model: [1, 2]", "[at `model`] missing or not a mapping"),
            ("{", "not valid YAML"),
        ]
        for (bad, expected) in cases {
            do {
                _ = try DeePMDKitModel.importModel(bad, source: "bad.yaml")
                Issue.record("accepted a bad file (\(expected))")
            } catch let e as InteropError {
                #expect(e.description.hasPrefix("bad.yaml: ") && e.description.contains(expected) && !e.description.contains("\n"), "\(e)")
            }
        }
    }

    /// Found by fuzzing the reader (Fuzz/FuzzDeePMDModel, docs/fuzzing.md) or while writing its
    /// harness: each trapped, hung, overflowed the stack or gave a multi-line message.
    @Test("hostile files get one line naming the file, never a trap")
    func hostileFilesGetOneLineErrors() throws {
        let seA = try InteropFixture.text("tiny-one-side.yaml"), dpa1 = try InteropFixture.text("tiny-dpa1.yaml")
        func first(_ text: String, _ old: String, _ new: String) -> String {
            guard let range = text.range(of: old) else { Issue.record("\(old) not in the fixture"); return text }
            return text.replacingCharacters(in: range, with: new)
        }
        var bomb = ["a0: &a0 [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]"]
        for i in 1..<8 { bomb.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        let cases = [
            // sel without any slot: index out of range in the statistics (trap)
            (first(seA, "'sel': [20, 36]", "'sel': [0, 0]"), "[at `model.descriptor.sel`] entries must be >= 0 with a sum in 1...1048576, got [0, 0]"),
            // sizes near Int.max: overflow of ntypes · nnei · 4 and of Σ sel (traps)
            (first(seA, "'sel': [20, 36]", "'sel': [4611686018427387904, 36]"), "[at `model.descriptor.sel`] entries must be >= 0"),
            (first(dpa1, "'sel': [48]", "'sel': [9223372036854775807, 9223372036854775807]"), "[at `model.descriptor.sel`] entries must be >= 0"),
            // se_atten_v2 without embedding widths: force-unwrapped `neuron.last` (trap)
            (first(dpa1, "'neuron': [4, 8, 16]", "'neuron': []"), "[at `model.descriptor.neuron`] missing or empty"),
            // a head count that is no integer: Int(inf) (trap)
            (first(dpa1, "'num_heads': 1", "'num_heads': inf"), "attention_layer.num_heads`] inf heads not supported"),
            (first(dpa1, "'num_heads': 1", "'num_heads': nan"), "attention_layer.num_heads`] nan heads not supported"),
            // a line break quoted from the file: a two-line message
            (first(seA, "'type': 'se_e2_a'", "'type': \"se\\nx\""), "[at `model.descriptor.type`] descriptor 'se\\nx' is not supported"),
            // a value beside a list at the same depth passed as a [4]-matrix of 5 values
            (first(seA, "- - [0.06636046585318557, 0.0, 0.0, 0.0]", "- - [0.06636046585318557, 0.0, 0.0, [0.0]]"),
             "[at `model.descriptor.@variables.davg`] ragged array"),
            // aliases standing for 10^8 values: a hang walking them
            (bomb.joined(separator: "\n") + "\nmodel: {descriptor: {type: se_e2_a}, x: *a7}\n", "nodes through YAML aliases (*name); DeePMD-kit writes none"),
            // deep nesting: Yams' recursive composer overflowed the stack
            ("model: " + String(repeating: "[", count: 20000) + String(repeating: "]", count: 20000) + "\n",
             "not a DeePMD-kit model: nested deeper than 128 levels of lists and mappings (line 1)"),
            ("model:\n" + String(repeating: "- ", count: 10000) + "x\n", "nested deeper than 128 levels of lists and mappings (line 2)"),
        ]
        for (bad, expected) in cases {
            do {
                _ = try DeePMDKitModel.importModel(bad, source: "bad.yaml")
                Issue.record("accepted a bad file (\(expected))")
            } catch let e as InteropError {
                #expect(e.description.hasPrefix("bad.yaml: ") && e.description.contains(expected) && !e.description.contains(where: \.isNewline),
                        "\(e.description.prefix(300))")
            }
        }
        #expect(throws: DataError.self) { try DeepPotModel.perTypeStatistics(davg: [], dstd: [], types: 1, nnei: 0, source: "m") }
    }

    @Test("numbers are written in a form PyYAML reads as the same Float64")
    func floatText() {
        let yaml11Float = try! Regex(#"^[-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)?$"#)
        for x in [0.0, -0.0, 3, 0.1, 1e-5, -2.5e-12, 1e300, Double.leastNonzeroMagnitude, Double.pi, -155.95617, 123456789012345680] {
            let s = Y.floatText(x)
            #expect(Double(s) == x && Double(s)?.sign == x.sign, "\(x) -> \(s)")
            #expect(s.wholeMatch(of: yaml11Float) != nil, "\(s) is not a YAML 1.1 float")
        }
    }
}
