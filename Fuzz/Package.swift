// swift-tools-version:5.4
// Coverage-guided fuzzing of SymLab's readers with libFuzzer (see docs/fuzzing.md). Build and run
// through scripts/fuzz.sh (`make fuzz`); by hand:
//
//   swift build -c debug --package-path Fuzz --build-path Fuzz/.build-fuzz \
//     -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   SWIFT_BACKTRACE=enable=no Fuzz/.build-fuzz/debug/FuzzNPY Fuzz/Seeds/npy
//
// One executable per reader; its main.swift holds only the `LLVMFuzzerTestOneInput` entry point.
// Tools version 5.4 on purpose: from 5.5 on SwiftPM renames each executable's entry point to
// `<Target>_main` and links `main` to it, which fails for these files (-parse-as-library, no
// entry point: libFuzzer provides `main`). Linux only, as libFuzzer ships with swift.org
// toolchains there; language mode 5 like the root package.
import PackageDescription

/// The harnesses: target name and the SymLab libraries its reader lives in.
let harnesses: [(name: String, libraries: [String])] = [
    ("FuzzNPY", ["SymAtoms"]),
    ("FuzzExtXYZ", ["SymAtoms"]),
    ("FuzzDeePMD", ["SymAtoms"]),
    ("FuzzTrainingConfig", ["SymTrain"]),
    ("FuzzSuiteSpec", ["SymExperiment"]),
    ("FuzzModelFile", ["SymModel", "SymAtoms"]),
    ("FuzzDeePMDModel", ["SymModel", "SymAtoms"]),
    ("FuzzCheckpoint", ["SymTrain"]),
]

let package = Package(
    name: "SymLabFuzz",
    dependencies: [.package(name: "SymLab", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [
            .product(name: "SymAtoms", package: "SymLab"), .product(name: "SymTrain", package: "SymLab"),
            .product(name: "SymExperiment", package: "SymLab"),
        ]),
    ] + harnesses.map { h in
        .executableTarget(name: h.name,
                          dependencies: ["FuzzSupport"] + h.libraries.map { .product(name: $0, package: "SymLab") })
    }
)
