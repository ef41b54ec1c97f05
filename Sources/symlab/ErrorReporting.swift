import ArgumentParser
import Foundation
import SymAtoms
import SymExperiment
import SymModel
import SymTrain

/// A problem with the user's files or values: printed as one line, without the usage text
/// (which belongs to malformed command lines only).
struct UserError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension SymLabCommand {
    /// Parses the command line and runs the command. Malformed command lines get
    /// argument-parser's message and usage; every other error is one `error:` line (a list for
    /// configuration files with several problems) and exit status 1.
    static func main() {
        // Past a file size limit (ulimit -f), writes fail with EFBIG and a clear error instead of
        // the process being killed by SIGXFSZ.
        signal(SIGXFSZ, SIG_IGN)
        var command: ParsableCommand
        do { command = try parseAsRoot() } catch { exit(withError: error) }
        do { try command.run() } catch let exit as ExitCode {
            Self.exit(withError: exit)
        } catch let error as ValidationError {
            let name = type(of: command).configuration.commandName ?? "symlab"
            report("\(error.message) (see `symlab \(name) --help`)")
        } catch {
            guard let line = describe(error) else { Self.exit(withError: error) }  // help requests and parser errors
            report(line)
        }
    }

    static func report(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Foundation.exit(1)
    }

    /// One line for an error of ours (they describe themselves with the file or key path) or a
    /// Foundation file error ("path: reason" instead of its NSError dump); nil for anything else.
    static func describe(_ error: Error) -> String? {
        switch error {
        case is UserError, is DataError, is ConfigError, is ConfigErrors, is SuiteErrors, is StoreError, is SlurmError,
             is PipelineError, is TrainingDiverged, is MemoryLimitError:
            return "\(error)"
        default:
            let ns = error as NSError
            guard ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain else { return nil }
            let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path ?? "file"
            return "\(path): \(AtomicFile.reason(error))"
        }
    }
}

/// A `--max-memory` value ("8G", "512M", "2.5GB").
func parseMemory(_ text: String) throws -> Double {
    guard let bytes = MemoryEstimate.parse(text) else {
        throw ValidationError("--max-memory takes a size such as 8G, 512M or 2.5GB, got '\(text)'")
    }
    return bytes
}
