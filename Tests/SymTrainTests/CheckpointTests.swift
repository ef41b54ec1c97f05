import Foundation
import SymAtoms
import SymModel
import Testing
@testable import SymTrain

@Suite("Checkpoint files", .serialized)
struct CheckpointTests {
    /// A checkpoint of the fixture model with values JSON could not hold or would round:
    /// -0, a NaN with a payload, infinities, a subnormal, full-precision moments; one layer
    /// without bias, the fitting net's layers with timesteps.
    static func checkpoint(special: Bool = true) throws -> Checkpoint {
        let config = TrainingFixtures.config()
        let model = try DeepPotModel(config: config.model)
        var file = ModelFile(model: model, provenance: ["commit": "abc"])
        var adam = Adam(sizes: model.parameters.map(\.count))
        let rng = RandomSource(seed: 11)
        for k in adam.m.indices {
            adam.m[k] = adam.m[k].map { _ in rng.gaussian(mean: 0, sigma: 1e-3) }
            adam.v[k] = adam.m[k].map { $0 * $0 * 0.7 }
        }
        adam.step = 41
        if special {
            file.weights.embedding[0].layers[0].bias = []
            file.weights.fitting[0].layers[0].weight[0] = -0.0
            file.weights.fitting[0].layers[0].weight[1] = Double(nan: 0x5_1ab, signaling: false)
            file.weights.fitting[0].layers[0].weight[2] = .leastNonzeroMagnitude
            file.weights.davg[0] = -.infinity
            adam.m[0][0] = .infinity
            adam.v[0][0] = -0.0
        }
        var sampler = BatchSampler(frameCounts: [9, 3], batchSizes: [4, 1], seed: 3)
        for step in 0..<5 { _ = sampler.next(step: step) }
        return Checkpoint(config: config, step: 5, model: file, adam: adam, sampler: sampler, elapsedSeconds: 1.0 / 3)
    }

    /// Every Float64 of the checkpoint as its bit pattern, in a fixed order.
    static func bits(_ c: Checkpoint) -> [UInt64] {
        let w = c.model.weights
        let layers = (w.embedding + w.fitting).flatMap(\.layers)
        let arrays = layers.flatMap { [$0.weight, $0.bias, $0.timestep ?? [42]] } + [w.davg, w.dstd, w.energyBias]
            + w.stageParameters + c.adam.m + c.adam.v + [[c.adam.beta1, c.adam.beta2, c.adam.epsilon, c.elapsedSeconds]]
        return arrays.flatMap { $0.map(\.bitPattern) + [0xFFFF_0000_FFFF_0000] }
    }

