import SymLabTestKit
import Testing
@testable import SymModel

/// The rotation operators' declared FLOPs as functions of nnei (what the report plots).
@Suite("Rotation operator costs")
struct RotationCostTests {
    static func settings(_ n: Int, _ options: OptionValues = [:]) -> StageSettings {
        StageSettings(nnei: n, embeddingWidth: 100, axisNeurons: 16, seed: 1, options: options)
    }

    static func flops(_ op: any RotationOperator.Type, _ n: Int, _ options: OptionValues = [:]) -> Double {
        op.flopsPerCentre(settings(n, options), pooledRows: 100)
    }

    /// Linear operators have a zero second difference in nnei and a positive slope; the
    /// nnei-independent ones a zero first difference.
    @Test func growthInNneiIsAsDeclared() {
        for op: any RotationOperator.Type in [KNNSparse.self, LocalFrame.self, RadialOnly.self] {
            let f = [64, 128, 192].map { Self.flops(op, $0) }
            #expect(f[2] - 2 * f[1] + f[0] == 0 && f[1] > f[0], "\(op.key): \(f)")
        }
        for op: any RotationOperator.Type in [TruncatedAxis.self, AugmentedNone.self, GramFactored.self] {
            #expect(Self.flops(op, 64) == Self.flops(op, 1024), "\(op.key)")
        }
        // three-body-sparse: the pair term is fixed by sel once nnei >= sel, only the 18/slot scan grows.
        let t = [32, 64, 128].map { Self.flops(ThreeBodySparse.self, $0, ["sel": .int(16)]) }
        #expect(t[1] - t[0] == 18 * 32 && t[2] - t[1] == 18 * 64)
        let quadratic = [8, 16].map { Self.flops(ThreeBodySparse.self, $0, ["sel": .int(64), "gram": .bool(false)]) }
        #expect(quadratic[1] - 18 * 16 > 3.5 * (quadratic[0] - 18 * 8))  // below sel: O(nnei²)
    }

    /// Hand counts on the small kit config (M1 = 8, M2 = 3, nnei = 48, pooled rows 8).
    @Test func smallModelHandCounts() throws {
        func stage(_ key: String, _ options: OptionValues = [:]) throws -> Double {
            let m = try DeepPotModel(config: TestStructures.smallConfig(rotation: key, rotationOptions: options))
            return m.flopsPerAtomByStage.first { $0.stage == "R_s \(key)" }!.flops
        }
        #expect(try stage(RadialOnly.key) == 48 * 8 + 8)
        #expect(try stage(TruncatedAxis.key, ["axis": .int(2)]) == 2 * 8 * 4 * 2)
        let augmented: Double = 2 * 8 * 4 * 4 + 2 * 8 * 4 * 3, frame: Double = 5 * 48 + 40 + 2 * 8 * 3 * 3
        #expect(try stage(AugmentedNone.key) == augmented)
        #expect(try stage(LocalFrame.key) == frame)
        // 48 slots · (6 + 70 + 20 + 8) + T_k 2·8·48·4 + 4·8 + Gram 2·8·4·3
        let knn: Double = 48 * 104 + 3072 + 32 + 192
        #expect(try stage(KNNSparse.key) == knn)
        // sel 16 pairs² · (θ 6 + net 1→8 (2·8 + 2·8) + 8→8 identity skip (2·64 + 3·8) + weighted sum 2·8) + 8, scan 18·48, Gram 192
        let pairs: Double = 256 * (6 + 32 + 152 + 16)
        #expect(try stage(ThreeBodySparse.key) == 18 * 48 + pairs + 8 + 192)
    }
}
