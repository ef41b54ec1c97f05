import Foundation
import SymTensor
import Testing
@testable import SymTrain

@Suite("Schedules, loss and optimiser")
struct ScheduleTests {
    @Test func exponentialDecayHitsStartAndStop() {
        let lr = ExponentialDecay(start: 1e-3, stop: 3.51e-8, decaySteps: 5000, totalSteps: 1_000_000)
        #expect(lr(0) == 1e-3 && lr(4999) == 1e-3)
        #expect(abs(lr.decayRate - 0.95) < 1e-3)
        #expect(lr(1_000_000) >= 3.51e-8 && lr(1_000_000) <= 3.51e-8 / lr.decayRate * 1.0001)
    }

    @Test func shortRunsUseDeePMDsReplacementDecaySteps() {
        // numb_steps 2000 < decay_steps 5000: s = 100 (2000/10 > 100), r = (stop/start)^(100/2000) ≈ 0.599.
        let lr = ExponentialDecay(start: 1e-3, stop: 3.51e-8, decaySteps: 5000, totalSteps: 2000)
        #expect(lr.decaySteps == 100 && abs(lr.decayRate - 0.599) < 1e-3)
        #expect(ExponentialDecay(start: 1, stop: 0.1, decaySteps: 50, totalSteps: 40).decaySteps == 1)
        #expect(ExponentialDecay(start: 1, stop: 0.1, decaySteps: 5000, totalSteps: 500).decaySteps == 6)
    }

    @Test func prefactorsMoveWithTheLearningRate() {
        let p = Prefactor(start: 1000, limit: 1)
        #expect(p.value(lr: 1e-3, lr0: 1e-3) == 1000)
        #expect(abs(p.value(lr: 0, lr0: 1e-3) - 1) < 1e-15)
        #expect(!Prefactor(start: 0, limit: 0).isActive)
    }

    @Test func adamFirstStepMovesByTheLearningRate() {
        // After one step m̂ = g and v̂ = g², so Δθ = −lr·g/(|g| + ε) ≈ −lr·sign(g).
        let theta = Tensor.variable(shape: [3], scalars: [1, 2, 3])
        var adam = Adam(sizes: [3])
        adam.update([theta], gradients: [Tensor([0.5, -2, 0])], learningRate: 0.1)
        #expect(abs(theta.scalars[0] - 0.9) < 1e-7 && abs(theta.scalars[1] - 2.1) < 1e-7 && theta.scalars[2] == 3)
        adam.update([theta], gradients: [Tensor([0.5, -2, 0])], learningRate: 0.1)
        #expect(abs(theta.scalars[0] - 0.8) < 1e-7 && adam.step == 2)
    }

    @Test func samplerCoversEveryFrameOncePerEpoch() {
        var sampler = BatchSampler(frameCounts: [5], batchSizes: [1], seed: 9)
        let first = (0..<5).flatMap { sampler.next(step: $0).frames }
        let second = (5..<10).flatMap { sampler.next(step: $0).frames }
        #expect(first.sorted() == [0, 1, 2, 3, 4] && second.sorted() == [0, 1, 2, 3, 4] && first != second)
        var a = BatchSampler(frameCounts: [5, 50], batchSizes: [1, 2], seed: 1), b = a
        #expect((0..<30).map { a.next(step: $0).system } == (0..<30).map { b.next(step: $0).system })
        let systems = (30..<2030).map { a.next(step: $0).system }
        let share = Double(systems.filter { $0 == 1 }.count) / 2000  // 25 batches vs 5: expect 25/30
        #expect(abs(share - 25.0 / 30) < 0.05)
    }
}
