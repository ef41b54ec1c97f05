/// What a report is made of: the plan's runs in order, each with its stored result if it has
/// one. Reports are pure functions of this value.
public struct ResultTable: Equatable, Sendable {
    public var plan: SuitePlan
    /// One row per planned run, in plan order.
    public var rows: [Row]
    /// Results in the store that belong to no run of this plan (an edited suite); not reported.
    public var orphanResults: Int

    public struct Row: Equatable, Sendable {
        public var run: PlannedRun
        public var result: RunResult?
        /// The ok result, if the run finished.
        public var ok: RunResult? { result?.status == .ok ? result : nil }
    }

    public init(plan: SuitePlan, results: [String: RunResult]) {
        self.plan = plan
        rows = plan.runs.map { Row(run: $0, result: results[$0.id]) }
        let planned = Set(plan.runs.map(\.id))
        orphanResults = results.keys.filter { !planned.contains($0) }.count
    }

    /// The table of a run folder.
    /// - Throws: `StoreError` when the folder holds no plan.
    public static func load(_ store: ResultStore) throws -> ResultTable {
        ResultTable(plan: try store.readPlan(), results: store.allResults())
    }

    /// Dataset labels in plan order.
    public var datasets: [String] { unique(rows.map(\.run.dataset)) }
    /// Variant labels in plan order.
    public var variants: [String] { unique(rows.map(\.run.variant)) }
    /// Seeds in plan order.
    public var seeds: [UInt64] { unique(rows.map(\.run.seed)) }

    /// Rows of one variant on one dataset.
    public func rows(variant: String, dataset: String) -> [Row] {
        rows.filter { $0.run.variant == variant && $0.run.dataset == dataset }
    }

    /// A copy without machine-dependent numbers (timings, wall and CPU times, provenance), for
    /// comparing the reports of two executions of the same suite.
    public var withoutTimings: ResultTable {
        var copy = self
        for i in copy.rows.indices where copy.rows[i].result != nil {
            copy.rows[i].result!.metrics.trainingMsPerStep = nil
            copy.rows[i].result!.metrics.inferenceMicrosecondsPerAtom = nil
            copy.rows[i].result!.wallSeconds = 0
            copy.rows[i].result!.cpuSeconds = 0
            copy.rows[i].result!.provenance = [:]
        }
        return copy
    }
}

func unique<T: Hashable>(_ items: [T]) -> [T] {
    var seen = Set<T>()
    return items.filter { seen.insert($0).inserted }
}
