using SyscallBench.Core.Export;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Traces;
using SyscallBench.Reports.Dataset;

namespace SyscallBench.Reports;

/// <summary>
/// report.html: one self-contained page (plotly.js embedded, no external URL) with the run's metrics,
/// verdict, ROC/PR curves, score distributions, per-family detection, score timelines and, when the
/// traces were supplied, the dataset overview.
/// </summary>
/// <remarks>
/// <see cref="IResultExporter.Export"/> sees only the <see cref="RunResult"/>, which holds no traces, so the
/// dataset overview is then shown as unavailable. A caller holding the dataset uses
/// <see cref="Export(RunResult, LabeledDataset, string)"/> instead. Failures throw; the runner reports them
/// and the other exporters still write their files.
/// </remarks>
public sealed class HtmlReportExporter : IDatasetAwareExporter
{
    public const string FileName = RunFolder.ReportFileName;

    public string Name => FileName;

    public void Export(RunResult result, string directory) => Write(result, null, directory);

    /// <summary>Writes the report including the dataset overview computed from <paramref name="dataset"/>.</summary>
    public void Export(RunResult result, LabeledDataset dataset, string directory) =>
        Write(result, DatasetOverview.Compute(dataset), directory);

    /// <summary>Writes the report with an overview computed earlier (or none).</summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    /// <exception cref="InvalidOperationException">The page could not be built (the cause is the inner exception).</exception>
    public static void Write(RunResult result, DatasetOverview? overview, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        string html;
        try
        {
            html = ReportDocument.Render(result, overview);
        }
        catch (Exception e) when (e is not (InvalidOperationException or OutOfMemoryException or OperationCanceledException))
        {
            // Chart building goes through Plotly.NET and its JSON serializer, whose exception types the
            // runner does not know; one type it reports as an exporter failure (instead of losing the run)
            // keeps the other exporters' files. The original error stays attached.
            throw new InvalidOperationException($"{FileName}: the report could not be built: {e.Message}", e);
        }

        AtomicFile.WriteText(Path.Combine(directory, FileName), html);
    }
}
