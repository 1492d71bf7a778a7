using System.ComponentModel;
using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.NGram;

/// <summary>Options of <see cref="StideDetector"/>.</summary>
public sealed class StideOptions : IOptions
{
    public const int DefaultWindowLength = 6;
    public const int DefaultLocalityFrame = 20;

    [Description("k: calls per sliding window (step 1); a trace shorter than k is one window.")]
    public int WindowLength { get; init; } = DefaultWindowLength;

    [Description("Trace score: mismatch_rate (fraction of windows never seen in training) or max_lfc (most mismatches in any locality_frame consecutive windows, divided by locality_frame).")]
    public MismatchScore Score { get; init; } = MismatchScore.MismatchRate;

    [Description("F: windows per locality frame, used by score max_lfc.")]
    public int LocalityFrame { get; init; } = DefaultLocalityFrame;

    public IEnumerable<OptionError> Validate()
    {
        if (WindowLength < 1)
        {
            yield return new OptionError(nameof(WindowLength), $"must be at least 1, got {WindowLength}");
        }

        if (LocalityFrame < 1)
        {
            yield return new OptionError(nameof(LocalityFrame), $"must be at least 1, got {LocalityFrame}");
        }

        if (!Enum.IsDefined(Score))
        {
            yield return new OptionError(nameof(Score), $"must be mismatch_rate or max_lfc, got {(int)Score}");
        }
    }
}

/// <summary>
/// Stide, "sequence time-delay embedding": normal behaviour is the set of length-k windows of the
/// training traces; a window of a test trace that is not in the set is a mismatch.
/// </summary>
/// <remarks>
/// <para>Windows slide by one call; a trace shorter than k is one window (the whole trace), in training
/// and scoring alike. With W the trace's windows and m_j = 1 when window j is not a training window:</para>
/// <para><c>mismatch_rate = (Σ_j m_j) / |W|</c>;
/// <c>max_lfc = max over frames of F consecutive windows of (Σ_{j in frame} m_j) / F</c>
/// (a trace with fewer than F windows is one frame; the divisor stays F).</para>
/// <para>Per-position score i is 1 when the window ending at call i mismatches, else 0.</para>
/// <para>S. Forrest, S. A. Hofmeyr, A. Somayaji, T. A. Longstaff, "A Sense of Self for Unix Processes",
/// IEEE Symposium on Security and Privacy, 1996; C. Warrender, S. Forrest, B. Pearlmutter, "Detecting
/// Intrusions Using System Calls: Alternative Data Models", IEEE Symposium on Security and Privacy, 1999
/// (locality frame count).</para>
/// </remarks>
public sealed class StideDetector : IDetector
{
    public const string TypeName = "stide";

    public StideDetector(string name, StideOptions options)
    {
        OptionsBinder.ThrowIfInvalid(options, $"detector '{name}' ({TypeName})");
        Name = name;
        Options = options;
    }

    public string Name { get; }

    public string Type => TypeName;

    public StideOptions Options { get; }

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context) =>
        WindowMismatchModel.Fit(Name, TypeName,
            new WindowMismatchSettings(Options.WindowLength, Options.Score, Options.LocalityFrame, RarityThreshold: 0),
            normalTraces, context);

    public static IFittedDetector Load(string directory) => WindowMismatchModel.Load(directory, TypeName);
}
