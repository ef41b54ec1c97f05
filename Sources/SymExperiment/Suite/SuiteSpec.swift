import Foundation
import SymAtoms
import SymModel
import SymTrain
import Yams

/// Groups of metrics a suite measures for every run (validation errors are always measured).
public enum MetricGroup: String, CaseIterable, Codable, Sendable {
    /// Energy, force (and virial where labelled) MAE and RMSE on the validation frames.
    case validation
    /// The same on the suite's `test` data.
    case test
    /// Rotation, translation and permutation errors of the trained model (GSL-random transforms).
    case symmetry
    /// Trainable parameters and forward FLOPs per atom (the variants' cost functions).
    case cost
    /// Training ms per step (median) and inference µs per atom (E + F + virial).
    case timing
    /// Expressivity probes of the model config (`ExpressivityProbes`: what the descriptor
    /// separates, smallest P_s widths; the same for every seed). Opt-in: list it in `metrics`.
    case probes
    /// Opt-in: MD with the trained model, NVE energy drift and NVT time to failure (`md` settings).
    case stability
    /// Opt-in: RDF and bond-angle distribution from MD against Stillinger-Weber MD (silicon models).
    case structure

    /// Groups measured only when a suite lists them (probes are static; MD runs minutes per model).
    public var isOptIn: Bool { self == .probes || self == .stability || self == .structure }
    /// The groups measured when a suite lists none: all but the opt-in ones (and `test`
    /// without test data).
    public static func standard(withTest: Bool) -> [MetricGroup] { allCases.filter { !$0.isOptIn && (withTest || $0 != .test) } }
}

/// Compute resources of one run: threads locally and on SLURM, memory and time limit on SLURM.
public struct Resources: Codable, Equatable, Sendable {
    /// OpenBLAS threads per run (sets `training.threads`); local workers default to cores / threads.
    public var threads = 1
    /// SLURM `--mem` (e.g. "2G"); nil leaves the cluster's default.
    public var memory: String?
    /// SLURM `--time` (e.g. "01:00:00"); nil leaves the partition's default.
    public var time: String?
    /// SLURM `--partition`; nil for the default partition.
    public var partition: String?
    /// Further `#SBATCH` options, e.g. ["--account=abc"].
    public var slurmOptions: [String] = []
    public init() {}
}

/// How each trained model is evaluated (part of a run's resolved config, so part of its ID).
public struct EvaluationSettings: Codable, Equatable, Sendable {
    /// The metric groups measured.
    public var metrics: [MetricGroup] = MetricGroup.standard(withTest: false)
    /// Test systems (DeePMD folders or extxyz files), relative to the working directory.
    public var test: [String] = []
    /// Validation frames transformed for the symmetry errors.
    public var symmetryFrames = 2
    /// Seed of the GSL stream of the random rotations, translations and permutations.
    public var symmetrySeed: UInt64 = 2024
    /// Validation frames timed for inference, and repetitions (the median is kept).
    public var inferenceFrames = 2, inferenceRepeats = 3
    /// The MD protocol, when `metrics` has `stability` or `structure` (nil otherwise, so that it is
    /// not part of other suites' run IDs).
    public var md: MDEvaluationSettings?
    public init() {}
}

/// One named variant of a suite: dotted keys layered onto the base config.
public struct VariantSpec: Equatable {
    /// Display name.
    public var name: String
    /// Dotted key → value, in written order.
    public var settings: [Setting]
}

/// A dotted key with its YAML value, and where it was written (for error messages).
public struct Setting: Equatable {
    public var key: String
    public var value: Node
    public var origin: String
}

