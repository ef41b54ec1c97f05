import CGSL
import Foundation
import SymAtoms
import SymTensor

/// Where a result came from: code (git commit, dirty flag), build, machine and library versions.
public enum Provenance {
    /// Collects the provenance of this process, run from `directory` (the repository checkout).
    public static func collect(directory: String = FileManager.default.currentDirectoryPath) -> [String: String] {
        var p: [String: String] = [:]
        p["git_commit"] = run("git", ["-C", directory, "rev-parse", "HEAD"]) ?? "unknown"
        let status = run("git", ["-C", directory, "status", "--porcelain", "--untracked-files=no"])
        p["git_dirty"] = status.map { $0.isEmpty ? "false" : "true" } ?? "unknown"
        // `make build` records the commit the binary was built from next to it; the working tree's
        // HEAD (git_commit) may have moved on since.
        if let exe = Bundle.main.executableURL,
           let info = try? String(contentsOf: exe.appendingPathExtension("build-info"), encoding: .utf8) {
            for line in info.split(separator: "\n") {
                let kv = line.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2 { p[kv[0]] = kv[1] }
            }
        }
        #if DEBUG
        p["build"] = "debug"
        #else
        p["build"] = "release"
        #endif
        p["cpu"] = cpuModel()
        p["cores"] = String(ProcessInfo.processInfo.activeProcessorCount)
        p["memory_gib"] = String(format: "%.1f", Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824)
        p["host"] = ProcessInfo.processInfo.hostName
        p["os"] = ProcessInfo.processInfo.operatingSystemVersionString
        p["gsl"] = String(cString: cgsl_version())
        p["openblas"] = BLASInfo.config
        p["openblas_threads"] = String(BLASInfo.threads)
        p["threads"] = String(Parallelism.threads)
        #if compiler(>=6.3)
        p["swift"] = ">= 6.3"
        #else
        p["swift"] = "< 6.3"
        #endif
        p["date_utc"] = ISO8601DateFormatter().string(from: Date())
        // The 1-minute load average when the run started: timings taken on a busy machine are inflated.
        if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8).split(separator: " ").first {
            p["load_1m"] = String(load)
        }
        return p
    }

    static func cpuModel() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let value = line.split(separator: ":", maxSplits: 1).last else { return "unknown" }
        return value.trimmingCharacters(in: .whitespaces)
    }

    /// Output of a command, trimmed, or nil when it fails.
    static func run(_ tool: String, _ arguments: [String]) -> String? {
        guard let r = try? Subprocess.run(tool, arguments), !r.signalled, r.status == 0 else { return nil }
        return r.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
