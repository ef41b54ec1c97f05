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
