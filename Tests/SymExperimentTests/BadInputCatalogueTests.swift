import Foundation
import SymAtoms
import Testing
@testable import SymExperiment
@testable import SymTrain

/// The catalogue of bad inputs: each case runs the `symlab` binary on a broken suite, config,
/// dataset, model file, checkpoint, fixture or command line, and must exit non-zero (not by a
/// signal) with a line that names the file or key path (`where`) and says what is wrong
/// (`phrase`), without a Swift runtime trap. Adding a case is one line.
@Suite("Bad inputs: one clear line each, never a trap")
struct BadInputCatalogueTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var setup: @Sendable (String) throws -> Void
        var phrase: String
        var location: String
        var testDescription: String { arguments.joined(separator: " ") + " → " + phrase }
    }

    /// A good training config on the fixture data, with `edit` applied to its YAML text.
    static func config(_ edit: (String) -> String = { $0 }) -> String { edit(SuiteFixtures.base()) }

    static func file(_ name: String, _ text: String) -> @Sendable (String) throws -> Void {
        { dir in try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8) }
    }

    static func files(_ pairs: [(String, String)]) -> @Sendable (String) throws -> Void {
        { dir in for (name, text) in pairs { try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8) } }
    }

    /// A copy of the fixture dataset as `dir/data`, then `mutate(its system folder)`.
    static func data(_ mutate: @escaping @Sendable (String) throws -> Void) -> @Sendable (String) throws -> Void {
        { dir in
            try FileManager.default.copyItem(atPath: SuiteFixtures.data, toPath: dir + "/data")
            let system = try #require(try FileManager.default.contentsOfDirectory(atPath: dir + "/data").first)
            try mutate(dir + "/data/" + system)
            try config { $0.replacingOccurrences(of: SuiteFixtures.data, with: "data") }
                .write(toFile: dir + "/train.yaml", atomically: true, encoding: .utf8)
        }
    }

    static func bytes(_ path: String, _ change: (inout [UInt8]) -> Void) throws {
        var b = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        change(&b)
        try Data(b).write(to: URL(fileURLWithPath: path))
    }

    static func suite(_ body: String) -> @Sendable (String) throws -> Void {
        files([("base.yaml", config()), ("s.yaml", body)])
    }

    static func train(_ edit: @escaping (String) -> String) -> @Sendable (String) throws -> Void {
        file("c.yaml", config(edit))
    }

    static func replace(_ a: String, _ b: String) -> (String) -> String { { $0.replacingOccurrences(of: a, with: b) } }

    /// A run stopped after 4 steps, then `change` applied to the bytes of its binary checkpoint.
    static func checkpoint(_ change: @escaping @Sendable (inout [UInt8]) -> Void) -> @Sendable (String) throws -> Void {
        { dir in
            try train { $0 }(dir)
            _ = try SuiteExecutionTests.run(["train", "c.yaml", "-o", "out", "--stop-after", "4"], in: dir)
            try bytes(dir + "/out/checkpoint.bin", change)
        }
    }

    /// Drops the last tensor value of a binary checkpoint and rewrites prefix and checksum to
    /// match, so that only the header's tensor table disagrees with the data.
    @Sendable static func dropLastValueKeepingTheChecksum(_ b: inout [UInt8]) {
        b.removeLast(8)
        func put(_ value: UInt64, at offset: Int) { for k in 0..<8 { b[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) } }
        put(UInt64(b.count - 40) - b[16..<24].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, at: 24)
        put(b[40...].withUnsafeBytes { CheckpointBinary.checksum($0) }, at: 32)
    }

    static let model = #"{"type":"deeppot","formatVersion":1,"config":{"type_map":["Si"]}}"#

    /// The fixture config trained for one step into `out/model.json`.
    static let trained: @Sendable (String) throws -> Void = { dir in
        try train { $0 }(dir)
        _ = try SuiteExecutionTests.run(["train", "c.yaml", "-o", "out", "--steps", "1"], in: dir)
    }

    static let cases: [Case] = [
        // Suite specs (symlab run).
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nvariant: []\n"), phrase: "Did you mean 'variants'?", location: "[at `variant`]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("grid: {training.seed: [1]}\n"), phrase: "is required", location: "[at `base`]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: other.yaml\n"), phrase: "cannot read the training config", location: "other.yaml"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\ngrid: {model.descriptor.rotation: [gram-dens]}\n"), phrase: "Did you mean 'gram-dense'?", location: "grid.model.descriptor.rotation[0]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\ngrid: {model.descriptor.rotaton: [gram-dense]}\n"), phrase: "Did you mean 'rotation'?", location: "[at `model.descriptor.rotaton`]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nvariants: [{training.steps: 3}]\n"), phrase: "needs a `name`", location: "[at `variants[0]`]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nvariants: [{name: a}, {name: a}]\n"), phrase: "'a' is used twice", location: "variants[1].name"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nvariants: [{name: se}]\nbaseline: sa\n"), phrase: "unknown variant 'sa'", location: "[at `baseline`]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\ngrid: {training.seed: 3}\n"), phrase: "expected a non-empty list", location: "grid.training.seed"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nmetrics: [symetry]\n"), phrase: "Did you mean 'symmetry'?", location: "metrics[0]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nmetrics: [test]\n"), phrase: "has no `test` data", location: "[at `metrics`]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nprimary_metric: validation.force_rmes\n"), phrase: "Did you mean 'validation.force_rmse'?", location: "primary_metric"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nresources: {threads: 0}\n"), phrase: "must be >= 1, got 0", location: "resources.threads"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nvariants: [{name: a}, {name: b, training.seed: 1}]\n"), phrase: "resolve to the same config", location: "runs 1"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: [1\n"), phrase: "not valid YAML", location: "s.yaml"),
        Case(arguments: ["run", "nothere.yaml"], setup: { _ in }, phrase: "cannot read the suite file", location: "nothere.yaml"),
        Case(arguments: ["run", "s.yaml", "--set", "training.steps"], setup: suite("base: base.yaml\n"), phrase: "is not key=value", location: "--set"),
        Case(arguments: ["run", "s.yaml", "--set", "training.stepz=3"], setup: suite("base: base.yaml\n"), phrase: "Did you mean 'steps'?", location: "--set training.stepz"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\ngrid: {model.descriptor.rotation: [gram-dense]}\nbaseline: {model.descriptor.rotation: gram-factored}\n"), phrase: "is not in the grid", location: "baseline.model.descriptor.rotation"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\ntest: [data/none]\n"), phrase: "no such file or folder 'data/none'", location: "[at `test[0]`]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nset: {data.train: [nowhere]}\n"), phrase: "no such file or folder 'nowhere'", location: "[at `data.train[0]`]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nresources: {slurm_options: [account=x]}\n"), phrase: "expected an sbatch option", location: "resources.slurm_options[0]"),
        // Training configs (symlab train).
        Case(arguments: ["train", "c.yaml"], setup: train(replace("rcut: 4.0", "rcutt: 4.0")), phrase: "Did you mean 'rcut'?", location: "[at `model.descriptor.rcutt`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("rcut: 4.0", "rcut: -4.0")), phrase: "must be > 0", location: "[at `model.descriptor.rcut`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("rcut_smth: 1.0", "rcut_smth: 5.0")), phrase: "rcut_smth < rcut", location: "[at `model.descriptor.rcut_smth`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("sel: [24]", "sel: [24, 3]")), phrase: "needs one entry per type", location: "[at `model.descriptor.sel`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("axis_neuron: 4", "axis_neuron: 40")), phrase: "must be in 1...8", location: "[at `model.descriptor.axis_neuron`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("  type_map: [Si]\n", "")), phrase: "is required, e.g. [O, H]", location: "[at `model.type_map`]"),
        Case(arguments: ["train", "c.yaml"], setup: train { $0.replacingOccurrences(of: "  train: [\(SuiteFixtures.data)]\n", with: "") }, phrase: "is required", location: "[at `data.train`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("stat_frames: 4", "stat_frames: 4\n  batch_size: big")), phrase: "expected a positive integer, \"auto\" or \"auto:K\"", location: "[at `data.batch_size`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("stat_frames: 4", "stat_frames: 4\n  overflow: ignore")), phrase: "unknown value 'ignore'", location: "[at `data.overflow`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("stop_lr: 0.0001", "stop_lr: 0.1")), phrase: "must be <= start_lr", location: "[at `learning_rate.stop_lr`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("mode: frame", "mode: random")), phrase: "unknown value 'random'", location: "[at `data.split.mode`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("rcut: 4.0", "rcut: six")), phrase: "expected a number, got 'six'", location: "[at `model.descriptor.rcut`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("steps: 12", "steps: 0")), phrase: "must be >= 1, got 0", location: "[at `training.steps`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("axis_neuron: 4}", "axis_neuron: 4, permutation: deepset-sum}")), phrase: "Did you mean 'deepsets-sum'?", location: "[at `model.descriptor.permutation`]"),
        Case(arguments: ["train", "c.yaml"], setup: file("c.yaml", "model: [\n"), phrase: "not valid YAML", location: "c.yaml"),
        Case(arguments: ["train", "absent.yaml"], setup: { _ in }, phrase: "cannot read the config file", location: "absent.yaml"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("type_map: [Si]", "type_map: [C]")), phrase: "element 'Si' is not in the type map [C]", location: "type_map.raw"),
        Case(arguments: ["train", "c.yaml", "-o", "/proc/none/out"], setup: train { $0 }, phrase: "cannot create the output folder", location: "/proc/none/out"),
        // Variant options (in the training config, and as a suite's dotted keys).
        Case(arguments: ["train", "c.yaml"], setup: train(replace("axis_neuron: 4}", "axis_neuron: 4, permutation: {type: sab, head: 4}}")), phrase: "Did you mean 'heads'?", location: "[at `model.descriptor.permutation.head`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("axis_neuron: 4}", "axis_neuron: 4, permutation: {type: isab, inducing: 0}}")), phrase: "must be in 1...", location: "[at `model.descriptor.permutation.inducing`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("axis_neuron: 4}", "axis_neuron: 4, permutation: {type: sab, preset: tiny}}")), phrase: "unknown sab preset 'tiny'", location: "[at `model.descriptor.permutation.preset`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("axis_neuron: 4}", "axis_neuron: 4, permutation: {type: sab, heads: two}}")), phrase: "expected an integer, got 'two'", location: "[at `model.descriptor.permutation.heads`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("axis_neuron: 4}", "axis_neuron: 4, permutation: {type: sab, heads: 3}}")), phrase: "must be divisible by heads (3)", location: "[at `model.descriptor.permutation.width`]"),
        Case(arguments: ["train", "c.yaml"], setup: train(replace("axis_neuron: 4}", "axis_neuron: 4, permutation: {typ: sab}}")), phrase: "is required in the mapping form", location: "[at `model.descriptor.permutation.type`]"),
        Case(arguments: ["run", "s.yaml", "--dry-run"], setup: suite("base: base.yaml\nset: {model.descriptor.permutation: sab}\ngrid: {model.descriptor.permutation.heads: [2, 3]}\n"), phrase: "must be divisible by heads (3)", location: "grid.model.descriptor.permutation.heads[1]"),
        // Data (symlab train on a broken copy of the fixture data).
        Case(arguments: ["train", "train.yaml"], setup: data { try bytes($0 + "/set.000/coord.npy") { $0.removeLast(16) } }, phrase: "truncated data", location: "coord.npy"),
        Case(arguments: ["train", "train.yaml"], setup: data { try bytes($0 + "/set.000/force.npy") { $0[1] = 0x4D } }, phrase: "not a .npy file", location: "force.npy"),
        Case(arguments: ["train", "train.yaml"], setup: data { try bytes($0 + "/set.000/energy.npy") { b in
            if let i = (0..<(b.count - 2)).first(where: { b[$0] == 0x3C && b[$0 + 1] == 0x66 }) { b[i] = 0x3E } } }, phrase: "big-endian dtype", location: "energy.npy"),
        Case(arguments: ["train", "train.yaml"], setup: data { try FileManager.default.removeItem(atPath: $0 + "/type.raw") }, phrase: "no type.raw", location: "data"),
        Case(arguments: ["train", "train.yaml"], setup: data { try String(repeating: "5\n", count: 8).write(toFile: $0 + "/type.raw", atomically: true, encoding: .utf8) }, phrase: "outside type_map.raw", location: "type.raw"),
        Case(arguments: ["train", "train.yaml"], setup: data { try FileManager.default.removeItem(atPath: $0 + "/set.000/coord.npy") }, phrase: "every set needs coord.npy", location: "coord.npy"),
        Case(arguments: ["train", "train.yaml"], setup: data { try FileManager.default.copyItem(atPath: $0 + "/set.000/energy.npy", toPath: $0 + "/set.000/force.npy.tmp")
            try FileManager.default.removeItem(atPath: $0 + "/set.000/force.npy")
            try FileManager.default.moveItem(atPath: $0 + "/set.000/force.npy.tmp", toPath: $0 + "/set.000/force.npy") }, phrase: "force", location: "force.npy"),
        Case(arguments: ["train", "train.yaml"], setup: data { try FileManager.default.removeItem(atPath: $0 + "/set.000/box.npy") }, phrase: "add an empty 'nopbc' file", location: "box.npy"),
        Case(arguments: ["data", "inspect", "x.xyz", "--rcut", "3"], setup: file("x.xyz", "x\n\n"), phrase: "expected a count line", location: "x.xyz: line 1"),
        Case(arguments: ["data", "inspect", "x.xyz", "--rcut", "3"], setup: file("x.xyz", "1\nProperties=species:S:1:pos:R:3 pbc=\"T T T\"\nSi 0 0 0\n"), phrase: "without a Lattice", location: "x.xyz: line 2"),
        Case(arguments: ["data", "inspect", "x.xyz", "--rcut", "3"], setup: file("x.xyz", "1\nProperties=species:S:1:pos:R:3\nSi 0 0 x\n"), phrase: "'x' is not a number", location: "x.xyz: line 3"),
        Case(arguments: ["data", "inspect", "x.xyz", "--rcut", "3"], setup: file("x.xyz", "2\nProperties=species:S:1:pos:R:3\nSi 0 0 0\n"), phrase: "missing columns", location: "x.xyz: line 4"),
        Case(arguments: ["data", "inspect", "nowhere", "--rcut", "3"], setup: { _ in }, phrase: "folder not found", location: "nowhere"),
        // Model files (symlab test --model).
        Case(arguments: ["test", "--model", "m.json", "--data", "data"], setup: data { _ in }, phrase: "cannot read", location: "m.json"),
        Case(arguments: ["test", "--model", "m.json", "--data", "data"], setup: { dir in try data { _ in }(dir); try file("m.json", "hello")(dir) }, phrase: "not a SymLab model file", location: "m.json"),
        Case(arguments: ["test", "--model", "m.json", "--data", "data"], setup: { dir in try data { _ in }(dir); try file("m.json", #"{"type": "mace", "formatVersion": 1}"#)(dir) }, phrase: "model type 'mace' not supported", location: "m.json"),
        Case(arguments: ["test", "--model", "m.json", "--data", "data"], setup: { dir in try data { _ in }(dir); try file("m.json", #"{"type": "deeppot", "formatVersion": 9}"#)(dir) }, phrase: "format version 9 not supported", location: "m.json"),
        Case(arguments: ["test", "--model", "m.json", "--data", "data"], setup: { dir in try data { _ in }(dir); try file("m.json", model)(dir) }, phrase: "malformed model file", location: "m.json"),
        // Compressed models (symlab compress; symlab train refuses a tabulated embedding).
        Case(arguments: ["train", "c.yaml"], setup: train(replace("axis_neuron: 4}", "axis_neuron: 4, embedding: tabulated}")), phrase: "cannot be trained", location: "[at `model.descriptor.embedding`]"),
        Case(arguments: ["compress", "out/model.json", "-o", "z.json"], setup: trained, phrase: "pass the training data with --data", location: "out/model.json"),
        Case(arguments: ["compress", "out/model.json", "-o", "z.json", "--min-distance", "9"], setup: trained, phrase: "must be in (0, rcut = 4.0) Å, got 9.0", location: "out/model.json"),
        Case(arguments: ["compress", "out/model.json", "-o", "z.json", "--min-distance", "0"], setup: trained, phrase: "--min-distance must be a positive distance", location: "symlab compress --help"),
        Case(arguments: ["compress", "m.json", "-o", "z.json", "--min-distance", "1"], setup: file("m.json", "hello"), phrase: "not a SymLab model file", location: "m.json"),
        // Checkpoints (symlab train --resume).
        Case(arguments: ["train", "c.yaml", "-o", "out", "--resume"], setup: { dir in try train { $0 }(dir)
            try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
            try file("out/checkpoint.json", "garbage")(dir) }, phrase: "not a SymLab checkpoint", location: "checkpoint.json"),
        Case(arguments: ["train", "c.yaml", "-o", "out", "--resume"], setup: { dir in try train { $0 }(dir)
            try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
            try file("out/checkpoint.json", #"{"type": "symlab-checkpoint", "version": 7}"#)(dir) }, phrase: "checkpoint version 7 not supported", location: "checkpoint.json"),
        Case(arguments: ["train", "c.yaml", "-o", "out", "--resume"], setup: checkpoint { $0.removeLast($0.count / 2) }, phrase: "truncated checkpoint", location: "checkpoint.bin"),
        Case(arguments: ["train", "c.yaml", "-o", "out", "--resume"], setup: checkpoint { $0[$0.count - 100] ^= 1 }, phrase: "damaged checkpoint: checksum mismatch", location: "checkpoint.bin"),
        Case(arguments: ["train", "c.yaml", "-o", "out", "--resume"], setup: checkpoint(dropLastValueKeepingTheChecksum), phrase: "header and data sizes disagree", location: "checkpoint.bin"),
        Case(arguments: ["train", "c.yaml", "-o", "out", "--resume"], setup: checkpoint { $0[8] = 9 }, phrase: "checkpoint version 9 not supported (supported: 1 (JSON), 2 (binary))", location: "checkpoint.bin"),
        Case(arguments: ["train", "c2.yaml", "-o", "out", "--resume"], setup: { dir in try train { $0 }(dir)
            try file("c2.yaml", config(replace("steps: 12", "steps: 13")))(dir)
            _ = try SuiteExecutionTests.run(["train", "c.yaml", "-o", "out", "--stop-after", "4"], in: dir) }, phrase: "was written by another configuration", location: "checkpoint.bin"),
        // Fixtures (symlab check --fixture).
        Case(arguments: ["check", "--fixture", "f.json"], setup: { _ in }, phrase: "cannot read (No such file or directory)", location: "f.json"),
        Case(arguments: ["check", "--fixture", "f.json"], setup: file("f.json", "x"), phrase: "not valid JSON", location: "f.json"),
        Case(arguments: ["check", "--fixture", "f.json"], setup: file("f.json", "{}"), phrase: "missing key 'fixture'", location: "f.json"),
        // Command lines and run folders.
        Case(arguments: ["run", "s.yaml", "--workers", "0"], setup: suite("base: base.yaml\n"), phrase: "--workers must be at least 1", location: "symlab run --help"),
        Case(arguments: ["run", "s.yaml", "--max-runs", "0"], setup: suite("base: base.yaml\n"), phrase: "--max-runs must be at least 1", location: "symlab run --help"),
        Case(arguments: ["train", "c.yaml", "--stop-after", "0"], setup: train { $0 }, phrase: "--stop-after must be a positive number", location: "symlab train --help"),
        Case(arguments: ["check", "gram-dens"], setup: { _ in }, phrase: "unknown variant 'gram-dens'", location: "Did you mean 'gram-dense'?"),
        Case(arguments: ["data", "inspect", "x", "--rcut=-1"], setup: { _ in }, phrase: "--rcut must be a positive number", location: "got -1.0"),
        Case(arguments: ["report", "."], setup: { _ in }, phrase: "no plan.json here", location: "."),
        Case(arguments: ["run", "s.yaml", "--executor", "cloud"], setup: suite("base: base.yaml\n"), phrase: "cloud", location: "--executor"),
        Case(arguments: ["run-one", "r", "abc"], setup: { dir in
            try FileManager.default.createDirectory(atPath: dir + "/r", withIntermediateDirectories: true)
            try file("r/plan.json", "{")(dir) }, phrase: "not a readable suite plan", location: "plan.json"),
        Case(arguments: ["train", "c.yaml", "--max-memory", "1M"], setup: train { $0 }, phrase: "more than the --max-memory limit of 1 MB", location: "this run (32 atoms per batch, 24 neighbour slots)"),
        Case(arguments: ["train", "c.yaml", "--max-memory", "lots"], setup: train { $0 }, phrase: "--max-memory takes a size", location: "'lots'"),
        Case(arguments: ["run", "s.yaml", "--max-memory", "5M", "-j", "2"], setup: suite("base: base.yaml\n"), phrase: "2 concurrent runs × about", location: "suite s"),
        Case(arguments: ["run", "s.yaml", "--executor", "slurm"], setup: suite("base: base.yaml\nresources: {memory: 2M}\n"), phrase: "more than the --max-memory limit of 2 MB", location: "resources.memory: 2M per array task"),
        Case(arguments: ["train", "c.yaml", "--replay-batches", "none.txt"], setup: train { $0 }, phrase: "cannot read the batch record", location: "none.txt"),
    ]

    @Test(arguments: cases)
    func badInputGetsOneClearLine(_ c: Case) throws {
        let dir = SuiteFixtures.folder("bad")
        try c.setup(dir)
        let r = try Subprocess.run(SuiteExecutionTests.symlab, c.arguments, directory: dir)
        let text = r.standardOutput + r.standardError
        #expect(!r.signalled, "killed by signal \(r.status): \(text)")
        #expect(r.status != 0, "exit status 0: \(text)")
        for trap in ["Fatal error", "Swift runtime failure", "Precondition failed", "Stack dump", "Illegal instruction"] {
            #expect(!text.contains(trap), "trapped: \(text)")
        }
        let line = text.split(separator: "\n").map(String.init).first { $0.contains(c.phrase) && $0.contains(c.location) }
        #expect(line != nil, "no line has both '\(c.phrase)' and '\(c.location)':\n\(text)")
    }

    @Test func theCatalogueIsLargeEnough() { #expect(Self.cases.count >= 60) }
}
