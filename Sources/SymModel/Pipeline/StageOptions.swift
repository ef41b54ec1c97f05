/// A stage's typed options (STYLE §15: nested option structs with presets, not flag soup).
///
/// Defaults are the property initial values of `init()`; `fields` lists every option once with its
/// config name, accepted range and help; `presets` names whole option sets that explicit fields then
/// override. In YAML:
///
///     permutation: sab                                   # defaults
///     permutation: {type: sab, heads: 4, layers: 2}      # explicit fields
///     permutation: {type: sab, preset: small, heads: 8}  # a preset, heads overridden
///
/// Resolution order: defaults < preset < explicit fields. Conforming types are plain structs:
///
///     public struct Options: StageOptions {
///         public var heads = 4
///         public init() {}
///         public static let fields: [OptionField<Options>] = [
///             .integer("heads", \.heads, 1...64, "attention heads (width must divide)")]
///         public static let presets: [String: Options] = ["small": Options(heads: 1)]
///     }
public protocol StageOptions: Equatable, Sendable {
    /// The defaults.
    init()
    /// Every option, in display order.
    static var fields: [OptionField<Self>] { get }
    /// Named option sets (e.g. "small", "dpa1").
    static var presets: [String: Self] { get }
    /// Cross-field problems of resolved options (e.g. "width must be divisible by heads"), as
    /// (option name, message) pairs.
    func problems() -> [(option: String, message: String)]
}

extension StageOptions {
    public static var presets: [String: Self] { [:] }
    public func problems() -> [(option: String, message: String)] { [] }
}

/// The options of a stage that has none.
public struct NoOptions: StageOptions {
    public init() {}
    public static let fields: [OptionField<NoOptions>] = []
}

/// One option of a `StageOptions` type: its config name, kind, help, and how to read and write it.
public struct OptionField<Options> {
    /// Config name, e.g. "heads".
    public let name: String
    /// Accepted values.
    public let kind: OptionKind
    /// One line for `symlab variants KEY` and the docs.
    public let help: String
    let get: (Options) -> OptionValue
    let set: (inout Options, OptionValue) -> Void

    /// An integer option in `range`.
    public static func integer(_ name: String, _ path: WritableKeyPath<Options, Int>, _ range: ClosedRange<Int>,
                               _ help: String) -> OptionField {
        OptionField(name: name, kind: .integer(range), help: help, get: { .int($0[keyPath: path]) },
                    set: { o, v in if let i = v.intValue { o[keyPath: path] = i } })
    }

    /// A real-number option in `range`.
    public static func number(_ name: String, _ path: WritableKeyPath<Options, Double>, _ range: ClosedRange<Double>,
                              _ help: String) -> OptionField {
        OptionField(name: name, kind: .number(range), help: help, get: { .number($0[keyPath: path]) },
                    set: { o, v in if let d = v.doubleValue { o[keyPath: path] = d } })
    }

    /// A true/false option.
    public static func boolean(_ name: String, _ path: WritableKeyPath<Options, Bool>, _ help: String) -> OptionField {
        OptionField(name: name, kind: .boolean, help: help, get: { .bool($0[keyPath: path]) },
                    set: { o, v in if case .bool(let b) = v { o[keyPath: path] = b } })
    }

    /// A closed set of words, from a `String`-backed enum.
    public static func choice<E: RawRepresentable & CaseIterable>(_ name: String, _ path: WritableKeyPath<Options, E>,
                                                                   _ help: String) -> OptionField where E.RawValue == String {
        OptionField(name: name, kind: .choice(E.allCases.map(\.rawValue)), help: help, get: { .string($0[keyPath: path].rawValue) },
                    set: { o, v in if case .string(let s) = v, let e = E(rawValue: s) { o[keyPath: path] = e } })
    }
}

