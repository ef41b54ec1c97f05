import CGSL

/// The one place SymLab configures GSL. Every SymAtoms type that calls GSL (random streams, dense
/// linear algebra, statistics), and SymModel code calling GSL directly, call
/// `disableAbortOnError()` before their first GSL call.
public enum GSLSupport {
    /// GSL's default error handler aborts the process (e.g. on a singular matrix); SymLab checks
    /// return codes instead. Evaluated once, thread-safely (a lazily initialised `static let`).
    private static let errorHandlerOff: Void = { gsl_set_error_handler_off() }()

    /// Turns GSL's abort-on-error handler off (`gsl_set_error_handler_off`), once per process;
    /// later calls cost one atomic check. GSL functions then report errors only by return code.
    public static func disableAbortOnError() {
        _ = errorHandlerOff
    }
}
