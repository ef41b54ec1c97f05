import Foundation
import SymAtoms
import Testing
@testable import SymModel

/// The bundled DeePMD fixtures (copies of shared/fixtures), decoded once per test process.
enum TestFixtures {
    /// Base names of the two se_e2_a fixture files (copies of shared/fixtures).
    static let names = ["deepmd-se_e2_a-tiny", "deepmd-se_e2_a-tiny-two-side"]
    /// The se_atten_v2 (DPA-1) fixture, written by generate-se_atten_v2-fixture.py beside it.
    static let attentionNames = ["deepmd-se_atten_v2-tiny"]
    /// Every bundled fixture.
    static let all = names + attentionNames

    static func url(_ name: String) -> URL? {
        Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures")
    }

    private static let cache: [String: Result<DeePMDFixture, DataError>] = Dictionary(
        uniqueKeysWithValues: all.map { name in
            guard let url = url(name) else {
                return (name, .failure(DataError(file: name + ".json", "not in the test bundle")))
            }
            do { return (name, .success(try DeePMDFixture.load(contentsOf: url))) } catch let e as DataError {
                return (name, .failure(e))
            } catch { return (name, .failure(DataError(file: url.path, "\(error)"))) }
        })

    /// The decoded fixture `name`.
    static func fixture(_ name: String) throws -> DeePMDFixture { try cache[name]!.get() }

    /// The raw bytes of fixture `name`.
    static func data(_ name: String) throws -> Data { try Data(contentsOf: #require(url(name))) }
}

/// max|a − b| / max|b| over the whole array (the fixture README's measure).
func relativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "arrays differ in length: \(a.count) vs \(b.count)")
    var num = 0.0, den = 0.0
    for k in a.indices {
        num = max(num, abs(a[k] - b[k]))
        den = max(den, abs(b[k]))
    }
    return den == 0 ? num : num / den
}

