import Foundation
import Testing
@testable import SymModel

/// `symlab new-variant`: the generated skeleton and the registry edit.
@Suite("new-variant scaffold")
struct VariantScaffoldTests {
    static let registry = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/SymModel/Pipeline/VariantRegistry.swift").path

    @Test func namesAndPaths() {
        #expect(VariantScaffold.typeName(for: "my-fancy-encoder") == "MyFancyEncoder")
        #expect(VariantScaffold.propertyName("inducing_points") == "inducingPoints")
        #expect(VariantScaffold.path(key: "my-op", kind: .rotation) == "Sources/SymModel/Rotation/MyOp.swift")
    }

    @Test func badNamesExistingKeysAndReservedOptionsAreRefused() {
        #expect(VariantScaffold.problems(key: "my-encoder", options: ["heads", "inducing_points"]).isEmpty)
        let p = VariantScaffold.problems(key: "sab", options: ["Heads", "preset", "heads", "heads"])
        #expect(p.contains("a variant with key 'sab' is already registered; choose another NAME"))
        #expect(p.contains("option 'Heads' must be a lowercase snake_case name, e.g. inducing_points"))
        #expect(p.contains("option 'preset' is reserved in configs") && p.contains { $0.hasPrefix("options are listed twice") })
        #expect(VariantScaffold.problems(key: "My_Encoder", options: []).first?.contains("lowercase words joined by hyphens") == true)
    }

    @Test func permutationSkeletonHasTheDocHeaderOptionsAndTheBaseline() {
        let text = VariantScaffold.source(key: "my-encoder", kind: .permutation, options: ["heads", "inducing_points"])
        for expected in ["/// `my-encoder`: TODO", "public struct MyEncoder: PermutationEncoder {", "public static let key = \"my-encoder\"",
                         "Reference: TODO", "public struct Options: StageOptions {", "public var inducingPoints = 1",
                         ".integer(\"inducing_points\", \\.inducingPoints, 1...1024,", "public static func flopsPerCentre(_ s: StageSettings) -> Double",
                         "Tensor.batchedMatmul(set.embedding, set.env, transposeA: true)", "Self.options(settings).heads"] {
            #expect(text.contains(expected), "missing: \(expected)\n\(text)")
        }
        #expect(!VariantScaffold.source(key: "plain", kind: .permutation, options: []).contains("Options"))
    }

    @Test func rotationSkeletonDeclaresItsDescriptor() {
        let text = VariantScaffold.source(key: "my-op", kind: .rotation, options: [])
        #expect(text.contains("public struct MyOp: RotationOperator {") && text.contains("FieldSpec(\"descriptor\", [pooledRows * axisNeurons], .invariant)"))
        #expect(text.contains("static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double"))
    }

    @Test func registryLineGoesIntoTheRightArrayOnce() throws {
        let original = try String(contentsOfFile: Self.registry, encoding: .utf8)
        let edited = try VariantScaffold.registryEdit(original, key: "my-encoder", kind: .permutation)
        let perm = try #require(edited.range(of: "permutationEncoders"))
        let rot = try #require(edited.range(of: "rotationOperators"))
        let line = try #require(edited.range(of: "        MyEncoder.self,\n    ]"))
        #expect(perm.upperBound < line.lowerBound && line.lowerBound < rot.lowerBound)
        #expect(edited.count == original.count + "\n        MyEncoder.self,".count)
        let rotation = try VariantScaffold.registryEdit(original, key: "my-op", kind: .rotation)
        #expect((try #require(rotation.range(of: "        MyOp.self,\n    ]"))).lowerBound > rot.lowerBound)
        #expect(throws: ConfigError.self) { _ = try VariantScaffold.registryEdit(edited, key: "my-encoder", kind: .permutation) }
        #expect(throws: ConfigError.self) { _ = try VariantScaffold.registryEdit("enum X {}", key: "my-encoder", kind: .permutation) }
    }
}
