namespace SyscallBench.Core.Evaluation;

/// <summary>How far a bootstrap is: resamples drawn of all it draws (100,000 at most per bootstrap, several per run).</summary>
/// <param name="Done">Resamples drawn and measured.</param>
/// <param name="Total">Resamples to draw.</param>
public readonly record struct ResampleProgress(int Done, int Total)
{
    /// <summary>
    /// Reports every hundredth of <paramref name="total"/> and the last resample: often enough for a display, rare
    /// enough to cost nothing beside the resamples (a display redraw per resample would).
    /// </summary>
    internal static void ReportEvery(IProgress<ResampleProgress>? progress, int done, int total)
    {
        if (progress is not null && (done == total || done % Math.Max(1, total / 100) == 0))
        {
            progress.Report(new ResampleProgress(done, total));
        }
    }
}
