import SymModel
import Testing
@testable import SymTrain

@Suite("Memory estimate")
struct MemoryEstimateTests {
    /// DeePMD's water se_e2_a (2 types, sel [46, 92], widths [25, 50, 100], fitting 240³).
    static func water(sel: [Int] = [46, 92], neuron: [Int] = [25, 50, 100]) -> ModelConfig {
        var c = ModelConfig(typeMap: ["O", "H"])
        c.descriptor.sel = sel
        c.descriptor.neuron = neuron
        return c
    }

    /// The peak RSS measured for the calibration (release build, /usr/bin/time -v, 3 steps incl.
    /// a checkpoint, 2026-12-03): the estimate must stay within 10% of each.
    @Test(arguments: [([46, 92], [25, 50, 100], 192, 992e6), ([92, 184], [25, 50, 100], 192, 1498e6),
                      ([46, 92], [50, 100, 200], 192, 1798e6), ([46, 92], [25, 50, 100], 768, 2502e6)])
    func reproducesTheCalibrationMeasurements(sel: [Int], neuron: [Int], atoms: Int, measured: Double) throws {
        let estimate = try MemoryEstimate.trainingPeakBytes(model: Self.water(sel: sel, neuron: neuron), atomsPerBatch: atoms)
        #expect(abs(estimate / measured - 1) < 0.1, "estimate \(MemoryEstimate.format(estimate)), measured \(MemoryEstimate.format(measured))")
    }

    @Test func checkRefusesOnlyAboveTheLimit() throws {
        try MemoryEstimate.check(needed: 1e9, copies: 2, limit: 2.5e9, what: "x")
        let error = try #require(throws: MemoryLimitError.self) { try MemoryEstimate.check(needed: 1e9, copies: 3, limit: 2.5e9, what: "x") }
        #expect(error.description.contains("x needs 3 concurrent runs × about 1.0 GB of memory at its peak, more than the --max-memory limit of 2.5 GB"))
        #expect(MemoryEstimate.parse("2G") == 2e9 && MemoryEstimate.parse("512M") == 512e6 && MemoryEstimate.parse("1.5GB") == 1.5e9)
        #expect(MemoryEstimate.parse("lots") == nil && MemoryEstimate.parse("-3G") == nil)
        #expect((MemoryEstimate.available() ?? 0) > 0)
    }
}
