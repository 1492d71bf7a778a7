using System.ComponentModel;
using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.NGram;

/// <summary>Options of <see cref="TStideDetector"/>.</summary>
public sealed class TStideOptions : IOptions
{
    public const double DefaultRarityThreshold = 0.00001;

    [Description("k: calls per sliding window (step 1); a trace shorter than k is one window.")]
    public int WindowLength { get; init; } = StideOptions.DefaultWindowLength;

    [Description("Trace score: mismatch_rate (fraction of windows that are unseen or rare) or max_lfc (most mismatches in any locality_frame consecutive windows, divided by locality_frame).")]
    public MismatchScore Score { get; init; } = MismatchScore.MismatchRate;

    [Description("F: windows per locality frame, used by score max_lfc.")]
    public int LocalityFrame { get; init; } = StideOptions.DefaultLocalityFrame;

    [Description("A training window whose relative frequency (count / total training windows) is below this also counts as a mismatch; 0.00001 = 0.001%.")]
    public double RarityThreshold { get; init; } = DefaultRarityThreshold;

    public IEnumerable<OptionError> Validate()
    {
        var asStide = new StideOptions { WindowLength = WindowLength, Score = Score, LocalityFrame = LocalityFrame };
        foreach (var error in asStide.Validate())
        {
            yield return error;
        }

        if (!(RarityThreshold >= 0 && RarityThreshold <= 1))
        {
            yield return new OptionError(nameof(RarityThreshold), $"must be between 0 and 1, got {RarityThreshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}");
        }
    }
}

/// <summary>
/// t-stide, "stide with frequency threshold": as <see cref="StideDetector"/>, but windows that were rare
/// in training also count as mismatches.
/// </summary>
/// <remarks>
/// <para>With c(w) the training count of window w and N the number of training windows (with
/// repetition), window j of a test trace mismatches when <c>c(w_j) = 0</c> or <c>c(w_j) / N &lt; θ</c>
/// (rarity_threshold, default 0.001%). The trace score is then stide's:
/// <c>mismatch_rate = (Σ_j m_j) / |W|</c> or <c>max_lfc = max over frames of F consecutive windows of
/// (Σ_{j in frame} m_j) / F</c>. Windows, short traces and per-position scores are exactly as stide's
/// (they share <see cref="WindowMismatchModel"/>).</para>
/// <para>C. Warrender, S. Forrest, B. Pearlmutter, "Detecting Intrusions Using System Calls: Alternative
/// Data Models", IEEE Symposium on Security and Privacy, 1999.</para>
/// </remarks>
public sealed class TStideDetector : IDetector
{
    public const string TypeName = "tstide";

    public TStideDetector(string name, TStideOptions options)
    {
        OptionsBinder.ThrowIfInvalid(options, $"detector '{name}' ({TypeName})");
        Name = name;
        Options = options;
    }

    public string Name { get; }

    public string Type => TypeName;

    public TStideOptions Options { get; }

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context) =>
        WindowMismatchModel.Fit(Name, TypeName,
            new WindowMismatchSettings(Options.WindowLength, Options.Score, Options.LocalityFrame, Options.RarityThreshold),
            normalTraces, context);

    public static IFittedDetector Load(string directory) => WindowMismatchModel.Load(directory, TypeName);
}
