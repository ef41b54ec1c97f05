import Foundation
import SymAtoms
import SymExperiment
import SymModel
import SymTrain

/// What every harness checks besides "no trap, no hang": a reader either returns or throws its
/// documented error type, whose text names the input and is one line per problem. A violation
/// calls `fatalError`, which libFuzzer reports as a crash with the input that caused it.
public enum Fuzz {
    /// A scratch folder of this process for readers that take a path: $SYMLAB_FUZZ_SCRATCH
    /// (scripts/fuzz.sh sets it and removes it after the run, also after a crash), else one on
    /// tmpfs (/dev/shm) when there is one, so that writing the input costs no disk I/O.
    public static let scratch: String = {
        let root = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = ProcessInfo.processInfo.environment["SYMLAB_FUZZ_SCRATCH"]
            ?? "\(root)/symlab-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: path)
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            fatalError("fuzz harness: cannot create the scratch folder \(path): \(error)")
        }
        atexit { try? FileManager.default.removeItem(atPath: Fuzz.scratch) }
        return path
    }()

    /// The input as an array.
    public static func bytes(_ data: UnsafePointer<UInt8>, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The input as text, or nil when it is not UTF-8 (the readers' file loaders refuse such files
    /// before parsing, with their own error).
    public static func text(_ data: UnsafePointer<UInt8>, _ size: Int) -> String? {
        String(bytes: UnsafeBufferPointer(start: data, count: size), encoding: .utf8)
    }

    /// Writes `bytes` to `path` (creating folders), or stops the harness.
    public static func write(_ bytes: [UInt8], to path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            fatalError("fuzz harness: cannot write \(path): \(error)")
        }
    }

    /// Runs `read`; a thrown error must satisfy `check(_:source:)`.
    public static func expectReadOrError(source: String, _ read: () throws -> Void) {
        do { try read() } catch { check(error, source: source) }
    }

    /// The error contract of the readers: a `DataError` or `InteropError` naming a file at or under
    /// `source`, or the `ConfigErrors` / `SuiteErrors` of `source`, each problem on one line.
    /// Anything else (a bare `ConfigError`, a Foundation error, another message) is a harness failure.
    public static func check(_ error: any Error, source: String) {
        switch error {
        case let e as DataError:
            require(e.file.hasPrefix(source), "DataError names '\(e.file)', not the input \(source)", error)
            requireOneLine(e.description, error)
        case let e as InteropError:
            require(e.file.hasPrefix(source), "InteropError names '\(e.file)', not the input \(source)", error)
            requireOneLine(e.description, error)
        case let e as ConfigErrors:
            require(e.source == source, "ConfigErrors of '\(e.source)', not the input \(source)", error)
            require(!e.errors.isEmpty, "ConfigErrors without a problem", error)
            for problem in e.errors { requireOneLine(problem.description, error) }
        case let e as SuiteErrors:
            require(e.source == source, "SuiteErrors of '\(e.source)', not the input \(source)", error)
            require(!e.problems.isEmpty, "SuiteErrors without a problem", error)
            for problem in e.problems { requireOneLine(problem, error) }
        default:
            fatalError("fuzz harness: unexpected error type \(type(of: error)): \(error)")
        }
    }

    /// One line: no line feed, carriage return or other vertical break.
    public static func requireOneLine(_ text: String, _ error: any Error) {
        require(!text.contains(where: \.isNewline), "message is not one line", error)
    }

    static func require(_ condition: Bool, _ what: String, _ error: any Error) {
        if !condition { fatalError("fuzz harness: \(what): \(String(reflecting: error))") }
    }
}

/// A DeePMD system folder packed into one fuzz input, so that libFuzzer mutates every file of the
/// folder and their agreement (atom counts, frame counts, sets, type maps) together:
///
///     flags byte, then the files' contents in `files` order, separated by `separator`
///
/// An empty part means "file absent" (`nopbc`: any content means present). Flags bit 0: read with
/// the type map [O, H, Si] given (remapping by element name) instead of the folder's own.
/// Fuzz/Seeds/make-seeds.py writes seeds in this format from the repository's data.
public enum DeePMDContainer {
    /// Separates the parts (does not occur in the seeds' files).
    public static let separator = Array("\n--8<-- next file --8<--\n".utf8)
    /// The files, in packing order.
    public static let files = ["type.raw", "type_map.raw", "nopbc"]
        + ["set.000", "set.001"].flatMap { set in ["coord", "box", "energy", "force", "virial"].map { "\(set)/\($0).npy" } }
    /// The type map passed to the reader when flags bit 0 is set.
    public static let givenTypeMap = ["O", "H", "Si"]

