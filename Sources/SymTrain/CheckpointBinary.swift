import Foundation
import SymAtoms
import SymModel

/// Version 2 of the checkpoint file: binary, so that saving a large model neither builds a JSON
/// text of millions of numbers nor sends them through decimal. Layout (integers UInt64 little-endian):
///
///     offset  0    8 B  magic "SYMLABCK"
///             8    8 B  version (2)
///            16    8 B  header bytes H, a multiple of 8
///            24    8 B  data bytes D, a multiple of 8
///            32    8 B  checksum of the bytes 40 ..< 40 + H + D (`checksum`)
///            40    H B  header: UTF-8 JSON, padded with spaces
///        40 + H    D B  data: the tensors as Float64 little-endian, back to back in table order
///
/// The header (`Header`) repeats type and version and holds everything but the tensors: config,
/// step, elapsed seconds, sampler, Adam's scalars, the model file with every tensor's array
/// emptied, the element type ("<f8", NumPy's notation) and the tensor table (name, shape, byte
/// offset into the data). Tensor names: `model.embedding[i].layers[k].weight` (shape [n_in, n_out]),
/// `….bias` (shape [0] for a layer without bias), `….timestep` (only where the layer has one), the
/// same under `model.fitting[i]`, then `model.davg`, `model.dstd`, `model.energyBias`,
/// `model.stageParameters[i]`, `adam.m[i]`, `adam.v[i]`. The reader checks every size and offset
/// against the file before using it, and the checksum before parsing the header.
enum CheckpointBinary {
    static let magic = Array("SYMLABCK".utf8)
    static let prefixBytes = 40
    static let elementType = "<f8"

    /// The JSON header.
    struct Header: Codable {
        var type: String
        var version: Int
        var config: TrainingConfig
        var step: Int
        var elapsedSeconds: Double
        var sampler: BatchSampler
        var adam: AdamScalars
        /// The model file with the arrays of all tabled tensors emptied.
        var model: ModelFile
        var dtype: String
        var tensors: [Tensor]
    }

    /// Adam without its moments; `moments` = number of parameter tensors (entries `adam.m[i]`, `adam.v[i]`).
    struct AdamScalars: Codable {
        var beta1: Double, beta2: Double, epsilon: Double
        var step: Int
        var moments: Int
    }

    /// One row of the tensor table.
    struct Tensor: Codable {
        var name: String
        var shape: [Int]
        /// Byte offset into the data section.
        var offset: Int
    }

    /// True when `data` starts with the binary form's magic bytes.
    static func hasMagic(_ data: Data) -> Bool { data.count >= magic.count && data.prefix(magic.count).elementsEqual(magic) }

    /// Visits the tensor arrays of `weights` in table order: name, the shape a weight matrix must
    /// have (nil for vectors) and the values.
    static func visit(_ weights: inout DeepPotWeights, _ body: (String, [Int]?, inout [Double]) throws -> Void) throws {
        func nets(_ nets: inout [MLPParameters], _ prefix: String) throws {
            for i in nets.indices {
                for k in nets[i].layers.indices {
                    let name = "model.\(prefix)[\(i)].layers[\(k)]"
                    let shape = [nets[i].layers[k].inputs, nets[i].layers[k].outputs]
                    try body(name + ".weight", shape, &nets[i].layers[k].weight)
                    try body(name + ".bias", nil, &nets[i].layers[k].bias)
                    if nets[i].layers[k].timestep != nil { try body(name + ".timestep", nil, &nets[i].layers[k].timestep!) }
                }
            }
        }
        try nets(&weights.embedding, "embedding")
        try nets(&weights.fitting, "fitting")
        try body("model.davg", nil, &weights.davg)
        try body("model.dstd", nil, &weights.dstd)
        try body("model.energyBias", nil, &weights.energyBias)
        for i in weights.stageParameters.indices { try body("model.stageParameters[\(i)]", nil, &weights.stageParameters[i]) }
    }

    /// The number of elements of `shape`, nil for a negative size or an overflow.
    static func elementCount(_ shape: [Int]) -> Int? {
        var n = 1
        for size in shape {
            guard size >= 0 else { return nil }
            let (product, overflow) = n.multipliedReportingOverflow(by: size)
            if overflow { return nil }
            n = product
        }
        return n
    }

    // MARK: Writing

