import COpenBLAS
import Foundation

/// Allocator settings for tensor workloads.
///
/// glibc serves large blocks (above a dynamic threshold of at most 32 MB) with fresh `mmap`s and
/// returns them on `free`, so every large temporary is zeroed page by page by the kernel on first
/// touch: profiling a training step showed about a third of the time in page faults. Keeping
/// large blocks on the heap (and not trimming it) lets freed tensors be reused. Peak memory is
/// unchanged; the process just keeps its high-water mark. One arena for all threads: a second
/// thread's arena grows in separately mapped heaps that glibc trims and refaults (measured with
/// `perf stat` on a 2-thread water step: 27% more page faults than 1 thread; with one arena the
/// same count as 1 thread). Small blocks still come from each thread's cache without the lock.
public enum MemoryTuning {
    nonisolated(unsafe) static var configured = false

    /// Applies the settings once per process (call before heavy work; idempotent). Setting the
    /// environment variable `SYMLAB_MALLOC_DEFAULT=1` keeps glibc's defaults (for A/B timing).
    public static func configure() {
        #if canImport(Glibc)
        guard !configured else { return }
        configured = true
        guard ProcessInfo.processInfo.environment["SYMLAB_MALLOC_DEFAULT"] == nil else { return }
        _ = mallopt(M_MMAP_THRESHOLD, 1 << 30)
        _ = mallopt(M_TRIM_THRESHOLD, Int32.max)
        _ = mallopt(M_ARENA_MAX, 1)
        #endif
    }
}
