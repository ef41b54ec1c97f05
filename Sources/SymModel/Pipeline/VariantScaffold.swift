/// The text `symlab new-variant` writes: a compiling skeleton of a P_s or R_s variant (doc header
/// to fill in, an options struct, the baseline computation as a placeholder) and its registry line.
/// Pure string functions, so tests check the generated text and the registry edit.
public enum VariantScaffold {
    /// Which protocol the new variant conforms to.
    public enum Kind: String, CaseIterable, Sendable {
        case permutation, rotation

        /// Source folder under Sources/SymModel.
        var folder: String { self == .permutation ? "Permutation" : "Rotation" }
        /// The registry array the line goes into.
        var registryArray: String { self == .permutation ? "permutationEncoders" : "rotationOperators" }
    }

    /// "my-encoder" → "MyEncoder".
    public static func typeName(for key: String) -> String {
        key.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// "inducing_points" → "inducingPoints".
    static func propertyName(_ option: String) -> String {
        let words = option.split(separator: "_")
        return (words.first.map(String.init) ?? "") + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// Path of the new file, relative to the package root.
    public static func path(key: String, kind: Kind) -> String {
        "Sources/SymModel/\(kind.folder)/\(typeName(for: key)).swift"
    }

    /// Problems with the requested key and options (empty when usable), one line each.
    public static func problems(key: String, options: [String]) -> [String] {
        var p: [String] = []
        let keyOK = key.first?.isLowercase == true && key.allSatisfy { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "-" }
            && !key.hasSuffix("-") && !key.contains("--")
        if !keyOK { p.append("NAME '\(key)' must be lowercase words joined by hyphens, e.g. my-encoder") }
        let known = VariantRegistry.entries.map(\.key) + VariantRegistry.embeddingKeys
        if known.contains(key) { p.append("a variant with key '\(key)' is already registered; choose another NAME") }
        for o in options {
            let ok = o.first?.isLowercase == true && o.allSatisfy { ($0.isLowercase && $0.isASCII) || $0.isNumber || $0 == "_" }
            if !ok { p.append("option '\(o)' must be a lowercase snake_case name, e.g. inducing_points") }
            if o == "preset" || o == "type" { p.append("option '\(o)' is reserved in configs") }
        }
        if Set(options).count != options.count { p.append("options are listed twice: \(options.joined(separator: ","))") }
        return p
    }

    /// The skeleton source. It computes the baseline (deepsets-sum or gram-factored), so it builds
    /// and passes the conformance kit until replaced; integer options default to 1.
    public static func source(key: String, kind: Kind, options: [String]) -> String {
        let type = typeName(for: key)
        let fields = options.map { "            .integer(\"\($0)\", \\.\(propertyName($0)), 1...1024, \"TODO: what \($0) means\")," }
        let properties = options.map { "        public var \(propertyName($0)) = 1" }
        let optionsBlock = options.isEmpty ? "" : """

            /// TODO: the options (defaults are the initial values; presets are optional).
            public struct Options: StageOptions {
        \(properties.joined(separator: "\n"))
                public init() {}
                public static let fields: [OptionField<Options>] = [
        \(fields.joined(separator: "\n"))
                ]
            }

        """
        let use = options.isEmpty ? "" : "\n        _ = Self.options(settings)  // TODO: read the options: Self.options(settings).\(propertyName(options[0]))"
        let permutation = kind == .permutation
        let (equation, shapes, proto) = permutation
            ? ("T = (1/nnei) Gᵀ R̃", "G [A, nnei, M1], R̃ [A, nnei, 4] → T [A, rows, 4]. TODO why T is equivariant (learned\n/// mixing only on invariant channels) and smooth at r_c (every weight carries w).", "PermutationEncoder")
            : ("D = T T<ᵀ", "T [A, rows, 4] → D [A, dim]. TODO why D is rotation invariant.", "RotationOperator")
        let head = """
            import SymTensor

            /// `\(key)`: TODO one sentence on what it computes.
            ///
            ///     TODO the equations, e.g. \(equation)
            ///
            /// Shapes: \(shapes)
            /// Cost per centre: TODO, as `flopsPerCentre` counts it.
            /// Deviations: TODO. Reference: TODO paper.
            public struct \(type): \(proto) {
                public static let key = "\(key)"
                public static let summary = "TODO one line for symlab variants"
            \(optionsBlock)
            """
        let body = permutation ? """
                public init(_ settings: StageSettings) throws {\(use)
                }

                /// Forward FLOPs per centre atom (a multiply-add counts 2, see `FlopCount`). TODO.
                public static func flopsPerCentre(_ s: StageSettings) -> Double {
                    FlopCount.matmul(s.embeddingWidth, s.nnei, 4) + Double(s.embeddingWidth * 4)
                }

                /// T [A, M1, 4]; placeholder: the deepsets-sum. TODO.
                public func callAsFunction(_ set: NeighbourSet) -> Tensor {
                    Tensor.batchedMatmul(set.embedding, set.env, transposeA: true).scaled(by: 1 / Double(set.env.shape[1]))
                }
            }

            """ : """
                let axisNeurons: Int

                public init(_ settings: StageSettings) throws {\(use)
                    axisNeurons = settings.axisNeurons
                }

                /// Forward FLOPs per centre atom (a multiply-add counts 2, see `FlopCount`). TODO.
                public static func flopsPerCentre(_ s: StageSettings, pooledRows: Int) -> Double {
                    FlopCount.matmul(pooledRows, 4, s.axisNeurons)
                }

                public func output(for settings: StageSettings, pooledRows: Int) -> FieldSpec {
                    FieldSpec("descriptor", [pooledRows * axisNeurons], .invariant)
                }

                /// D [A, rows·M2]; placeholder: the gram-factored product. TODO.
                public func callAsFunction(_ pooled: Tensor, _ set: NeighbourSet) -> Tensor {
                    let a = pooled.shape[0], rows = pooled.shape[1]
                    return Tensor.batchedMatmul(pooled, pooled.slice(axis: 1, 0..<axisNeurons), transposeB: true)
                        .reshaped([a, rows * axisNeurons])
                }
            }

            """
        return head + "\n" + body
    }

    /// The registry file with `Type.self,` appended to the array of `kind`.
    /// - Throws: `ConfigError` when the array is not found or already lists the type.
    public static func registryEdit(_ text: String, key: String, kind: Kind) throws -> String {
        let type = typeName(for: key)
        guard let start = text.range(of: "static let \(kind.registryArray):"),
              let close = text.range(of: "\n    ]", range: start.upperBound..<text.endIndex) else {
            throw ConfigError(path: ["new-variant"], "cannot find the array '\(kind.registryArray)' in VariantRegistry.swift")
        }
        if text[start.upperBound..<close.lowerBound].contains("\(type).self") {
            throw ConfigError(path: ["new-variant"], "VariantRegistry.swift already lists \(type).self")
        }
        return text.replacingCharacters(in: close.lowerBound..<close.lowerBound, with: "\n        \(type).self,")
    }
}
