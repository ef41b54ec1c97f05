import Foundation

/// Decodable mirror of the fixture JSON (`shared/fixtures/deepmd-se_e2_a-tiny*.json`). Property
/// names are the JSON keys verbatim; keys the loader does not need (units, conventions, checks, …)
/// are ignored. Conversion and validation live in `DeePMDFixture.swift`.
enum FixtureJSON {
    struct File: Decodable {
        let fixture: String
        let config: Config
        let parameters: Parameters
        let frames: [FrameJSON]
        let intermediates: Intermediates
    }

    struct Config: Decodable {
        let type_map: [String]
        let descriptor: Descriptor
        let fitting_net: FittingNet
    }

    struct Descriptor: Decodable {
        let type: String
        let sel: [Int]
        let rcut_smth: Double
        let rcut: Double
        let axis_neuron: Int
        let type_one_side: Bool
        let env_protection: Double
        let exclude_types: [[Int]]
        let activation_function: String
        let precision: String
    }

    struct FittingNet: Decodable {
        let type: String
        let numb_fparam: Int
        let numb_aparam: Int
    }

    struct Parameters: Decodable {
        let davg: Array3
        let dstd: Array3
        let energy_bias: Vector
        let fitting_bias_atom_e: Vector
        let embedding_nets: [Net]
        let fitting_nets: [Net]
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

    struct Intermediates: Decodable {
        let frame: String
        let env_matrix_atom0: Env
        let env_matrix_atom64: Env
        let embedding_G_atom0: Matrix
        let embedding_G_atom64: Matrix
        let T_atoms012: Array3
        let T_atom64: Matrix
        let descriptor_atoms012: Matrix
        let descriptor_atom64: Vector
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
