import SymAtoms

/// DeePMD's batch sampling (spec §8.5): each step picks a system with probability proportional
/// to its number of batches, then takes the next batch of that system's current epoch (frames
/// shuffled per epoch). The state is a few integers, so checkpoints resume it exactly; every
/// random draw is derived from (seed, step) or (seed, system, epoch), never from a running stream.
public struct BatchSampler: Codable, Equatable, Sendable {
    /// Frames per system.
    public let frameCounts: [Int]
    /// Frames per batch per system.
    public let batchSizes: [Int]
    public let seed: UInt64
    /// Per system: current epoch and position inside its shuffled frame order.
    public var epoch: [Int], position: [Int]

    public init(frameCounts: [Int], batchSizes: [Int], seed: UInt64) {
        self.frameCounts = frameCounts
        self.batchSizes = batchSizes
        self.seed = seed
        epoch = [Int](repeating: 0, count: frameCounts.count)
        position = epoch
    }

    static func mix(_ values: UInt64...) -> UInt64 {
        values.reduce(0x9E3779B97F4A7C15) { h, v in
            var x = (h ^ v) &* 0xBF58476D1CE4E5B9
            x ^= x >> 31
            return x &* 0x94D049BB133111EB
        }
    }

    /// The (system, frame indices) of the batch for `step`, advancing the state.
    public mutating func next(step: Int) -> (system: Int, frames: [Int]) {
        let weights = zip(frameCounts, batchSizes).map { Double(max(1, $0 / $1)) }
        let u = RandomSource(seed: Self.mix(seed, 1, UInt64(step))).uniform() * weights.reduce(0, +)
        var system = 0, acc = weights[0]
        while u >= acc && system < weights.count - 1 { system += 1; acc += weights[system] }
        let n = frameCounts[system], bs = min(batchSizes[system], n)
        if position[system] + bs > n {
            epoch[system] += 1
            position[system] = 0
        }
        let order = RandomSource(seed: Self.mix(seed, 2, UInt64(system), UInt64(epoch[system]))).permutation(n)
        let frames = Array(order[position[system]..<(position[system] + bs)])
        position[system] += bs
        return (system, frames)
    }
}