/// An ablation suite (experiments/*.yaml): a base training config, variants and a grid of dotted
/// keys, the baseline, the metrics and the resources per run. See docs/experiments.md.
///
///     name: default
///     base: silicon-sw.yaml            # a training config (relative to this file) or inline
///     set: {training.steps: 3000}      # dotted keys on top of the base
///     variants:                        # optional: named points, dotted keys each
///       - name: se_e2_a
///       - {name: dense Gram, model.descriptor.rotation: gram-dense}
///     grid: {training.seed: [1, 2, 3]} # cartesian product, applied to every variant
///     baseline: se_e2_a                # a variant name (default: the first variant)
///     metrics: [validation, test, symmetry, cost, timing]
///     test: [data/silicon-sw-test]
///     resources: {threads: 1, memory: 2G, time: "00:30:00"}
public struct SuiteSpec {
    /// Suite name (default: the file name without extension); names the run folder.
    public var name: String
    public var description: String
    /// The spec file.
    public var source: String
    /// Where the base config came from ("inline" or its path).
    public var baseSource: String
    /// The base training config as a YAML tree.
    public var base: Node
    /// Dotted keys applied to the base before any variant or grid point.
    public var settings: [Setting]
    /// Named variants (one unnamed empty variant when the spec has none).
    public var variants: [VariantSpec]
    /// Grid axes in written order: dotted key and its values.
    public var grid: [(key: String, values: [Node])]
    /// The baseline: a variant name, or dotted keys selecting the grid's baseline values.
    public var baselineName: String?
    public var baselineSettings: [Setting]
    /// Metric used for the headline comparison (see `MetricCatalogue`).
    public var primaryMetric: String
    public var evaluation: EvaluationSettings
    public var resources: Resources
    /// Whether the spec lists named variants.
    public var hasNamedVariants: Bool
    /// Problems found while reading; `SuitePlan.expand` reports them with its own, all at once.
    public var problems: [String]
}

extension SuiteSpec {
    static let topKeys = ["name", "description", "base", "set", "variants", "grid", "baseline", "metrics", "test",
                          "primary_metric", "resources", "evaluation", "md"]
    static let resourceKeys = ["threads", "memory", "time", "partition", "slurm_options"]
    static let evaluationKeys = ["symmetry_frames", "symmetry_seed", "inference_frames", "inference_repeats"]

