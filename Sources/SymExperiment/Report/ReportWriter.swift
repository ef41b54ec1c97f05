import Foundation
import SymAtoms

/// Writes a run folder's report: `report/report.md`, `report/results.csv` and the plots
/// (`report/plots/*.png|svg`, with their gnuplot scripts and data beside them).
public struct ReportWriter {
    public let store: ResultStore

    public init(store: ResultStore) { self.store = store }

    /// Where the files went.
    public struct Written: Sendable {
        public var markdown: String, csv: String, plots: String
    }

    /// Loads the table, writes everything atomically, returns the paths.
    /// - Throws: `StoreError` for an unreadable folder or a failed write.
    public func write() throws -> Written {
        let table = try ResultTable.load(store)
        let folder = store.reportFolder, plots = folder + "/plots"
        try AtomicFile.createFolder(plots, purpose: "report folder")
        let written = Written(markdown: folder + "/report.md", csv: folder + "/results.csv", plots: plots)
        let files = Plots.make(table, Analysis(table))
        let rendered = try render(files, in: plots)
        try AtomicFile.write(CSVReport.render(table), to: written.csv)
        try AtomicFile.write(MarkdownReport.render(table, plots: rendered), to: written.markdown)
        return written
    }

    /// Writes each plot's script and data and runs gnuplot on it; returns the plots rendered.
    /// Without gnuplot the scripts are still written and the report says so.
    func render(_ files: [PlotFile], in folder: String) throws -> [PlotFile] {
        var done: [PlotFile] = []
        for plot in files {
            for (name, text) in plot.data { try AtomicFile.write(text, to: "\(folder)/\(name)") }
            try AtomicFile.write(plot.script, to: "\(folder)/\(plot.name).gp")
            let result = try Subprocess.run("gnuplot", ["\(plot.name).gp"], directory: folder)
            if result.status == 0 && !result.signalled { done.append(plot) } else {
                let why = result.status == 127 ? "gnuplot not found (make setup installs gnuplot-nox)" : result.standardError
                FileHandle.standardError.write(Data("warning: plot \(plot.name) not rendered: \(why.trimmingCharacters(in: .whitespacesAndNewlines))\n".utf8))
            }
        }
        return done
    }
}