@Suite("DeePMD fixture loader")
struct FixtureLoaderTests {
    @Test("both fixtures decode with the documented sizes", arguments: TestFixtures.names)
    func decodesSizes(name: String) throws {
        let fx = try TestFixtures.fixture(name)
        let p = try fx.parameters
        let inter = try #require(fx.intermediates)
        #expect(p.typeMap == ["O", "H"])
        #expect(p.sel == [46, 92] && p.nnei == 138 && p.ntypes == 2)
        #expect(p.rcut == 6.0 && p.rcutSmooth == 0.5)
        #expect(p.embeddingWidth == 32 && p.axisNeurons == 4 && p.descriptorWidth == 128)
        #expect(p.typeOneSide == !name.hasSuffix("two-side"))
        #expect(p.embedding.count == (p.typeOneSide ? 2 : 4) && p.fitting.count == 2)
        #expect(p.energyBias == [-2.718281828459045, -0.5772156649015329])
        #expect(p.problems().isEmpty)
        #expect(fx.frames.map(\.name) == ["water_data_0_frame0", "water_data_0_frame1",
                                          "water_cluster_3mol_nonperiodic"])
        #expect(fx.frames.map(\.frame.atomCount) == [192, 192, 9])
        #expect(fx.frames.map(\.frame.isPeriodic) == [true, true, false])
        #expect(inter.frameIndex == 0)
        #expect(Set(inter.t.keys) == [0, 1, 2, 64] && Set(inter.env.keys) == [0, 64])
        // davg/dstd: the per-type constants of the README, repeated over the 138 slots.
        for slot in [0, 77, 137] {
            #expect(p.davg[(0 * 138 + slot) * 4] == 0.05034693122504085)
            #expect(p.dstd[(1 * 138 + slot) * 4 + 2] == 0.0767912554356743)
        }
    }

    @Test("layer flags in the fixtures follow DeePMD's width rule", arguments: TestFixtures.names)
    func layerFlagsFollowRule(name: String) throws {
        let p = try TestFixtures.fixture(name).parameters
        for net in p.embedding {
            #expect(net.layers.map(\.skip) == [.none, .concat, .identity, .concat])
            for l in net.layers {
                #expect(l.skip == SkipKind.rule(inputs: l.inputs, outputs: l.outputs))
                #expect(l.activation == .tanh && l.timestep == nil)
            }
        }
        for net in p.fitting {
            #expect(net.layers.map(\.skip) == [.none, .identity, .identity, .none])
            #expect(net.layers.map { $0.timestep != nil } == [false, true, true, false])
            #expect(net.layers.map(\.activation) == [.tanh, .tanh, .tanh, .linear])
        }
    }

    /// The two-side file stores nets in DeePMD order t_i + 2 t_j; we index t_i·2 + t_j. Check against
    /// the names in the raw JSON, read independently of the loader.
    @Test("two-side embedding nets are placed by centre and neighbour type")
    func twoSideMapping() throws {
        let name = "deepmd-se_e2_a-tiny-two-side"
        let p = try TestFixtures.fixture(name).parameters
        let json = try #require(JSONSerialization.jsonObject(with: TestFixtures.data(name)) as? [String: Any])
        let params = try #require(json["parameters"] as? [String: Any])
        let nets = try #require(params["embedding_nets"] as? [[String: Any]])
        var seen: [Int] = []
        for net in nets {
            let ti = try #require(["O", "H"].firstIndex(of: net["center_type"] as? String ?? ""))
            let tj = try #require(["O", "H"].firstIndex(of: net["neighbour_type"] as? String ?? ""))
            let layers = try #require(net["layers"] as? [[String: Any]])
            let w = try #require((layers[3]["W"] as? [String: Any])?["data"] as? [[Double]])
            let index = p.embeddingIndex(centre: ti, neighbour: tj)
            #expect(index == ti * 2 + tj)
            // JSONSerialization on Linux is not correctly rounded (last digit may differ), hence 1e-14.
            #expect(relativeError(p.embedding[index].layers[3].weight, w.flatMap { $0 }) < 1e-14)
            seen.append(index)
        }
        #expect(seen.sorted() == [0, 1, 2, 3])
        // File order (t_i + 2 t_j) differs from ours (2 t_i + t_j): the mapping is really exercised.
        #expect(seen == [0, 2, 1, 3])
    }

    @Test("bundled fixtures equal shared/fixtures when that folder is present", arguments: TestFixtures.names)
    func bundledCopiesAreCurrent(name: String) throws {
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared/fixtures/\(name).json").standardizedFileURL
        guard FileManager.default.fileExists(atPath: shared.path) else {
            print("skipped: \(shared.path) not present")
            return
        }
        #expect(try Data(contentsOf: shared) == TestFixtures.data(name))
    }

    /// Damages the one-side fixture text and returns the loader's error message.
    func loadError(_ edit: (String) -> String) throws -> String {
        let text = try #require(String(data: TestFixtures.data(TestFixtures.names[0]), encoding: .utf8))
        let edited = edit(text)
        #expect(edited != text, "the edit did not change the file")
        do {
            _ = try DeePMDFixture.decode(Data(edited.utf8), source: "bad.json")
        } catch let e as DataError {
            #expect(e.file == "bad.json")
            #expect(!e.description.contains("\n"))
            return e.problem
        }
        Issue.record("damaged fixture loaded without error")
        return ""
    }

    func replacing(_ old: String, _ new: String) -> (String) -> String {
        { text in
            guard let r = text.range(of: old) else { return text }
            return text.replacingCharacters(in: r, with: new)
        }
    }

    @Test("damaged files give one-line errors naming the problem")
    func malformedFiles() throws {
        #expect(try loadError { String($0.prefix(5000)) }.contains("not valid JSON"))
        #expect(try loadError(replacing("\"parameters\": {", "\"parameterz\": {")).contains("missing key 'parameters'"))
        #expect(try loadError(replacing("\"env_protection\": 0.0", "\"env_protection\": 1.0")).contains("env_protection"))
        #expect(try loadError(replacing("\"skip\": \"concat\"", "\"skip\": \"twice\"")).contains("unknown skip 'twice'"))
        #expect(try loadError(replacing("\"axis_neuron\": 4", "\"axis_neuron\": 64")).contains("axisNeurons 64"))
        #expect(try loadError(replacing("\"natoms\": 192", "\"natoms\": 191")).contains("frames[0]"))
        #expect(try loadError(replacing("\"rcut\": 6.0", "\"rcut\": \"six\"")).contains("config.descriptor.rcut"))
        #expect(try loadError(replacing("\"center_type\": \"O\"", "\"center_type\": \"X\"")).contains("'X' is not in type_map"))
    }

    @Test("a missing file is a DataError naming it")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/fixture.json")
        do {
            _ = try DeePMDFixture.load(contentsOf: url)
            Issue.record("loading a missing file succeeded")
        } catch let e as DataError {
            #expect(e.file == url.path && e.problem.hasPrefix("cannot read"))
        } catch { Issue.record("unexpected error type: \(error)") }
    }
}