    /// Reads a suite file.
    /// - Throws: `SuiteErrors` when the file cannot be read or is not YAML; other problems are
    ///   collected in `problems` and thrown by `SuitePlan.expand` with the grid's.
    public static func read(from path: String) throws -> SuiteSpec {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SuiteErrors(source: path, problems: ["cannot read the suite file (does it exist?)"])
        }
        return try parse(yaml: text, source: path)
    }

    /// Parses a suite; the base config file is looked up relative to the suite's folder.
    /// - Throws: `SuiteErrors` for text that is not YAML.
    public static func parse(yaml text: String, source: String) throws -> SuiteSpec {
        if let problem = YAMLNesting.problem(text) { throw SuiteErrors(source: source, problems: ["[at `<document>`] \(problem)"]) }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw SuiteErrors(source: source, problems: [YAMLReader.syntaxError(error)])
        }
        if let problem = YAMLReader.sizeProblem(root) { throw SuiteErrors(source: source, problems: ["[at `<document>`] \(problem)"]) }
        var r = YAMLReader()
        let top = r.mapping(root, [], keys: topKeys)
        var problems: [String] = []
        let stem = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        let name = r.string(top, "name", [], default: stem)
        if name.isEmpty || name.contains("/") { problems.append("[at `name`] must be a non-empty name without '/', got '\(name)'") }

        var baseSource = "inline", base = Node([(Node, Node)]())
        switch top["base"] {
        case .none: problems.append("[at `base`] is required: a training config file (relative to the suite) or an inline mapping")
        case .some(.scalar(let s)):
            let folder = URL(fileURLWithPath: source).deletingLastPathComponent()
            let path = s.string.hasPrefix("/") ? s.string : folder.appendingPathComponent(s.string).path
            baseSource = s.string.hasPrefix("/") ? s.string : (folder.path == "." ? s.string : relative(path))
            let text = try? String(contentsOfFile: path, encoding: .utf8)
            if let text, let problem = YAMLNesting.problem(text) {
                problems.append("[at `base`] the training config '\(path)' is \(problem)")
            } else if let text, let node = try? Yams.compose(yaml: text) {
                base = node
                if let problem = YAMLReader.sizeProblem(node) {
                    problems.append("[at `base`] the training config '\(path)' \(problem)")
                    base = Node([(Node, Node)]())
                }
            } else {
                problems.append("[at `base`] cannot read the training config '\(path)' (missing file or invalid YAML)")
            }
        case .some(let node) where node.mapping != nil: base = node
        case .some(let node): problems.append("[at `base`] expected a file path or a mapping, got \(YAMLReader.show(node))")
        }

        let settings = orderedSettings(top["set"], path: "set", problems: &problems)
        var variants: [VariantSpec] = []
        if let node = top["variants"] {
            if case .sequence(let items) = node, !items.isEmpty {
                for (i, item) in items.enumerated() {
                    var entry = orderedSettings(item, path: "variants[\(i)]", problems: &problems)
                    guard let nameIndex = entry.firstIndex(where: { $0.key == "name" }), let n = entry[nameIndex].value.string,
                          !n.isEmpty else {
                        problems.append("[at `variants[\(i)]`] needs a `name`, e.g. {name: dense Gram, model.descriptor.rotation: gram-dense}")
                        continue
                    }
                    entry.remove(at: nameIndex)
                    if variants.contains(where: { $0.name == n }) { problems.append("[at `variants[\(i)].name`] '\(n)' is used twice") }
                    variants.append(VariantSpec(name: n, settings: entry))
                }
            } else {
                problems.append("[at `variants`] expected a non-empty list of mappings with a `name` and dotted keys")
            }
        }
        let hasNamedVariants = !variants.isEmpty
        if variants.isEmpty { variants = [VariantSpec(name: "", settings: [])] }

        var grid: [(key: String, values: [Node])] = []
        for s in orderedSettings(top["grid"], path: "grid", problems: &problems) {
            guard case .sequence(let values) = s.value, !values.isEmpty else {
                problems.append("[at `grid.\(s.key)`] expected a non-empty list of values, e.g. [1, 2, 3]")
                continue
            }
            if Set(values).count != values.count { problems.append("[at `grid.\(s.key)`] lists a value twice") }
            grid.append((s.key, Array(values)))
        }

        var baselineName: String?, baselineSettings: [Setting] = []
        switch top["baseline"] {
        case .none: break
        case .some(.scalar(let s)):
            baselineName = s.string
            if !hasNamedVariants {
                problems.append("[at `baseline`] names a variant, but the suite has no `variants` list; select grid values instead, e.g. {model.descriptor.rotation: gram-factored}")
            } else if !variants.contains(where: { $0.name == s.string }) {
                problems.append(ConfigError.unknownChoice(path: ["baseline"], value: s.string, valid: variants.map(\.name),
                                                          what: "variant").description)
            }
        case .some(let node):
            baselineSettings = orderedSettings(node, path: "baseline", problems: &problems)
            for s in baselineSettings {
                guard let axis = grid.first(where: { $0.key == s.key }) else {
                    problems.append(ConfigError.unknownChoice(path: ["baseline", s.key], value: s.key, valid: grid.map(\.key),
                                                              what: "grid key").description)
                    continue
                }
                if !axis.values.contains(s.value) {
                    problems.append("[at `baseline.\(s.key)`] value \(YAMLTree.display(s.value)) is not in the grid (\(axis.values.map(YAMLTree.display).joined(separator: ", ")))")
                }
            }
        }

        var evaluation = EvaluationSettings()
        evaluation.test = r.list(top, "test", [], default: [], what: "a path") { $0.string }
        let listed = r.list(top, "metrics", [], default: [String](), what: "a metric group") { $0.string }
        for (i, m) in listed.enumerated() where MetricGroup(rawValue: m) == nil {
            problems.append(ConfigError.unknownChoice(path: ["metrics[\(i)]"], value: m, valid: MetricGroup.allCases.map(\.rawValue),
                                                      what: "metric group").description)
        }
        if top["metrics"] != nil {
            let chosen = Set(listed.compactMap(MetricGroup.init) + [.validation])
            evaluation.metrics = MetricGroup.allCases.filter(chosen.contains)
        } else if !evaluation.test.isEmpty {
            evaluation.metrics = MetricGroup.standard(withTest: true)
        }
        evaluation.md = mdSettings(top["md"], metrics: evaluation.metrics, reader: &r, problems: &problems)
        if evaluation.metrics.contains(.test) && evaluation.test.isEmpty {
            problems.append("[at `metrics`] lists `test` but the suite has no `test` data; add test: [path, ...]")
        }
        let ep = ["evaluation"], e = r.mapping(top["evaluation"], ep, keys: evaluationKeys)
        evaluation.symmetryFrames = r.integer(e, "symmetry_frames", ep, default: evaluation.symmetryFrames, minimum: 1)
        evaluation.symmetrySeed = UInt64(clamping: r.integer(e, "symmetry_seed", ep, default: Int(evaluation.symmetrySeed), minimum: 0))
        evaluation.inferenceFrames = r.integer(e, "inference_frames", ep, default: evaluation.inferenceFrames, minimum: 1)
        evaluation.inferenceRepeats = r.integer(e, "inference_repeats", ep, default: evaluation.inferenceRepeats, minimum: 1)

        let primary = r.string(top, "primary_metric", [], default: MetricCatalogue.defaultPrimary,
                               choices: MetricCatalogue.accuracy.map(\.key))
        if primary.hasPrefix("test.") && evaluation.test.isEmpty {
            problems.append("[at `primary_metric`] '\(primary)' needs `test` data")
        }

        let rp = ["resources"], res = r.mapping(top["resources"], rp, keys: resourceKeys)
        var resources = Resources()
        resources.threads = r.integer(res, "threads", rp, default: resources.threads, minimum: 1)
        resources.memory = res["memory"].map { _ in r.string(res, "memory", rp, default: "") }
        resources.time = res["time"].map { _ in r.string(res, "time", rp, default: "") }
        resources.partition = res["partition"].map { _ in r.string(res, "partition", rp, default: "") }
        resources.slurmOptions = r.list(res, "slurm_options", rp, default: [], what: "an sbatch option such as --account=abc") {
            $0.string.flatMap { $0.hasPrefix("--") ? $0 : nil } }

        problems = r.errors.map(\.description) + problems
        return SuiteSpec(name: name, description: r.string(top, "description", [], default: ""), source: source,
                         baseSource: baseSource, base: base, settings: settings, variants: variants, grid: grid,
                         baselineName: baselineName, baselineSettings: baselineSettings, primaryMetric: primary,
                         evaluation: evaluation, resources: resources, hasNamedVariants: hasNamedVariants, problems: problems)
    }

    /// The entries of a mapping of dotted keys, in written order, with their origin.
    static func orderedSettings(_ node: Node?, path: String, problems: inout [String]) -> [Setting] {
        guard let node else { return [] }
        guard case .mapping(let m) = node else {
            problems.append("[at `\(path)`] expected a mapping of dotted keys (e.g. model.descriptor.rotation: gram-dense), got \(YAMLReader.show(node))")
            return []
        }
        var out: [Setting] = []
        for (k, v) in m {
            guard let key = k.string, key == "name" || YAMLTree.components(key) != nil else {
                problems.append("[at `\(path)`] '\(k.string ?? "?")' is not a dotted key such as model.descriptor.rotation")
                continue
            }
            out.append(Setting(key: key, value: v, origin: "\(path).\(key)"))
        }
        return out
    }

    /// `path` relative to the current directory when it lies inside it.
    static func relative(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        return standard.hasPrefix(cwd) ? String(standard.dropFirst(cwd.count)) : standard
    }
}

/// Problems of a suite file, all reported together, one line each.
public struct SuiteErrors: Error, CustomStringConvertible {
    /// The suite file.
    public var source: String
    /// One line per problem, each naming its key path (line breaks and control characters quoted
    /// from the input are escaped).
    public var problems: [String]
    public init(source: String, problems: [String]) { (self.source, self.problems) = (source, problems.map(\.oneLineEscaped)) }
    /// One line for one problem, a list for several.
    public var description: String {
        if problems.count == 1 { return "\(source): \(problems[0])".oneLineEscaped }
        return "\(source): \(problems.count) problems in the suite:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension Setting {
    /// A command-line override `key=value`; the value is read as YAML (`500`, `[40]`, `gram-dense`).
    /// - Throws: `SuiteErrors` for a key that is not dotted.
    public init(commandLine key: String, _ value: String) throws {
        guard YAMLTree.components(key) != nil, let node = YAMLTree.parseValue(value) else {
            throw SuiteErrors(source: "--set", problems: ["'\(key)=\(value)' needs a dotted key and a value, e.g. --set training.steps=500"])
        }
        self.init(key: key, value: node, origin: "--set \(key)")
    }
}
