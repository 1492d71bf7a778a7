namespace SyscallBench.Core.Detection;

/// <summary>Facts about a detector type that let the runner schedule it well.</summary>
[Flags]
public enum DetectorTraits
{
    /// <summary>Seed-dependent and single-threaded: the safe default.</summary>
    None = 0,

    /// <summary>
    /// Fitting and scoring never read <see cref="FitContext.Seed"/>: the same data gives the same model
    /// whatever the seed. The runner then fits it once per split instead of once per seed.
    /// </summary>
    Deterministic = 1,

    /// <summary>
    /// Uses a process-wide native thread pool sized to the machine (libtorch). The runner gives such a
    /// unit, and the unit of any ensemble over it, every parallel slot, so it never runs beside other units
    /// and the cores are not oversubscribed.
    /// </summary>
    UsesAllCores = 2,

    /// <summary>
    /// A language model of syscalls: its fitted model is an <see cref="INextCallPredictor"/> and its
    /// <see cref="TraceScore.PositionScores"/> are the per-call surprisals -ln p(x_t | context) in nats, whatever
    /// its trace score. A <c>select:</c> then compares variants by held-out likelihood.
    /// </summary>
    LanguageModel = 4,
}
