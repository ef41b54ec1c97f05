import Foundation

/// Decodable mirror of the fixture JSON (`shared/fixtures/deepmd-se_e2_a-tiny*.json`,
/// `Tests/SymModelTests/Fixtures/deepmd-se_atten_v2-tiny.json`). Property
/// names are the JSON keys verbatim; keys the loader does not need (units, conventions, checks, …)
/// are ignored. Conversion and validation live in `DeePMDFixture.swift`.
enum FixtureJSON {
    struct File: Decodable {
        let fixture: String
        let config: Config
        let parameters: Parameters
        let frames: [FrameJSON]
        let intermediates: Intermediates?
    }

    struct Config: Decodable {
        let type_map: [String]
        let descriptor: Descriptor
        let fitting_net: FittingNet
    }

    /// `se_e2_a` and `se_atten_v2` keys; the attention ones are absent for se_e2_a.
    struct Descriptor: Decodable {
        let type: String
        let sel: Sel
        let rcut_smth: Double
        let rcut: Double
        let axis_neuron: Int
        let type_one_side: Bool
        let env_protection: Double?
        let exclude_types: [[Int]]?
        let activation_function: String
        let precision: String
        let tebd_dim: Int?
        let attn: Int?
        let attn_layer: Int?
        let attn_dotr: Bool?
        let attn_mask: Bool?
        let normalize: Bool?
        let temperature: Double?
        let scaling_factor: Double?
        let concat_output_tebd: Bool?
        let ln_eps: Double?
    }

    /// `sel`: one number (attention descriptors) or one per type.
    struct Sel: Decodable {
        let values: [Int]
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let one = try? c.decode(Int.self) { values = [one] } else { values = try c.decode([Int].self) }
        }
    }

    struct FittingNet: Decodable {
        let type: String
        let numb_fparam: Int?
        let numb_aparam: Int?
    }

    struct Parameters: Decodable {
        let davg: Array3
        let dstd: Array3
        let energy_bias: Vector
        let fitting_bias_atom_e: Vector
        let embedding_nets: [Net]
        let fitting_nets: [Net]
        let type_embedding: Net?
        let attention_layers: [AttentionLayer]?
    }

    struct Vector: Decodable { let data: [Double] }
    struct Matrix: Decodable { let data: [[Double]] }
    struct Array3: Decodable { let data: [[[Double]]] }

    struct Net: Decodable {
        let name: String
        let center_type: String?
        let neighbour_type: String?
        let layers: [Layer]
    }

    struct Layer: Decodable {
        let name: String
        let n_in: Int
        let n_out: Int
        let activation: String
        let skip: String
        let timestep: Bool
        let W: Matrix
        let b: Vector
        let idt: Vector?
    }

    /// One DPA-1 gated attention layer: projections and the post-residual LayerNorm.
    struct AttentionLayer: Decodable {
        let in_proj: Layer
        let out_proj: Layer
        let layer_norm: LayerNorm
    }

    struct LayerNorm: Decodable {
        let weight: [Double]
        let bias: [Double]
        let eps: Double
    }

    struct FrameJSON: Decodable {
        let name: String
        let periodic: Bool
        let natoms: Int
        let types: [Int]
        let coord: [[Double]]
        let cell: [[Double]]?
        let expected: Expected
    }

    struct Expected: Decodable {
        let energy: Double
        let atom_energy: [Double]
        let force: [[Double]]
        let virial: [[Double]]
    }

    struct Env: Decodable {
        let center_atom: Int
        let valid: [Bool]
        let neighbour_type: [Int]
        let rij: [[Double]]
        let r: [Double]
        let sw: [Double]
        let R_raw: Matrix
        let R_norm: Matrix
    }

    /// Nested lists of numbers of any depth, flattened row-major with their shape.
    struct Numbers: Decodable {
        var values: [Double] = [], shape: [Int] = []
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let x = try? c.decode(Double.self) { values = [x]; return }
            let items = try c.decode([Numbers].self)
            shape = [items.count] + (items.first?.shape ?? [])
            guard items.allSatisfy({ $0.shape == items.first?.shape }) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "ragged nested list")
            }
            values = items.flatMap(\.values)
        }
    }

    /// The stage dumps of one frame, by key: `frame`, then per atom K `env_matrix_atomK`,
    /// `embedding_G_atomK` (G before attention), `attention_G_atomK` (after), `T_atomK`,
    /// `descriptor_atomK` (each `{"data": …}`); several atoms at once as `T_atoms012` /
    /// `descriptor_atoms012` (atoms 0, 1, 2: one digit per atom, as in the se_e2_a fixtures).
    struct Intermediates: Decodable {
        let frame: String
        var env: [Int: Env] = [:]
        /// Stage name ("G", "G attention", "T", "D") → atom → (values, shape).
        var arrays: [String: [Int: Numbers]] = [:]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        struct Wrapped: Decodable { let data: Numbers }

        static let stages = [("embedding_G_atom", "G"), ("attention_G_atom", "G attention"), ("T_atom", "T"), ("descriptor_atom", "D")]

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            frame = try c.decode(String.self, forKey: Key(stringValue: "frame"))
            for key in c.allKeys {
                let name = key.stringValue
                if name.hasPrefix("env_matrix_atom"), let atom = Int(name.dropFirst("env_matrix_atom".count)) {
                    env[atom] = try c.decode(Env.self, forKey: key)
                    continue
                }
                for (prefix, stage) in Self.stages {
                    if name.hasPrefix(prefix), let atom = Int(name.dropFirst(prefix.count)) {
                        arrays[stage, default: [:]][atom] = try c.decode(Wrapped.self, forKey: key).data
                    } else if name.hasPrefix(prefix + "s"), case let tail = name.dropFirst(prefix.count + 1),
                              !tail.isEmpty, tail.allSatisfy(\.isNumber) {
                        let digits = tail.compactMap(\.wholeNumberValue)
                        let block = try c.decode(Wrapped.self, forKey: key).data  // [atoms, ...]
                        guard block.shape.first == digits.count else {
                            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "needs one row per listed atom")
                        }
                        let width = block.values.count / digits.count
                        for (i, atom) in digits.enumerated() {
                            var one = block
                            (one.values, one.shape) = (Array(block.values[(i * width)..<((i + 1) * width)]), Array(block.shape.dropFirst()))
                            arrays[stage, default: [:]][atom] = one
                        }
                    }
                }
            }
        }
    }

    /// A one-line account of a decoding failure: where in the JSON and what.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [CodingKey]) -> String {
            let s = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return s.isEmpty ? "top level" : String(s.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return "missing key '\(key.stringValue)' at \(path(ctx.codingPath))"
        case .valueNotFound(let type, let ctx):
            return "null where \(type) was expected at \(path(ctx.codingPath))"
        case .typeMismatch(let type, let ctx):
            return "expected \(type) at \(path(ctx.codingPath))"
        case .dataCorrupted(let ctx):
            let under = (ctx.underlyingError as NSError?)?.localizedDescription ?? ""
            return ctx.codingPath.isEmpty
                ? "not valid JSON (\(ctx.debugDescription)\(under.isEmpty ? "" : ": " + under))"
                : "bad value at \(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default:
            return "cannot decode: \(error)"
        }
    }
}
