// swift-tools-version:6.0
// SymLab: comparing the symmetry operators of machine-learned interatomic potentials.
// Module layering (dependencies point downwards only): see docs/architecture.md.
import PackageDescription

/// Release builds made by the Makefile pass `-Xswiftc -target-cpu -Xswiftc <cpu>` themselves
/// (portable builds with `make PORTABLE=1`), so nothing CPU-specific is hard-coded here.
let swift5: [SwiftSetting] = [.swiftLanguageMode(.v5)]

let package = Package(
    name: "SymLab",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "symlab", targets: ["symlab"]),
        .library(name: "SymTensor", targets: ["SymTensor"]),
        .library(name: "SymAtoms", targets: ["SymAtoms"]),
        .library(name: "SymModel", targets: ["SymModel"]),
        .library(name: "SymTrain", targets: ["SymTrain"]),
        .library(name: "SymExperiment", targets: ["SymExperiment"]),
        .library(name: "SymLabTestKit", targets: ["SymLabTestKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // System libraries. No pkgConfig for GSL: gsl.pc adds -lgslcblas, and cblas must bind to OpenBLAS.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS"),
        .systemLibrary(name: "CGSL", path: "Sources/CGSL"),
        .systemLibrary(name: "CSystem", path: "Sources/CSystem"),
        .target(name: "SymTensor", dependencies: ["COpenBLAS"], swiftSettings: swift5),
        .target(name: "SymAtoms", dependencies: ["SymTensor", "CGSL", "COpenBLAS"], swiftSettings: swift5),
        .target(name: "SymModel", dependencies: ["SymTensor", "SymAtoms", "CGSL", .product(name: "Yams", package: "Yams")],
                swiftSettings: swift5),
        .target(name: "SymTrain", dependencies: ["SymModel", "SymAtoms", "SymTensor", "SymLabTestKit", "CGSL", .product(name: "Yams", package: "Yams")],
                swiftSettings: swift5),
        .target(name: "SymExperiment", dependencies: ["SymTrain", "SymModel", "SymAtoms", "SymTensor", "SymLabTestKit", "CGSL",
                                                      .product(name: "Yams", package: "Yams")],
                swiftSettings: swift5),
        .target(name: "SymLabTestKit", dependencies: ["SymModel", "SymAtoms", "SymTensor"], swiftSettings: swift5),
        .executableTarget(name: "symlab", dependencies: [
            "SymTensor", "SymAtoms", "SymModel", "SymTrain", "SymExperiment", "SymLabTestKit", "CGSL", "CSystem",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: swift5),
        .testTarget(name: "SymTensorTests", dependencies: ["SymTensor"], swiftSettings: swift5),
        .testTarget(name: "SymAtomsTests", dependencies: ["SymAtoms", "CGSL"],
                    resources: [.copy("Resources")], swiftSettings: swift5),
        .testTarget(name: "SymTrainTests", dependencies: ["SymTrain", "SymModel", "SymAtoms", "SymLabTestKit", "SymTensor"],
                    swiftSettings: swift5),
        // Depends on the `symlab` executable so that the CLI tests (kill and resume a suite) find it built.
        .testTarget(name: "SymExperimentTests", dependencies: ["SymExperiment", "SymTrain", "SymModel", "SymAtoms", "SymLabTestKit", "symlab"],
                    exclude: ["Resources"], swiftSettings: swift5),
        .testTarget(name: "SymModelTests", dependencies: ["SymModel", "SymLabTestKit", "SymAtoms", "SymTensor"],
                    resources: [.copy("Fixtures")], swiftSettings: swift5),
    ]
)