    static func folder(_ name: String) throws -> String {
        let dir = TrainingFixtures.temporaryFolder(name)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The header JSON and data of a binary checkpoint file.
    static func split(_ file: Data) -> (header: Data, data: Data) {
        let bytes = [UInt8](file)
        let h = Int(bytes[16..<24].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        return (Data(bytes[40..<(40 + h)]), Data(bytes[(40 + h)...]))
    }

    /// A binary checkpoint file of `header` and `data`, with a consistent prefix and checksum.
    static func assemble(header: Data, data: Data) -> Data {
        var body = [UInt8](header) + [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8)
        let headerBytes = body.count
        body += data
        let sum = body.withUnsafeBytes { CheckpointBinary.checksum($0) }
        let words = [2, UInt64(headerBytes), UInt64(data.count), sum].flatMap { w in (0..<8).map { UInt8(truncatingIfNeeded: w >> (8 * $0)) } }
        return Data(Array("SYMLABCK".utf8) + words + body)
    }

    @Test func binaryRoundTripIsBitExact() throws {
        let c = try Self.checkpoint()
        #expect(c.model.weights.fitting[0].layers.contains { $0.timestep != nil }, "the fixture should have timesteps")
        let path = try Self.folder("roundtrip") + "/checkpoint.bin"
        try c.write(to: path)
        let back = try Checkpoint.read(from: path)
        #expect(Self.bits(back) == Self.bits(c))
        #expect(back.config == c.config && back.step == c.step && back.sampler == c.sampler && back.adam.step == 41)
        #expect(back.model.config == c.model.config && back.model.provenance == c.model.provenance
                && back.model.formatVersion == c.model.formatVersion)
        #expect(back.model.weights.embedding[0].layers[0].bias.isEmpty)
        #expect(back.model.weights.fitting.flatMap(\.layers).map { $0.timestep == nil } == c.model.weights.fitting.flatMap(\.layers).map { $0.timestep == nil })
        // Identical state, identical bytes (sorted keys; nothing depends on the process).
        #expect(try CheckpointBinary.encode(back) == (try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func headerHoldsNoTensorValuesAndDataIsRawFloat64() throws {
        let c = try Self.checkpoint(special: false)
        let file = try CheckpointBinary.encode(c)
        let (header, data) = Self.split(file)
        let decoded = try JSONDecoder().decode(CheckpointBinary.Header.self, from: header)
        let w = decoded.model.weights
        #expect((w.embedding + w.fitting).flatMap(\.layers).allSatisfy { $0.weight.isEmpty && $0.bias.isEmpty && ($0.timestep ?? []).isEmpty })
        #expect(w.davg.isEmpty && w.dstd.isEmpty && w.energyBias.isEmpty)
        let parameters = c.model.weights.embedding.reduce(0) { $0 + $1.parameterCount } + c.model.weights.fitting.reduce(0) { $0 + $1.parameterCount }
        let statistics = c.model.weights.davg.count + c.model.weights.dstd.count + c.model.weights.energyBias.count
        #expect(data.count == 8 * (3 * parameters + statistics))
        // The first tensor is the first layer's weight, little-endian Float64 at data offset 0.
        let first = data.prefix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(first == c.model.weights.embedding[0].layers[0].weight[0].bitPattern)
        #expect(decoded.tensors.first?.name == "model.embedding[0].layers[0].weight")
    }

    @Test func version1FilesStillRead() throws {
        let c = try Self.checkpoint(special: false)
        let path = try Self.folder("v1") + "/checkpoint.json"
        try c.encodedAsVersion1().write(to: URL(fileURLWithPath: path))
        struct Header: Decodable { var type: String; var version: Int }
        let header = try JSONDecoder().decode(Header.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(header.type == "symlab-checkpoint" && header.version == 1)
        let back = try Checkpoint.read(from: path)
        #expect(back == c && Self.bits(back) == Self.bits(c))
    }

    static func problem(_ data: Data) -> String {
        do { _ = try Checkpoint.decode(data, file: "c.bin"); return "read without error" } catch let e as DataError {
            return e.description
        } catch { return "unexpected \(type(of: error)): \(error)" }
    }

    @Test func unsupportedVersionsNameWhatIsSupported() throws {
        let supported = "(supported: 1 (JSON), 2 (binary))"
        #expect(Self.problem(Data(#"{"type": "symlab-checkpoint", "version": 7}"#.utf8)) == "c.bin: checkpoint version 7 not supported \(supported)")
        #expect(Self.problem(Data(#"{"type": "symlab-checkpoint", "version": 2}"#.utf8))
                == "c.bin: checkpoint version 2 not supported (version 2 is binary, not JSON) \(supported)")
        #expect(Self.problem(Data(#"{"type": "symlab-checkpoint"}"#.utf8)) == "c.bin: checkpoint version missing not supported \(supported)")
        var file = [UInt8](try CheckpointBinary.encode(Self.checkpoint()))
        file[8] = 3
        #expect(Self.problem(Data(file)) == "c.bin: checkpoint version 3 not supported \(supported)")
        #expect(Self.problem(Data("SYMLABCK".utf8)) == "c.bin: truncated checkpoint: 8 bytes, shorter than the 40-byte prefix of the binary form")
    }

    @Test func truncatedOrDamagedFilesAreOneLineErrors() throws {
        let file = try CheckpointBinary.encode(Self.checkpoint())
        let n = file.count
        for length in Set([9, 39, 40, 41, 47, 48, 100, n / 2, n - 8, n - 1]) {
            let expected = length < 40 ? ", shorter than the 40-byte prefix" : " where its prefix announces \(n) (40-byte prefix, "
            #expect(Self.problem(file.prefix(length)).hasPrefix("c.bin: truncated checkpoint: \(length) bytes\(expected)"))
        }
        #expect(Self.problem(file.prefix(7)) == "c.bin: not a SymLab checkpoint")
        #expect(Self.problem(file + Data(count: 8)).hasPrefix("c.bin: checkpoint has 8 bytes after its end: "))
        // A changed byte anywhere after the prefix: header or data.
        for position in stride(from: 40, to: n, by: max(1, n / 97)) + [n - 1] {
            var damaged = [UInt8](file)
            damaged[position] ^= 0x10
            #expect(Self.problem(Data(damaged)) == "c.bin: damaged checkpoint: checksum mismatch (the file changed after it was written)",
                    "byte \(position)")
        }
        // Sizes from the prefix near UInt64.max must not overflow.
        var huge = [UInt8](file)
        for k in 16..<32 { huge[k] = 0xFF }
        #expect(Self.problem(Data(huge)).contains("truncated checkpoint"))
    }

