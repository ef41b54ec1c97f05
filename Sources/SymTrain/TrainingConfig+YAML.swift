import SymAtoms
import SymModel
import Yams

extension TrainingConfig {
    /// Top-level sections and their keys (DeePMD's names where DeePMD has one).
    static let sectionKeys: [String: [String]] = [
        "": ["model", "data", "loss", "learning_rate", "training"],
        "model": ["type_map", "descriptor", "fitting"],
        "descriptor": ["rcut", "rcut_smth", "sel", "neuron", "axis_neuron", "type_one_side", "resnet_dt",
                       "embedding", "permutation", "rotation", "set_davg_zero"],
        "fitting": ["neuron", "resnet_dt", "mixed_types"],
        "data": ["train", "validation", "split", "batch_size", "overflow", "stat_frames"],
        "split": ["mode", "fraction"],
        "loss": ["start_pref_e", "limit_pref_e", "start_pref_f", "limit_pref_f", "start_pref_v", "limit_pref_v"],
        "learning_rate": ["start_lr", "stop_lr", "decay_steps"],
        "training": ["steps", "seed", "disp_freq", "save_freq", "validation_frames", "threads", "augment_rotations"],
    ]

    /// Parses and validates a training config; every problem is reported at once.
    /// - Throws: `ConfigErrors` (key paths, bad values, valid choices, did-you-mean).
    public static func parse(yaml text: String, source: String) throws -> TrainingConfig {
        if let problem = YAMLNesting.problem(text) {
            throw ConfigErrors(source: source, errors: [ConfigError(path: ["<document>"], problem)])
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw ConfigErrors(source: source, errors: [ConfigError(path: ["<document>"], YAMLReader.syntaxError(error))])
        }
        if let problem = YAMLReader.sizeProblem(root) {
            throw ConfigErrors(source: source, errors: [ConfigError(path: ["<document>"], problem)])
        }
        var r = YAMLReader()
        let top = r.mapping(root, [], keys: sectionKeys[""]!)
        let config = read(top, &r)
        let problems = r.errors + (r.errors.isEmpty ? config.problems() : [])
        if !problems.isEmpty { throw ConfigErrors(source: source, errors: problems) }
        return config
    }

