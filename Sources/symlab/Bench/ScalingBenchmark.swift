import CGSL
import Foundation
import SymAtoms
import SymModel
import SymTensor

/// Cost scaling with the neighbour count (`symlab bench --only scaling`): inference CPU time per
/// atom (E + F + virial on a prepared batch, one thread, median of the repeats), the forward time of the stage that
/// differs alone (no graph), and forward FLOPs per atom (model and stage), for models that differ
/// only in the rotation operator R_s (with deepsets-sum), and separately only in the permutation
/// encoder P_s (with gram-factored), at nnei = 16, 32, 64, 128, 256.
///
/// Structures: 64 atoms of one type on a jittered simple-cubic lattice at the density of water's
/// atoms (0.1 Å⁻³, spacing 2.15 Å, jitter ±0.3 Å), periodic. For nnei = N the cutoff is the radius
/// holding 1.2·N atoms on average and sel = [N] with drop-farthest, so every slot is filled (dense):
/// the rows differ only in N. Widths are DeePMD's water settings (embedding 25-50-100, M2 16,
/// fitting 240-240-240); stage options are the defaults (knn-sparse k 8, three-body-sparse r_in
/// 3.5 Å). Exponents are least-squares slopes of log(cost) against log(N) (GSL), over all points and
/// over N ≥ 64, where the terms of highest order dominate.
enum ScalingBenchmark {
    static let neighbourCounts = [16, 32, 64, 128, 256]
    static let density = 0.1, atomsPerEdge = 4

    /// One measured point.
    struct Point {
        var group: String, variant: String
        var nnei: Int, rcut: Double
        var microsecondsPerAtom: Double
        /// Forward time of the stage that differs alone (no graph), µs per atom.
        var stageMicrosecondsPerAtom: Double
        var flopsPerAtom: Double
        /// FLOPs of the stage that differs (R_s or P_s).
        var stageFlops: Double
    }

    /// The models of the two groups: (group, label, stage key, role).
    static func variants() -> [(group: String, key: String, role: VariantRegistry.Role)] {
        let rotations = VariantRegistry.keys(.rotation).map { ("R_s (P_s deepsets-sum)", $0, VariantRegistry.Role.rotation) }
        let encoders = ["deepsets-sum", "gated-attention", "sab", "isab"].filter { VariantRegistry.keys(.permutation).contains($0) }
            .map { ("P_s (R_s gram-factored)", $0, VariantRegistry.Role.permutation) }
        return rotations + encoders
    }

    /// The dense periodic structure (seeded).
    static func structure() -> Frame {
        let spacing = pow(1 / density, 1.0 / 3), n = atomsPerEdge, rng = RandomSource(seed: 12)
        var positions: [Double] = []
        for i in 0..<n { for j in 0..<n { for k in 0..<n {
            positions += [i, j, k].map { (Double($0) + 0.5) * spacing + 0.6 * (rng.uniform() - 0.5) }
        } } }
        let edge = Double(n) * spacing
        return Frame(types: [Int](repeating: 0, count: n * n * n), positions: positions, cell: [edge, 0, 0, 0, edge, 0, 0, 0, edge])
    }

    /// The cutoff whose sphere holds 1.2·N atoms at the structure's density.
    static func cutoff(_ nnei: Int) -> Double { pow(3 * 1.2 * Double(nnei) / (4 * Double.pi * density), 1.0 / 3) }

    static func config(_ key: String, _ role: VariantRegistry.Role, nnei: Int) -> ModelConfig {
        var c = ModelConfig(typeMap: ["X"])
        c.descriptor.rcut = cutoff(nnei)
        c.descriptor.rcutSmooth = 0.5
        c.descriptor.sel = [nnei]
        if role == .rotation { c.descriptor.rotation = key } else { c.descriptor.permutation = key }
        return c
    }

