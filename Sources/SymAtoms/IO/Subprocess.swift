import Foundation

/// Runs a program to completion and returns its exit and output. Output goes through temporary
/// files, not pipes: Foundation's `FileHandle.readDataToEndOfFile` traps when a read is
/// interrupted by a signal (EINTR), which happens when other child processes end meanwhile.
public enum Subprocess {
    /// How a program ended.
    public struct Result: Sendable {
        /// Exit status, or the signal number when `signalled`.
        public var status: Int32
        /// Ended by a signal.
        public var signalled: Bool
        public var standardOutput: String
        public var standardError: String
    }

    /// Runs `executable` (a path, or a name looked up on PATH through /usr/bin/env) with
    /// `arguments` in `directory`.
    /// - Throws: `DataError` when the program cannot be started.
    public static func run(_ executable: String, _ arguments: [String], directory: String? = nil,
                           environment: [String: String]? = nil) throws -> Result {
        let files = (0..<2).map { _ in FileManager.default.temporaryDirectory.appendingPathComponent("symlab-\(UUID().uuidString).out") }
        defer { for f in files { try? FileManager.default.removeItem(at: f) } }
        for f in files { _ = FileManager.default.createFile(atPath: f.path, contents: nil) }
        let handles = try files.map { try FileHandle(forWritingTo: $0) }
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        process.standardOutput = handles[0]
        process.standardError = handles[1]
        do { try process.run() } catch { throw DataError(file: executable, "cannot start (\(AtomicFile.reason(error)))") }
        process.waitUntilExit()
        for h in handles { try? h.close() }
        let text = files.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      standardOutput: text[0], standardError: text[1])
    }
}
