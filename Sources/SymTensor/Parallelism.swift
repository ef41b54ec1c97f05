import Dispatch
import Foundation

/// How many cores SymLab's own work uses, and a deterministic way to split work among them.
///
/// A model evaluation is split into independent pieces (blocks of centre atoms, each with its own
/// autodiff tape) that run on `threads` cores at once; OpenBLAS runs one thread inside each piece,
/// since the matrix products of one piece are too thin for OpenBLAS's own threading to pay off
/// (measured: a 2-thread OpenBLAS step was no faster than a 1-thread one). The split depends
/// only on `threads` and the work size, never on timing, so results are reproducible for a given
/// thread count; different thread counts sum in a different order (differences of a few ulp).
public enum Parallelism {
    nonisolated(unsafe) private static var configured = 1

    /// Cores used for model evaluation and training steps (default 1).
    public static var threads: Int { configured }

    /// Sets the core count (`0` = every core of this machine) and OpenBLAS's thread count outside
    /// parallel sections to the same number.
    public static func setThreads(_ n: Int) {
        configured = n > 0 ? n : ProcessInfo.processInfo.activeProcessorCount
        BLASInfo.setThreads(configured)
    }

    /// Splits `0..<count` into contiguous ranges of near-equal size: one per thread, none smaller
    /// than `minimum` elements (tiny inputs stay in one piece), and more when pieces would exceed
    /// `maximum` elements (bounding the memory of one piece).
    public static func ranges(_ count: Int, minimum: Int = 1, maximum: Int = .max) -> [Range<Int>] {
        let limit = max(maximum, 1)
        let wanted = min(threads, count / max(minimum, 1)), needed = count / limit + (count % limit == 0 ? 0 : 1)
        let pieces = max(1, wanted, needed)
        return (0..<pieces).map { p in (count * p / pieces)..<(count * (p + 1) / pieces) }
    }

    /// `body(i)` for every `i` in `0..<count` on up to `threads` cores (worker w takes w, w + T, …);
    /// results in index order. With several workers OpenBLAS runs single-threaded inside; its
    /// setting is restored afterwards.
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        let workers = min(threads, count)
        guard workers > 1 else { return (0..<count).map(body) }
        let blas = BLASInfo.threads
        BLASInfo.setThreads(1)
        defer { BLASInfo.setThreads(blas) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: count, by: workers) { results[i] = body(i) }
        }
        return results.map { $0! }
    }
}
