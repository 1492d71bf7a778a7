namespace SyscallBench.Core.Detection.NGram;

/// <summary>How stide and t-stide turn a trace's window mismatches into one score.</summary>
public enum MismatchScore
{
    /// <summary>Fraction of the trace's windows that mismatch (Forrest et al. 1996).</summary>
    MismatchRate,

    /// <summary>
    /// Locality frame count: the most mismatches within any F consecutive windows, divided by F
    /// (Warrender, Forrest and Pearlmutter 1999).
    /// </summary>
    MaxLfc,
}

/// <summary>The two trace scores over a trace's per-window mismatch flags.</summary>
internal static class MismatchScoring
{
    public static double Score(ReadOnlySpan<bool> mismatches, MismatchScore score, int localityFrame) => score switch
    {
        MismatchScore.MismatchRate => MismatchRate(mismatches),
        MismatchScore.MaxLfc => MaxLocalityFrameCount(mismatches, localityFrame) / (double)localityFrame,
        _ => throw new ArgumentOutOfRangeException(nameof(score), score, null),
    };

    public static double MismatchRate(ReadOnlySpan<bool> mismatches)
    {
        if (mismatches.IsEmpty)
        {
            return 0;
        }

        var count = 0;
        foreach (var mismatch in mismatches)
        {
            count += mismatch ? 1 : 0;
        }

        return count / (double)mismatches.Length;
    }

    /// <summary>
    /// The largest number of mismatches in any <paramref name="frame"/> consecutive windows; a trace with
    /// fewer windows than the frame is one frame (so its count is its total mismatches).
    /// </summary>
    public static int MaxLocalityFrameCount(ReadOnlySpan<bool> mismatches, int frame)
    {
        var inFrame = 0;
        var max = 0;
        for (var i = 0; i < mismatches.Length; i++)
        {
            inFrame += mismatches[i] ? 1 : 0;
            if (i >= frame)
            {
                inFrame -= mismatches[i - frame] ? 1 : 0;
            }

            max = Math.Max(max, inFrame);
        }

        return max;
    }
}