    /// The bytes of the file for `c`.
    static func encode(_ c: Checkpoint) throws -> Data {
        var model = c.model
        var arrays: [[Double]] = [], table: [Tensor] = [], dataBytes = 0
        func add(_ name: String, _ shape: [Int]?, _ values: inout [Double]) {
            let shape = shape.flatMap { elementCount($0) == values.count ? $0 : nil } ?? [values.count]
            table.append(Tensor(name: name, shape: shape, offset: dataBytes))
            dataBytes += 8 * values.count
            arrays.append(values)
            values = []
        }
        try visit(&model.weights, add)
        for (prefix, moments) in [("adam.m", c.adam.m), ("adam.v", c.adam.v)] {
            for (i, values) in moments.enumerated() {
                var moved = values
                add("\(prefix)[\(i)]", nil, &moved)
            }
        }
        let header = Header(type: Checkpoint.typeKey, version: 2, config: c.config, step: c.step, elapsedSeconds: c.elapsedSeconds,
                            sampler: c.sampler,
                            adam: AdamScalars(beta1: c.adam.beta1, beta2: c.adam.beta2, epsilon: c.adam.epsilon, step: c.adam.step,
                                              moments: c.adam.m.count),
                            model: model, dtype: elementType, tensors: table)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var json = try encoder.encode(header)
        json.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - json.count % 8) % 8))
        var file = Data(count: prefixBytes + json.count + dataBytes)
        file.withUnsafeMutableBytes { out in
            out.copyBytes(from: magic)
            for (offset, word) in [(8, 2), (16, json.count), (24, dataBytes)] {
                out.storeBytes(of: UInt64(word).littleEndian, toByteOffset: offset, as: UInt64.self)
            }
            UnsafeMutableRawBufferPointer(rebasing: out[prefixBytes...]).copyBytes(from: json)
            var offset = prefixBytes + json.count
            for values in arrays {
                store(values, into: out, at: offset)
                offset += 8 * values.count
            }
            out.storeBytes(of: checksum(UnsafeRawBufferPointer(rebasing: out[prefixBytes...])).littleEndian, toByteOffset: 32, as: UInt64.self)
        }
        return file
    }

    static func store(_ values: [Double], into out: UnsafeMutableRawBufferPointer, at offset: Int) {
        guard !values.isEmpty else { return }
        #if _endian(little)
        values.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: out[offset..<(offset + $0.count)]).copyMemory(from: $0) }
        #else
        for (i, v) in values.enumerated() { out.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: offset + 8 * i, as: UInt64.self) }
        #endif
    }

    // MARK: Reading

    /// Decodes the binary form (the caller has seen the magic bytes).
    static func decode(_ data: Data, file: String) throws -> Checkpoint {
        try data.withUnsafeBytes { try decode($0, file: file) }
    }

    static func decode(_ raw: UnsafeRawBufferPointer, file: String) throws -> Checkpoint {
        func fail(_ what: String) -> DataError { DataError(file: file, what) }
        guard raw.count >= prefixBytes else {
            throw fail("truncated checkpoint: \(raw.count) bytes, shorter than the \(prefixBytes)-byte prefix of the binary form")
        }
        func word(_ offset: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        let (version, headerBytes, dataBytes, stored) = (word(8), word(16), word(24), word(32))
        guard version == 2 else {
            throw fail("checkpoint version \(version) not supported (\(Checkpoint.supportedText))")
        }
        let available = UInt64(raw.count - prefixBytes)
        func announced() -> String {
            let (sum, o1) = headerBytes.addingReportingOverflow(dataBytes), (total, o2) = sum.addingReportingOverflow(UInt64(prefixBytes))
            return "\(o1 || o2 ? "more than 2^64" : "\(total)") (\(prefixBytes)-byte prefix, \(headerBytes)-byte header, \(dataBytes) bytes of tensors)"
        }
        guard headerBytes <= available, dataBytes <= available - headerBytes else {
            throw fail("truncated checkpoint: \(raw.count) bytes where its prefix announces \(announced())")
        }
        guard headerBytes + dataBytes == available else {
            throw fail("checkpoint has \(available - headerBytes - dataBytes) bytes after its end: \(raw.count) bytes where its prefix announces \(announced())")
        }
        guard headerBytes % 8 == 0, dataBytes % 8 == 0 else {
            throw fail("malformed checkpoint: header (\(headerBytes) bytes) and data (\(dataBytes) bytes) must be multiples of 8 bytes")
        }
        guard checksum(UnsafeRawBufferPointer(rebasing: raw[prefixBytes...])) == stored else {
            throw fail("damaged checkpoint: checksum mismatch (the file changed after it was written)")
        }
        let (dataStart, size) = (prefixBytes + Int(headerBytes), Int(dataBytes))
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(raw[prefixBytes..<dataStart])) } catch {
            throw fail("malformed checkpoint header: \(describeDecodingError(error))")
        }
        guard header.type == Checkpoint.typeKey, header.version == 2 else {
            throw fail("malformed checkpoint header: type '\(header.type)' version \(header.version), expected '\(Checkpoint.typeKey)' version 2")
        }
        guard header.dtype == elementType else {
            throw fail("tensor element type '\(header.dtype)' not supported (supported: \(elementType), little-endian Float64)")
        }
        // The table: back to back from offset 0, inside the data, each name once, covering all of it.
        var index: [String: (offset: Int, count: Int, shape: [Int])] = [:], next = 0
        for t in header.tensors {
            guard let count = elementCount(t.shape) else {
                throw fail("tensor '\(t.name)': shape \(t.shape) has a negative size or more elements than an Int holds")
            }
            guard t.offset == next else {
                throw fail("tensor '\(t.name)': offset \(t.offset), expected \(next) (tensors are stored back to back in table order)")
            }
            guard count <= (size - next) / 8 else {
                throw fail("tensor '\(t.name)' of shape \(t.shape) ends beyond the \(size) data bytes (header and data sizes disagree)")
            }
            guard index[t.name] == nil else { throw fail("tensor '\(t.name)' appears twice in the table") }
            index[t.name] = (next, count, t.shape)
            next += 8 * count
        }
        guard next == size else {
            throw fail("the tensor table describes \(next) data bytes, the file has \(size) (header and data sizes disagree)")
        }
        var taken = Set<String>()
        func take(_ name: String, _ shape: [Int]?, _ values: inout [Double]) throws {
            guard let t = index[name] else { throw fail("tensor '\(name)' is missing from the table") }
            if let shape, t.shape != shape { throw fail("tensor '\(name)' has shape \(t.shape), its layer needs \(shape)") }
            values = load(raw, at: dataStart + t.offset, count: t.count)
            taken.insert(name)
        }
        var model = header.model
        try visit(&model.weights, take)
        let a = header.adam
        guard a.moments >= 0, a.moments <= header.tensors.count / 2 else {
            throw fail("Adam has \(a.moments) moment arrays, more than the table holds")
        }
        var adam = Adam(sizes: [])
        (adam.beta1, adam.beta2, adam.epsilon, adam.step) = (a.beta1, a.beta2, a.epsilon, a.step)
        for i in 0..<a.moments {
            var (m, v) = ([Double](), [Double]())
            try take("adam.m[\(i)]", nil, &m)
            try take("adam.v[\(i)]", nil, &v)
            adam.m.append(m)
            adam.v.append(v)
        }
        if let extra = header.tensors.first(where: { !taken.contains($0.name) }) {
            throw fail("tensor '\(extra.name)' in the table belongs to nothing in the header")
        }
        return Checkpoint(config: header.config, step: header.step, model: model, adam: adam, sampler: header.sampler,
                          elapsedSeconds: header.elapsedSeconds)
    }

    /// `count` Float64 values stored little-endian at `offset` of `raw` (checked by the caller).
    static func load(_ raw: UnsafeRawBufferPointer, at offset: Int, count: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialised in
            #if _endian(little)
            if count > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + 8 * count)])) }
            #else
            for i in 0..<count {
                buffer[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8 * i, as: UInt64.self)))
            }
            #endif
            initialised = count
        }
    }

    // MARK: Checksum

    /// A 64-bit checksum of `bytes`: xxHash64's rounds over little-endian 8-byte words in four
    /// lanes, the tail bytes zero-padded into a last word, then the length and xxHash64's final
    /// mixing (not xxHash64's exact output). Any change of one word changes it; costs a few ms for 36 MB.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let p1: UInt64 = 0x9E3779B185EBCA87, p2: UInt64 = 0xC2B2AE3D27D4EB4F, p3: UInt64 = 0x165667B19E3779F9
        @inline(__always) func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { x << r | x >> (64 - r) }
        @inline(__always) func round(_ acc: UInt64, _ w: UInt64) -> UInt64 { rotl(acc &+ w &* p2, 31) &* p1 }
        @inline(__always) func word(_ i: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)) }
        var a: UInt64 = p1 &+ p2, b: UInt64 = p2, c: UInt64 = 0, d: UInt64 = 0 &- p1
        let words = bytes.count / 8
        var i = 0
        while i + 4 <= words {
            (a, b, c, d) = (round(a, word(i)), round(b, word(i + 1)), round(c, word(i + 2)), round(d, word(i + 3)))
            i += 4
        }
        while i < words { a = round(a, word(i)); i += 1 }
        if bytes.count % 8 != 0 {
            var tail: UInt64 = 0
            for (k, byte) in bytes[(8 * words)...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(k)) }
            b = round(b, tail)
        }
        var h = rotl(a, 1) &+ rotl(b, 7) &+ rotl(c, 12) &+ rotl(d, 18)
        for lane in [a, b, c, d] { h = (h ^ round(0, lane)) &* p1 &+ p3 }
        h = h &+ UInt64(bytes.count)
        h ^= h >> 33; h = h &* p2; h ^= h >> 29; h = h &* p3; h ^= h >> 32
        return h
    }
}
