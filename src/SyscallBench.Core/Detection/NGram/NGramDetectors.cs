namespace SyscallBench.Core.Detection.NGram;

/// <summary>The n-gram family's registry lines: one per detector type.</summary>
public static class NGramDetectors
{
    /// <remarks>All three count windows of the training traces: no random choice, so they are deterministic.</remarks>
    public static IReadOnlyList<DetectorDescriptor> Descriptors { get; } =
    [
        DetectorDescriptor.Create<StideOptions>(StideDetector.TypeName,
            "Fraction (or densest frame) of length-k windows never seen in training (Forrest et al. 1996).",
            (name, options) => new StideDetector(name, options), StideDetector.Load, DetectorTraits.Deterministic),
        DetectorDescriptor.Create<TStideOptions>(TStideDetector.TypeName,
            "Stide that also counts rare training windows as mismatches (Warrender et al. 1999).",
            (name, options) => new TStideDetector(name, options), TStideDetector.Load, DetectorTraits.Deterministic),
        DetectorDescriptor.Create<NGramOptions>(NGramDetector.TypeName,
            "Mean or max-window surprisal under a smoothed n-gram language model of syscalls.",
            (name, options) => new NGramDetector(name, options), NGramDetector.Load, DetectorTraits.Deterministic | DetectorTraits.LanguageModel),
    ];
}
