namespace SyscallBench.Core.Config;

/// <summary>
/// `run --only NAME... / --skip NAME...`: an experiment with some of its detectors left out (the LSTM on a 2-core
/// laptop). The run's config.yaml then lists only the detectors that ran, so the run folder says what it holds.
/// </summary>
public static class DetectorSelection
{
    /// <param name="config">The experiment as read.</param>
    /// <param name="only">Detector names to keep (empty: all); comma-separated lists are split.</param>
    /// <param name="skip">Detector names to leave out.</param>
    /// <exception cref="SyscallBenchException">A name the experiment does not have, nothing left, or a kept ensemble
    /// whose member is left out (the message names them).</exception>
    public static ExperimentConfig Apply(ExperimentConfig config, IReadOnlyList<string> only, IReadOnlyList<string> skip)
    {
        var keep = Split(only);
        var drop = Split(skip);
        if (keep.Count == 0 && drop.Count == 0)
        {
            return config;
        }

        var names = config.Detectors.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = keep.Concat(drop).Where(n => !names.Contains(n)).Distinct(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new SyscallBenchException($"{config.SourceFile}: no detector named {string.Join(", ", unknown.Select(n => $"'{n}'"))}; " +
                $"its detectors: {string.Join(", ", config.Detectors.Select(d => d.Name))}.");
        }

        var kept = config.Detectors.Where(d => (keep.Count == 0 || keep.Contains(d.Name)) && !drop.Contains(d.Name)).ToArray();
        if (kept.Length == 0)
        {
            throw new SyscallBenchException($"{config.SourceFile}: --only/--skip leave no detector to run.");
        }

        var keptNames = kept.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var detector in kept)
        {
            if (detector.Options is Detection.IReferencesDetectors referencing
                && referencing.ReferencedDetectors.FirstOrDefault(m => !keptNames.Contains(m)) is { } missing)
            {
                throw new SyscallBenchException($"{config.SourceFile}: detector '{detector.Name}' combines '{missing}', which --only/--skip leave out; " +
                    $"keep '{missing}' or leave out '{detector.Name}' too.");
            }
        }

        return config with { Detectors = kept };
    }

    private static HashSet<string> Split(IReadOnlyList<string> names) =>
        names.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
}
