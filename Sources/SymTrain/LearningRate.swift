import Foundation

/// DeePMD's exponential learning-rate decay (spec §8.3):
///
///     lr(τ) = max(lr0 · r^⌊τ/s⌋, stop_lr),   r = (stop_lr/lr0)^(s/numb_steps)
///
/// When decay_steps ≥ numb_steps, DeePMD replaces s by 100 if numb_steps/10 > 100, else by
/// numb_steps/100 + 1 (integer division); we do the same so short runs use DeePMD's schedule.
public struct ExponentialDecay: Codable, Equatable, Sendable {
    public var startLearningRate: Double
    public var stopLearningRate: Double
    /// The decay interval s actually used (after DeePMD's replacement rule).
    public let decaySteps: Int
    /// The factor r per interval.
    public let decayRate: Double

    /// The schedule for a run of `totalSteps` steps.
    public init(start: Double, stop: Double, decaySteps requested: Int, totalSteps: Int) {
        startLearningRate = start
        stopLearningRate = stop
        var s = requested
        if s >= totalSteps { s = totalSteps / 10 > 100 ? 100 : totalSteps / 100 + 1 }
        decaySteps = max(1, s)
        decayRate = Foundation.pow(stop / start, Double(decaySteps) / Double(max(totalSteps, 1)))
    }

    /// lr(τ).
    public func callAsFunction(_ step: Int) -> Double {
        max(startLearningRate * Foundation.pow(decayRate, Double(step / decaySteps)), stopLearningRate)
    }
}

/// A loss prefactor that moves with the learning rate (spec §8.2):
/// p(τ) = p_limit + (p_start − p_limit) · lr(τ)/lr0.
public struct Prefactor: Codable, Equatable, Sendable {
    public var start: Double
    public var limit: Double
    public init(start: Double, limit: Double) {
        self.start = start
        self.limit = limit
    }
    /// p at learning rate `lr` with initial rate `lr0`.
    public func value(lr: Double, lr0: Double) -> Double { limit + (start - limit) * lr / lr0 }
    /// A term is active when either prefactor is non-zero.
    public var isActive: Bool { start != 0 || limit != 0 }
}
