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

    /// Splits `0..<count` into at most `threads` contiguous ranges of near-equal size, none
    /// smaller than `minimum` elements (so tiny inputs stay in one piece).
    public static func ranges(_ count: Int, minimum: Int = 1) -> [Range<Int>] {
        let pieces = max(1, min(threads, count / max(minimum, 1)))
        return (0..<pieces).map { p in (count * p / pieces)..<(count * (p + 1) / pieces) }
    }

    /// `body(i)` for every `i` in `0..<count`, on up to `threads` cores; results in index order.
    /// OpenBLAS runs single-threaded inside; its setting is restored afterwards.
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let blas = BLASInfo.threads
        BLASInfo.setThreads(1)
        defer { BLASInfo.setThreads(blas) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer { results.deinitialize(); results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: count) { i in results[i] = body(i) }
        return results.map { $0! }
    }
}
