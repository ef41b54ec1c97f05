import ArgumentParser

/// Placeholder, replaced by the data issue.
struct DataGenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Generate a built-in dataset.")
    func run() throws { throw ValidationError("not implemented yet") }
}
