/// How a dataset is divided into training and validation parts.
public enum SplitMode: String, CaseIterable, Codable, Sendable {
    /// Whole systems go to one side (no frame of a validation system is seen in training; the usual
    /// DeePMD practice, e.g. water data_0..2 train, data_3 validates).
    case bySystem = "system"
    /// Frames are drawn from all systems (validation frames are neighbours in time of training frames,
    /// so validation errors come out optimistic for MD trajectories).
    case byFrame = "frame"
}

/// A seeded train/validation split of a dataset.
public struct DatasetSplit: Equatable, Sendable {
    /// Training part (same type map).
    public var train: Dataset
    /// Validation part (same type map).
    public var validation: Dataset

    /// Splits `dataset` so that round(`validationFraction` × count) systems (`.bySystem`) or frames
    /// (`.byFrame`) validate, clamped to at least one on each side. The items are chosen by
    /// `RandomSource(seed:).permutation(count)` (the first ones validate); frames keep their order
    /// within each system and systems keep their names. The same seed gives the same split.
    /// Throws `DataError(file: source, ...)` when the fraction is outside (0, 1) or there are fewer
    /// than two systems (frames) to split.
    public init(_ dataset: Dataset, validationFraction: Double, mode: SplitMode, seed: UInt64,
                source: String = "dataset") throws {
        guard validationFraction > 0, validationFraction < 1 else {
            throw DataError(file: source, "validation fraction \(validationFraction) must lie strictly between 0 and 1")
        }
        let units: [(system: Int, frame: Int?)]
        switch mode {
        case .bySystem:
            units = dataset.systems.indices.map { ($0, nil) }
        case .byFrame:
            units = dataset.systems.indices.flatMap { s in dataset.systems[s].frames.indices.map { (s, $0) } }
        }
        guard units.count >= 2 else {
            let what = mode == .bySystem ? "system" : "frame"
            throw DataError(file: source, "cannot split \(units.count) \(what)(s) by \(mode.rawValue): need at least 2"
                + (mode == .bySystem ? " (try splitting by frame)" : ""))
        }
        let wanted = Int((validationFraction * Double(units.count)).rounded())
        let count = min(max(wanted, 1), units.count - 1)
        let chosen = Set(RandomSource(seed: seed).permutation(units.count).prefix(count))
        var train: [AtomSystem] = []
        var validation: [AtomSystem] = []
        var offset = 0  // index of the system's first frame among the frame units
        for (s, system) in dataset.systems.enumerated() {
            var kept: [Frame] = []
            var held: [Frame] = []
            for (f, frame) in system.frames.enumerated() {
                let unit = mode == .bySystem ? s : offset + f
                if chosen.contains(unit) { held.append(frame) } else { kept.append(frame) }
            }
            offset += system.frames.count
            if !kept.isEmpty { train.append(AtomSystem(name: system.name, frames: kept)) }
            if !held.isEmpty { validation.append(AtomSystem(name: system.name, frames: held)) }
        }
        self.train = Dataset(typeMap: dataset.typeMap, systems: train)
        self.validation = Dataset(typeMap: dataset.typeMap, systems: validation)
    }
}
