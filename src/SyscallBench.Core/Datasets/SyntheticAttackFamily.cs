namespace SyscallBench.Core.Datasets;

/// <summary>
/// The attack families of the synthetic generator. Each one departs from normal behaviour in a different
/// way, so detectors that look at different things (unseen windows, window frequencies, long context)
/// catch different families.
/// </summary>
public enum SyntheticAttackFamily
{
    /// <summary>A burst of 4-10 calls that no program ever makes (setuid32, chmod, ptrace, ...): unseen windows of every length.</summary>
    ForeignSubsequence,

    /// <summary>Known routines in an order that ignores the program's successor graph, for 40% of the trace: many unseen windows, unusual proportions.</summary>
    UnusualMix,

    /// <summary>One 25-60 long run of the program's rare-but-known call (normal runs are 3-12, and rare), placed where a normal run may occur: short windows stay known, only their frequency and the run's length are odd.</summary>
    RareRun,

    /// <summary>2-4 single-call substitutions chosen so that every 3-gram stays one seen in training: invisible to windows of 3, partly visible to longer ones.</summary>
    Mimicry,
}
