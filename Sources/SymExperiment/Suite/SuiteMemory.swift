import SymAtoms
import SymTrain

/// The memory check of a suite before it starts: the largest estimated peak over its runs.
public enum SuiteMemory {
    /// The largest `MemoryEstimate.trainingPeakBytes` over the plan's runs, and which run it is.
    /// Datasets are read once per distinct list of paths.
    /// - Throws: `DataError` for unreadable data, config errors for unbuildable models.
    public static func largestPeak(_ plan: SuitePlan) throws -> (bytes: Double, run: String) {
        var atoms: [[String]: Dataset] = [:], best = (bytes: 0.0, run: "no run")
        for run in plan.runs {
            let c = run.spec.training
            if atoms[c.data.train] == nil { atoms[c.data.train] = try DatasetReader.read(c.data.train, typeMap: c.model.typeMap) }
            let perBatch = MemoryEstimate.atomsPerBatch(c, data: atoms[c.data.train]!)
            let bytes = try MemoryEstimate.trainingPeakBytes(model: c.model, atomsPerBatch: perBatch)
            if bytes > best.bytes { best = (bytes, "its largest run, \(run.variant) with \(perBatch) atoms per batch") }
        }
        return best
    }
}
