namespace SyscallBench.Core.Detection;

/// <summary>What a detector may use while fitting besides the normal traces.</summary>
/// <param name="Seed">Seed for every random choice; same seed, same data, same machine: same model.</param>
/// <param name="Progress">Optional progress sink (fraction done 0..1 and a short status line).</param>
/// <param name="Cancellation">Cancels a long fit.</param>
/// <param name="FittedDetectors">
/// Detectors this run already fitted with the same seed, by experiment name, for detectors that build on
/// others (<see cref="IReferencesDetectors"/>, e.g. ensembles). The runner owns and disposes them.
/// </param>
public sealed record FitContext(int Seed, IProgress<FitProgress>? Progress = null, CancellationToken Cancellation = default,
    IReadOnlyDictionary<string, IFittedDetector>? FittedDetectors = null)
{
    public static FitContext Default { get; } = new(Seed: 42);

    public void Report(double fraction, string status) => Progress?.Report(new FitProgress(fraction, status));
}

public readonly record struct FitProgress(double Fraction, string Status);