    /// Measures every point, printing progress to standard error.
    static func points(repeats: Int) throws -> [Point] {
        let frame = structure(), threads = BLASInfo.threads
        BLASInfo.setThreads(1)
        defer { BLASInfo.setThreads(threads) }
        var points: [Point] = []
        for (group, key, role) in variants() {
            for n in neighbourCounts {
                let model = try DeepPotModel(config: config(key, role, nnei: n))
                let batch = try model.batch(for: frame, overflow: .dropFarthest)
                let seconds = ScalingBenchmark.time(repeats: repeats) { _ = model.predict(batch) }
                let stageSeconds = GradMode.withoutGrad { () -> Double in
                    let set = model.neighbourSet(batch), pooled = model.pooled(set)
                    return role == .rotation ? ScalingBenchmark.time(repeats: repeats) { _ = model.rotated(pooled, set) }
                        : ScalingBenchmark.time(repeats: repeats) { _ = model.pooled(set) }
                }
                let stage = model.flopsPerAtomByStage.first { $0.stage == (role == .rotation ? "R_s " : "P_s ") + key }?.flops ?? .nan
                let atoms = Double(frame.atomCount)
                points.append(Point(group: group, variant: key, nnei: n, rcut: model.config.descriptor.rcut,
                                    microsecondsPerAtom: seconds / atoms * 1e6, stageMicrosecondsPerAtom: stageSeconds / atoms * 1e6,
                                    flopsPerAtom: model.flopsPerAtom, stageFlops: stage))
                print(String(format: "  %@ nnei %3d: %9.1f µs/atom (stage %.1f)", key, n, points.last!.microsecondsPerAtom,
                             points.last!.stageMicrosecondsPerAtom), to: &standardError)
            }
        }
        return points
    }

    /// Median CPU seconds of the calling thread over `repeats` runs of `body` (one warm-up run
    /// first). Thread CPU time (`CLOCK_THREAD_CPUTIME_ID`) with single-threaded BLAS, so that other
    /// processes on the machine lengthen the wall time but not the figure.
    static func time(repeats: Int, _ body: () -> Void) -> Double {
        func now() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
            return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
        }
        body()
        return (0..<repeats).map { _ in
            let start = now()
            body()
            return now() - start
        }.sorted().median
    }

    /// Least-squares slope of log y against log x (GSL `gsl_multifit_linear` on [1, log x]).
    static func logLogSlope(_ x: [Double], _ y: [Double]) -> Double {
        let n = x.count
        guard n >= 2 else { return .nan }
        let design = gsl_matrix_alloc(n, 2)!, values = gsl_vector_alloc(n)!, coefficients = gsl_vector_alloc(2)!
        let covariance = gsl_matrix_alloc(2, 2)!, work = gsl_multifit_linear_alloc(n, 2)!
        defer {
            gsl_matrix_free(design); gsl_vector_free(values); gsl_vector_free(coefficients)
            gsl_matrix_free(covariance); gsl_multifit_linear_free(work)
        }
        for i in 0..<n {
            gsl_matrix_set(design, i, 0, 1)
            gsl_matrix_set(design, i, 1, log(x[i]))
            gsl_vector_set(values, i, log(y[i]))
        }
        var chiSquared = 0.0
        guard gsl_multifit_linear(design, values, coefficients, covariance, &chiSquared, work) == GSL_SUCCESS else { return .nan }
        return gsl_vector_get(coefficients, 1)
    }

    /// One row per variant: model and stage times per atom, and fitted log-log exponents of the
    /// model time, the stage time, the model FLOPs and the stage FLOPs (all points, and N ≥ 64).
    static func summary(_ points: [Point]) -> String {
        var table = TextTable(header: ["group", "variant"] + neighbourCounts.map { "CPU µs/atom N=\($0)" }
                              + ["stage CPU µs/atom N=16…256", "exp. time (N≥64)", "exp. stage time (N≥64)", "exp. FLOPs (N≥64)",
                                 "exp. stage FLOPs (N≥64)"])
        for (group, key, _) in variants() {
            let p = points.filter { $0.group == group && $0.variant == key }.sorted { $0.nnei < $1.nnei }
            guard !p.isEmpty else { continue }
            let x = p.map { Double($0.nnei) }, upper = p.indices.filter { p[$0].nnei >= 64 }
            func slopes(_ y: [Double]) -> String {
                String(format: "%.2f (%.2f)", logLogSlope(x, y), logLogSlope(upper.map { x[$0] }, upper.map { y[$0] }))
            }
            table.rows.append([group, key] + p.map { String(format: "%.1f", $0.microsecondsPerAtom) }
                              + [p.map { String(format: "%.1f", $0.stageMicrosecondsPerAtom) }.joined(separator: " "),
                                 slopes(p.map(\.microsecondsPerAtom)), slopes(p.map(\.stageMicrosecondsPerAtom)),
                                 slopes(p.map(\.flopsPerAtom)), slopes(p.map(\.stageFlops))])
        }
        return table.render()
    }
}