    static func read(_ top: [String: Node], _ r: inout YAMLReader) -> TrainingConfig {
        let m = r.mapping(top["model"], ["model"], keys: sectionKeys["model"]!)
        if m["type_map"] == nil { r.errors.append(ConfigError(path: ["model", "type_map"], "is required, e.g. [O, H]")) }
        var config = TrainingConfig(model: ModelConfig(typeMap: r.list(m, "type_map", ["model"], default: [], what: "an element name") { $0.string }))
        let dp = ["model", "descriptor"], d = r.mapping(m["descriptor"], dp, keys: sectionKeys["descriptor"]!)
        var desc = DescriptorConfig()
        desc.rcut = r.number(d, "rcut", dp, default: desc.rcut, minimum: 0, exclusiveMinimum: true)
        desc.rcutSmooth = r.number(d, "rcut_smth", dp, default: desc.rcutSmooth, minimum: 0)
        desc.sel = r.list(d, "sel", dp, default: desc.sel, what: "a non-negative integer") { YAMLReader.int($0).flatMap { $0 >= 0 ? $0 : nil } }
        desc.neuron = r.list(d, "neuron", dp, default: desc.neuron, what: "a positive integer") { YAMLReader.int($0).flatMap { $0 > 0 ? $0 : nil } }
        desc.axisNeuron = r.integer(d, "axis_neuron", dp, default: desc.axisNeuron, minimum: 1)
        desc.typeOneSide = r.boolean(d, "type_one_side", dp, default: desc.typeOneSide)
        desc.resnetDt = r.boolean(d, "resnet_dt", dp, default: desc.resnetDt)
        (desc.embedding, desc.embeddingOptions) = r.stage(d, "embedding", dp, default: desc.embedding,
                                                         choices: VariantRegistry.embeddingKeys, what: "embedding stage") {
            (try? VariantRegistry.embeddingStage($0))?.optionProblems($1, path: $2) ?? [] }
        (desc.permutation, desc.permutationOptions) = r.stage(d, "permutation", dp, default: desc.permutation,
                                                             choices: VariantRegistry.keys(.permutation), what: "permutation encoder") {
            (try? VariantRegistry.permutationEncoder($0))?.optionProblems($1, path: $2) ?? [] }
        (desc.rotation, desc.rotationOptions) = r.stage(d, "rotation", dp, default: desc.rotation,
                                                       choices: VariantRegistry.keys(.rotation), what: "rotation operator") {
            (try? VariantRegistry.rotationOperator($0))?.optionProblems($1, path: $2) ?? [] }
        desc.setDavgZero = r.boolean(d, "set_davg_zero", dp, default: desc.setDavgZero)
        config.model.descriptor = desc
        let fp = ["model", "fitting"], f = r.mapping(m["fitting"], fp, keys: sectionKeys["fitting"]!)
        config.model.fitting.neuron = r.list(f, "neuron", fp, default: config.model.fitting.neuron, what: "a positive integer") {
            YAMLReader.int($0).flatMap { $0 > 0 ? $0 : nil } }
        config.model.fitting.resnetDt = r.boolean(f, "resnet_dt", fp, default: config.model.fitting.resnetDt)
        config.model.fitting.mixedTypes = r.boolean(f, "mixed_types", fp, default: config.model.fitting.mixedTypes)

        let dataPath = ["data"], data = r.mapping(top["data"], dataPath, keys: sectionKeys["data"]!)
        if data["train"] == nil { r.errors.append(ConfigError(path: ["data", "train"], "is required: a list of DeePMD system folders or extxyz files")) }
        config.data.train = r.list(data, "train", dataPath, default: [], what: "a path") { $0.string }
        config.data.validation = r.list(data, "validation", dataPath, default: [], what: "a path") { $0.string }
        let sp = ["data", "split"], split = r.mapping(data["split"], sp, keys: sectionKeys["split"]!)
        let mode = r.string(split, "mode", sp, default: config.data.splitMode.rawValue, choices: SplitMode.allCases.map(\.rawValue))
        config.data.splitMode = SplitMode(rawValue: mode) ?? config.data.splitMode
        config.data.validationFraction = r.number(split, "fraction", sp, default: config.data.validationFraction, minimum: 0, exclusiveMinimum: true)
        if config.data.validationFraction >= 1 { r.errors.append(ConfigError(path: sp + ["fraction"], "must be < 1, got \(config.data.validationFraction)")) }
        readBatchSize(data["batch_size"], &config.data, &r)
        let overflow = r.string(data, "overflow", dataPath, default: config.data.overflow.rawValue, choices: OverflowPolicy.allCases.map(\.rawValue))
        config.data.overflow = OverflowPolicy(rawValue: overflow) ?? .error
        config.data.statFrames = r.integer(data, "stat_frames", dataPath, default: config.data.statFrames, minimum: 1)

        let lp = ["loss"], l = r.mapping(top["loss"], lp, keys: sectionKeys["loss"]!)
        config.loss.energy = Prefactor(start: r.number(l, "start_pref_e", lp, default: 0.02, minimum: 0),
                                       limit: r.number(l, "limit_pref_e", lp, default: 1, minimum: 0))
        config.loss.force = Prefactor(start: r.number(l, "start_pref_f", lp, default: 1000, minimum: 0),
                                      limit: r.number(l, "limit_pref_f", lp, default: 1, minimum: 0))
        config.loss.virial = Prefactor(start: r.number(l, "start_pref_v", lp, default: 0, minimum: 0),
                                       limit: r.number(l, "limit_pref_v", lp, default: 0, minimum: 0))

        let rp = ["learning_rate"], lr = r.mapping(top["learning_rate"], rp, keys: sectionKeys["learning_rate"]!)
        var s = ScheduleConfig()
        s.startLearningRate = r.number(lr, "start_lr", rp, default: s.startLearningRate, minimum: 0, exclusiveMinimum: true)
        s.stopLearningRate = r.number(lr, "stop_lr", rp, default: s.stopLearningRate, minimum: 0, exclusiveMinimum: true)
        if s.stopLearningRate > s.startLearningRate {
            r.errors.append(ConfigError(path: rp + ["stop_lr"], "must be <= start_lr (\(s.startLearningRate)), got \(s.stopLearningRate)"))
        }
        s.decaySteps = r.integer(lr, "decay_steps", rp, default: s.decaySteps, minimum: 1)
        let tp = ["training"], t = r.mapping(top["training"], tp, keys: sectionKeys["training"]!)
        s.steps = r.integer(t, "steps", tp, default: s.steps, minimum: 1)
        s.seed = UInt64(clamping: r.integer(t, "seed", tp, default: Int(s.seed), minimum: 0))  // r.integer reports a negative one
        s.validateEvery = r.integer(t, "disp_freq", tp, default: s.validateEvery, minimum: 1)
        s.checkpointEvery = r.integer(t, "save_freq", tp, default: s.checkpointEvery, minimum: 1)
        s.validationFrames = r.integer(t, "validation_frames", tp, default: s.validationFrames, minimum: 1)
        s.threads = r.integer(t, "threads", tp, default: s.threads, minimum: 0)
        s.augmentRotations = r.boolean(t, "augment_rotations", tp, default: false) ? true : nil
        config.schedule = s
        config.model.seed = s.seed
        return config
    }

    /// batch_size: a positive integer, "auto" (32 atoms) or "auto:K".
    static func readBatchSize(_ node: Node?, _ data: inout DataConfig, _ r: inout YAMLReader) {
        guard let node else { return }
        if let n = YAMLReader.int(node), n >= 1 { data.batchSize = n; return }
        if let s = node.string, s == "auto" || s.hasPrefix("auto:") {
            if s == "auto" { data.batchSize = 0; return }
            if let k = Int(s.dropFirst(5)), k >= 1 { data.batchSize = 0; data.autoAtoms = k; return }
        }
        r.errors.append(ConfigError(path: ["data", "batch_size"], "expected a positive integer, \"auto\" or \"auto:K\", got \(YAMLReader.show(node))"))
    }

    /// Cross-field problems (model config, and whether its embedding stage can be trained) after reading.
    func problems() -> [ConfigError] {
        let untrainable = (try? VariantRegistry.embeddingStage(model.descriptor.embedding))?.trainingProblem
        return model.problems() + (untrainable.map { [ConfigError(path: ["model", "descriptor", "embedding"], $0)] } ?? [])
    }
}