/// One option for display: name, kind, default and help (the type-erased `OptionField`).
public struct OptionSpec: Equatable, Sendable {
    public var name: String
    public var kind: OptionKind
    public var defaultValue: OptionValue
    public var help: String
}

extension StageOptions {
    /// The reserved option name that selects a preset.
    public static var presetKey: String { "preset" }

    /// Every option with its default.
    public static var specs: [OptionSpec] {
        let defaults = Self()
        return fields.map { OptionSpec(name: $0.name, kind: $0.kind, defaultValue: $0.get(defaults), help: $0.help) }
    }

    /// Resolves config values (defaults < preset < explicit fields) and collects every problem with
    /// its key path under `path` (e.g. `model.descriptor.permutation.heads`): unknown option names
    /// and presets with a did-you-mean, wrong types, out-of-range values, cross-field problems.
    public static func resolve(_ values: OptionValues, path: [String], stage: String) -> (options: Self, problems: [ConfigError]) {
        var problems: [ConfigError] = []
        var options = Self()
        if let preset = values[presetKey] {
            if case .string(let name) = preset, let chosen = presets[name] {
                options = chosen
            } else if presets.isEmpty {
                problems.append(ConfigError(path: path + [presetKey], "'\(stage)' has no presets"))
            } else {
                problems.append(.unknownChoice(path: path + [presetKey], value: preset.description, valid: presets.keys.sorted(),
                                               what: "\(stage) preset"))
            }
        }
        let names = fields.map(\.name)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) where name != presetKey {
            guard let field = fields.first(where: { $0.name == name }) else {
                problems.append(names.isEmpty ? ConfigError(path: path + [name], "'\(stage)' has no options")
                                : .unknownChoice(path: path + [name], value: name, valid: names + (presets.isEmpty ? [] : [presetKey]),
                                                 what: "\(stage) option"))
                continue
            }
            let (checked, problem) = field.kind.check(value)
            if let checked { field.set(&options, checked) }
            if let problem { problems.append(ConfigError(path: path + [name], problem)) }
        }
        if problems.isEmpty {
            problems += options.problems().map { ConfigError(path: path + [$0.option], $0.message) }
        }
        return (options, problems)
    }

    /// Every option's value, e.g. for saving a model with its resolved options.
    public var values: OptionValues {
        Dictionary(uniqueKeysWithValues: Self.fields.map { ($0.name, $0.get(self)) })
    }

    /// The options that differ from the defaults (how a preset is shown).
    public var changedValues: OptionValues {
        let defaults = Self().values
        return values.filter { defaults[$0.key] != $0.value }
    }
}

/// What every registry entry (L, P_s, R_s) declares: its key, a one-line summary, its options.
public protocol RegisteredStage {
    /// The stage's typed options (`NoOptions` when it has none).
    associatedtype Options: StageOptions = NoOptions
    /// Short registry key used in configs and on the command line.
    static var key: String { get }
    /// One-line description for `symlab variants` and the docs.
    static var summary: String { get }
}

extension RegisteredStage {
    /// Every option with its default (empty without options).
    public static var optionSpecs: [OptionSpec] { Options.specs }
    /// Preset names with the values each changes from the defaults.
    public static var presetValues: [(name: String, values: OptionValues)] {
        Options.presets.sorted { $0.key < $1.key }.map { ($0.key, $0.value.changedValues) }
    }
    /// Config problems of `values` for this stage, with key paths under `path`.
    public static func optionProblems(_ values: OptionValues, path: [String]) -> [ConfigError] {
        Options.resolve(values, path: path, stage: key).problems
    }
    /// Every option's resolved value (how a model file stores them).
    public static func resolvedValues(_ values: OptionValues) -> OptionValues {
        Options.resolve(values, path: [], stage: key).options.values
    }
    /// The typed options of `values` (defaults where invalid; configs are validated before building).
    public static func options(_ values: OptionValues) -> Options {
        Options.resolve(values, path: [], stage: key).options
    }
}
