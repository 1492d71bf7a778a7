using SyscallBench.Core.Results;

namespace SyscallBench.Reports.Charts;

/// <summary>One detector result as the report shows it: its display label and its color index.</summary>
internal sealed record ReportRow(DetectorResult Result, string Label, int ColorIndex)
{
    /// <summary>The main results (learning-curve points have their own section), in run order.</summary>
    public static IReadOnlyList<ReportRow> Of(RunResult result)
    {
        var multipleSeeds = result.Config.Seeds.Count > 1;
        return result.MainResults.Select((r, i) => new ReportRow(r, r.Label(multipleSeeds), i)).ToArray();
    }
}