    /// The flags and the parts of `input` (at most `files.count`; missing parts are absent files).
    public static func unpack(_ input: [UInt8]) -> (flags: UInt8, parts: [[UInt8]]) {
        guard let flags = input.first else { return (0, []) }
        var parts: [[UInt8]] = [], start = 1, i = 1
        let s = separator
        while i + s.count <= input.count, parts.count < files.count - 1 {
            if input[i] == s[0] && Array(input[i..<(i + s.count)]) == s {
                parts.append(Array(input[start..<i]))
                i += s.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(Array(input[start...]))
        return (flags, parts)
    }

    /// Writes the folder for `parts` at `folder` (replacing what was there).
    public static func write(_ parts: [[UInt8]], to folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
        for (name, content) in zip(files, parts) where !content.isEmpty {
            Fuzz.write(name == "nopbc" ? [] : content, to: "\(folder)/\(name)")
        }
        // A folder without any part still exists (an empty system folder is an input too).
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }
}

/// The folder suites are fuzzed in: the base configs of the repository's experiments (copied
/// from experiments/) and empty data folders of the paths they name, so that a valid suite
/// resolves and expands completely.
public enum SuiteFolder {
    /// The repository root (three levels above this file).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The folder, created on first use.
    public static let path: String = {
        let folder = Fuzz.scratch + "/suite"
        for name in ["silicon-sw.yaml", "water-se_e2_a.yaml", "water-dpa1.yaml"] {
            guard let text = FileManager.default.contents(atPath: "\(repository)/experiments/\(name)") else {
                fatalError("fuzz harness: \(repository)/experiments/\(name) not found")
            }
            Fuzz.write([UInt8](text), to: "\(folder)/\(name)")
            if name == "silicon-sw.yaml" { Fuzz.write([UInt8](text), to: "\(folder)/base.yaml") }
        }
        for data in ["data/silicon-sw", "data/silicon-sw-test"] + (0..<4).map({ "data/water-dft/data_\($0)" }) {
            try? FileManager.default.createDirectory(atPath: "\(folder)/\(data)", withIntermediateDirectories: true)
        }
        return folder
    }()
}

/// A checkpoint packed into one fuzz input, so that libFuzzer's mutations of a binary checkpoint's
/// header and tensor table get past the sizes and checksum of its prefix:
///
///     mode byte, then: mode bit 0 clear: the file's bytes as they are (any version, any prefix);
///                      mode bit 0 set: the header JSON, a NUL byte, the tensor data
///
/// In the second mode `file(for:)` pads the header with spaces and writes the 40-byte prefix
/// (magic, version 2, sizes, checksum) to match, as `Checkpoint.write` does. JSON holds no raw NUL,
/// so the first NUL ends the header. Fuzz/Seeds/make-seeds.py writes seeds in both modes.
public enum CheckpointContainer {
    /// The bytes of the checkpoint file for `input`.
    public static func file(for input: [UInt8]) -> [UInt8] {
        guard let mode = input.first else { return [] }
        let rest = Array(input.dropFirst())
        guard mode & 1 == 1 else { return rest }
        let end = rest.firstIndex(of: 0) ?? rest.count
        let header = Array(rest[..<end]) + [UInt8](repeating: 0x20, count: (8 - end % 8) % 8)
        let body = header + (end < rest.count ? Array(rest[(end + 1)...]) : [])
        let sum = body.withUnsafeBytes { Checkpoint.checksum($0) }
        let words = [2, UInt64(header.count), UInt64(body.count - header.count), sum]
            .flatMap { w in (0..<8).map { UInt8(truncatingIfNeeded: w >> (8 * UInt64($0))) } }
        return Array("SYMLABCK".utf8) + words + body
    }
}