    /// Files with a valid checksum whose header does not describe the data (a writer's bug or a
    /// deliberate edit): each a clear error, never a trap.
    @Test(arguments: [
        ("drop the last 8 data bytes", "header and data sizes disagree"),
        ("add 8 data bytes", "header and data sizes disagree"),
        ("shape -1", "has a negative size or more elements than an Int holds"),
        ("overflowing shape", "has a negative size or more elements than an Int holds"),
        ("huge shape", "ends beyond the"),
        ("offset moved", "expected 0 (tensors are stored back to back"),
        ("name twice", "appears twice in the table"),
        ("renamed tensor", "is missing from the table"),
        ("more moments", "is missing from the table"),
        ("absurd moments", "more than the table holds"),
        ("weight shape swapped", "its layer needs"),
        ("extra tensor", "belongs to nothing in the header"),
        ("float32", "tensor element type '<f4' not supported"),
        ("not JSON", "malformed checkpoint header"),
        ("model type", "malformed checkpoint header: type"),
    ])
    func inconsistentHeadersAreErrors(edit: String, phrase: String) throws {
        let c = try Self.checkpoint()
        var (header, data) = Self.split(try CheckpointBinary.encode(c))
        var text = String(decoding: header, as: UTF8.self)
        let firstShape = "[\(c.model.weights.embedding[0].layers[0].inputs),\(c.model.weights.embedding[0].layers[0].outputs)]"
        func replace(_ a: String, _ b: String) throws {
            let range = try #require(text.range(of: a), "'\(a)' not in the header")
            text.replaceSubrange(range, with: b)
        }
        switch edit {
        case "drop the last 8 data bytes": data = data.dropLast(8)
        case "add 8 data bytes": data += Data(count: 8)
        case "shape -1": try replace(#""shape":\#(firstShape)"#, #""shape":[-1]"#)
        case "overflowing shape": try replace(#""shape":\#(firstShape)"#, #""shape":[4294967296,4294967296]"#)
        case "huge shape": try replace(#""shape":\#(firstShape)"#, #""shape":[4294967296,2]"#)
        case "offset moved": try replace(#""offset":0"#, #""offset":8"#)
        case "name twice": try replace(#""name":"model.embedding[0].layers[0].bias""#, #""name":"model.embedding[0].layers[0].weight""#)
        case "renamed tensor": try replace(#""name":"model.davg""#, #""name":"model.davg2""#)
        case "more moments": try replace(#""moments":\#(c.adam.m.count),"#, #""moments":\#(c.adam.m.count + 1),"#)
        case "absurd moments": try replace(#""moments":"#, #""moments":9223372036"#)
        case "weight shape swapped": try replace(#""shape":\#(firstShape)"#, #""shape":[\#(c.model.weights.embedding[0].layers[0].outputs),1]"#)
        case "extra tensor":  // at the end of the table, with its 8 bytes of data
            try replace(#"}],"type":"symlab-checkpoint""#, #"},{"name":"spare","offset":\#(data.count),"shape":[1]}],"type":"symlab-checkpoint""#)
            data += Data(count: 8)
        case "float32": try replace(#""dtype":"<f8""#, #""dtype":"<f4""#)
        case "not JSON": text = "{" + text
        case "model type": try replace(#""type":"symlab-checkpoint""#, #""type":"symlab-model""#)
        default: Issue.record("unknown edit \(edit)")
        }
        let message = Self.problem(Self.assemble(header: Data(text.utf8), data: data))
        #expect(message.hasPrefix("c.bin: ") && message.contains(phrase), "\(edit): \(message)")
        #expect(!message.contains("\n"))
    }

    @Test func resumeChecksTheStateAgainstModelAndData() throws {
        let c = try Self.checkpoint(special: false)
        #expect(throws: Never.self) { _ = try c.resumableModel(frameCounts: [9, 3], file: "c") }
        var short = c
        short.adam.m[1].removeLast()
        #expect(throws: DataError(file: "c", "Adam moments (\(c.adam.m.count) and \(c.adam.v.count) arrays) do not fit the model's \(c.adam.m.count) parameter tensors")) {
            _ = try short.resumableModel(frameCounts: [9, 3], file: "c")
        }
        #expect(throws: DataError.self) { _ = try c.resumableModel(frameCounts: [9, 4], file: "c") }
        var zero = c
        zero.sampler = BatchSampler(frameCounts: [9, 3], batchSizes: [4, 0], seed: 3)
        #expect(throws: DataError.self) { _ = try zero.resumableModel(frameCounts: [9, 3], file: "c") }
        var broken = c
        broken.model.weights.fitting[0].layers[0].bias.append(1)
        #expect(throws: DataError.self) { _ = try broken.resumableModel(frameCounts: [9, 3], file: "c") }
    }

    /// A run interrupted by an older build (version 1 `checkpoint.json`) resumes bit for bit with
    /// this one, which then writes `checkpoint.bin` and removes the old file.
    @Test func runInterruptedWithAVersion1CheckpointResumesBitForBit() throws {
        let config = TrainingFixtures.config(steps: 6)
        let whole = TrainingFixtures.temporaryFolder("whole1"), split = TrainingFixtures.temporaryFolder("split1")
        try Trainer(config: config, output: whole, log: { _ in }).run()
        try Trainer(config: config, output: split, log: { _ in }).run(stopAfter: 3)
        let binary = split + "/checkpoint.bin", legacy = split + "/checkpoint.json"
        try Checkpoint.read(from: binary).encodedAsVersion1().write(to: URL(fileURLWithPath: legacy))
        try FileManager.default.removeItem(atPath: binary)
        #expect(Checkpoint.existing(in: split) == legacy)
        try Trainer(config: config, output: split, log: { _ in }).run(resume: true)
        let a = try ModelFile.read(from: whole + "/model.json"), b = try ModelFile.read(from: split + "/model.json")
        #expect(a.weights == b.weights, "weights resumed from a version 1 checkpoint differ from the uninterrupted run")
        #expect(FileManager.default.fileExists(atPath: binary) && !FileManager.default.fileExists(atPath: legacy))
        Checkpoint.remove(in: split)
        #expect(Checkpoint.existing(in: split) == nil)
    }
}
