import ArgumentParser

/// Placeholder, replaced by the data issue.
struct DataInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Summarise a dataset.")
    func run() throws { throw ValidationError("not implemented yet") }
}
